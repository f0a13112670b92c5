/**
 * @module The HTTP app: an ApiRequest in, an ApiResponse out. `POST /` with an X-Amz-Target goes
 * straight to its awsJson service by the target's prefix (awsJson1_0 for Step Functions, awsJson1_1
 * for CloudWatch Logs); other requests are routed by method and path (restJson1 for Lambda).
 */
import { randomUUID } from "node:crypto";
import type { CallContext, OperationTable } from "../services/index.js";
import { internalFailure, unknownOperation } from "./common-errors.js";
import { awsJsonErrorResponse, awsJsonService, FALLBACK_CONTENT_TYPE, jsonResponse, type AwsJsonService } from "./aws-json.js";
import { requestUrl, type ApiRequest, type ApiResponse, type App, type RequestUrl } from "./exchange.js";
import { silentLogger, type Logger } from "./logger.js";
import type { CallContextOf, Protocol, RequestContext } from "./protocol.js";
import { lambdaProtocol } from "./lambda-routes.js";
import { requestCredentialScope } from "./sigv4.js";

export interface AppOptions {
  /** Step Functions always; Lambda (restJson1) and CloudWatch Logs (awsJson1_1) when given. */
  readonly services: { readonly states: OperationTable; readonly lambda?: OperationTable; readonly logs?: OperationTable };
  readonly logger?: Logger;
  /** The account of every caller until IAM arrives (default 123456789012). */
  readonly accountId?: string;
  /** The region when the request carries no SigV4 credential scope (default us-east-1). */
  readonly region?: string;
  /** Larger bodies get a 413 (default DEFAULT_MAX_BODY_BYTES). */
  readonly maxBodyBytes?: number;
  /** Request ids (default random UUIDs). */
  readonly requestId?: () => string;
}

/**
 * Definitions may be 1 MiB of characters (CreateStateMachine's limit) and grow when escaped as a JSON
 * string; execution input is limited to 256 KiB by the service. Anything beyond 2 MiB is refused unread.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";

export function createApp(options: AppOptions): App {
  const logger = options.logger ?? silentLogger;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const defaultRegion = options.region ?? DEFAULT_REGION;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const nextRequestId = options.requestId ?? randomUUID;

  const callContext: CallContextOf = (request, url, requestId, service) => {
    const scope = requestCredentialScope(request.headers["authorization"], url);
    // A scope signed for another service says nothing about this one's region.
    const region = scope !== undefined && scope.service === service ? scope.region : defaultRegion;
    const call: CallContext = { accountId, region, requestId, get signal() { return request.signal; } };
    return call;
  };
  const env = { logger, maxBodyBytes, callContext };
  const { states, lambda, logs } = options.services;
  /** X-Amz-Target prefix → service. */
  const byTarget = new Map<string, AwsJsonService>([
    ["AWSStepFunctions", awsJsonService({ version: "1.0", targetPrefix: "AWSStepFunctions", signingName: "states", operations: states }, env)],
    ...(logs ? [["Logs_20140328", awsJsonService({ version: "1.1", targetPrefix: "Logs_20140328", signingName: "logs", operations: logs }, env)] as const] : []),
  ]);
  const routed: readonly Protocol[] = lambda ? [lambdaProtocol(lambda)] : [];

  return async (request) => {
    const requestId = nextRequestId();
    try {
      const url = requestUrl(request.target);
      if (request.method === "POST" && url.pathname === "/") {
        const target = request.headers["x-amz-target"] ?? "";
        const dot = target.indexOf(".");
        const service = dot < 0 ? undefined : byTarget.get(target.slice(0, dot));
        if (service !== undefined) return await service(request, url, target.slice(dot + 1), requestId);
      } else if (url.pathname === "/health" && (request.method === "GET" || request.method === "HEAD")) {
        return jsonResponse(200, { status: "ok" }, "application/json", requestId);
      }
      const protocol = routed.find((p) => p.matches(request, url));
      if (protocol === undefined) return unclaimed(request, url, requestId);
      const context: RequestContext = { url, requestId, logger, maxBodyBytes, callContext };
      return await protocol.handle(request, context);
    } catch (e) {
      logger.error(`request ${requestId} failed`, e);
      return awsJsonErrorResponse(internalFailure(), FALLBACK_CONTENT_TYPE, requestId);
    }
  };
}

/** No protocol serves the request: a missing or unknown X-Amz-Target, or an unknown path or method. */
function unclaimed(request: ApiRequest, url: RequestUrl, requestId: string): ApiResponse {
  request.discardBody();
  const target = request.headers["x-amz-target"];
  const rootPost = request.method === "POST" && url.pathname === "/";
  const message = !rootPost ? `No operation for ${request.method} ${url.pathname}`
    : target === undefined ? "Missing the X-Amz-Target header" : `Unknown operation ${JSON.stringify(target)}`;
  const response = awsJsonErrorResponse(unknownOperation(message), FALLBACK_CONTENT_TYPE, requestId);
  return rootPost ? response : { ...response, status: 404 };
}
