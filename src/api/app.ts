/**
 * @module The HTTP app: web-standard Request in, Response out. Dispatches to the protocol table
 * (awsJson1_0 for Step Functions, restJson1 for Lambda, awsJson1_1 for CloudWatch Logs).
 */
import { randomUUID } from "node:crypto";
import type { CallContext, OperationTable } from "../services/index.js";
import { internalFailure, unknownOperation } from "./common-errors.js";
import { awsJsonErrorResponse, awsJsonProtocol, contentTypeOf, jsonResponse } from "./aws-json.js";
import { silentLogger, type Logger } from "./logger.js";
import type { Protocol, RequestContext } from "./protocol.js";
import { lambdaProtocol } from "./lambda-routes.js";
import { requestCredentialScope } from "./sigv4.js";

export type App = (request: Request) => Promise<Response>;

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

/** The awsJson1_0 content type: errors for requests no protocol claims are worded as Step Functions would. */
const FALLBACK_CONTENT_TYPE = contentTypeOf("1.0");

export function createApp(options: AppOptions): App {
  const logger = options.logger ?? silentLogger;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const defaultRegion = options.region ?? DEFAULT_REGION;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const nextRequestId = options.requestId ?? randomUUID;

  const { states, lambda, logs } = options.services;
  const protocols: readonly Protocol[] = [
    awsJsonProtocol({ version: "1.0", targetPrefix: "AWSStepFunctions", signingName: "states", operations: states }),
    ...(logs ? [awsJsonProtocol({ version: "1.1", targetPrefix: "Logs_20140328", signingName: "logs", operations: logs })] : []),
    ...(lambda ? [lambdaProtocol(lambda)] : []),
  ];

  return async (request) => {
    const requestId = nextRequestId();
    try {
      const url = new URL(request.url);
      if (url.pathname === "/health" && (request.method === "GET" || request.method === "HEAD")) {
        return jsonResponse(200, { status: "ok" }, "application/json", requestId);
      }
      const protocol = protocols.find((p) => p.matches(request, url));
      if (protocol === undefined) return await unclaimed(request, url, requestId);
      const context: RequestContext = {
        url, requestId, logger, maxBodyBytes,
        callContext: (service): CallContext => {
          const scope = requestCredentialScope(request.headers, url);
          // A scope signed for another service says nothing about this one's region.
          const region = scope !== undefined && scope.service === service ? scope.region : defaultRegion;
          return { accountId, region, requestId, signal: request.signal };
        },
      };
      return await protocol.handle(request, context);
    } catch (e) {
      logger.error(`request ${requestId} failed`, e);
      return awsJsonErrorResponse(internalFailure(), FALLBACK_CONTENT_TYPE, requestId);
    }
  };
}

/** No protocol serves the request: a missing or unknown X-Amz-Target, or an unknown path or method. */
async function unclaimed(request: Request, url: URL, requestId: string): Promise<Response> {
  await request.body?.cancel().catch(() => undefined);
  const target = request.headers.get("x-amz-target");
  let message: string;
  if (request.method === "POST" && url.pathname === "/") {
    message = target === null ? "Missing the X-Amz-Target header" : `Unknown operation ${JSON.stringify(target)}`;
  } else {
    message = `No operation for ${request.method} ${url.pathname}`;
  }
  const error = unknownOperation(message);
  const response = awsJsonErrorResponse(error, FALLBACK_CONTENT_TYPE, requestId);
  if (request.method === "POST" && url.pathname === "/") return response;
  return new Response(response.body, { status: 404, headers: response.headers });
}
