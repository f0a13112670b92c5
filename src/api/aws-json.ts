/**
 * @module The awsJson1_0 / awsJson1_1 protocols: `POST /`, `X-Amz-Target: <Prefix>.<Operation>`, JSON in and out,
 * errors as `{"__type", "message"}`. https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import { isServiceError, type OperationTable, type ServiceError } from "../services/index.js";
import { internalFailure, serializationError, unknownOperation } from "./common-errors.js";
import type { Logger } from "./logger.js";
import type { Protocol, RequestContext } from "./protocol.js";
import { readBodyText } from "./read-body.js";

export interface AwsJsonOptions {
  readonly version: "1.0" | "1.1";
  /** The X-Amz-Target prefix, e.g. "AWSStepFunctions". */
  readonly targetPrefix: string;
  /** The SigV4 signing name, e.g. "states". */
  readonly signingName: string;
  readonly operations: OperationTable;
}

export const contentTypeOf = (version: AwsJsonOptions["version"]): string => `application/x-amz-json-${version}`;

export function awsJsonProtocol(options: AwsJsonOptions): Protocol {
  const contentType = contentTypeOf(options.version);
  const prefix = `${options.targetPrefix}.`;
  return {
    name: `awsJson${options.version.replace(".", "_")} ${options.targetPrefix}`,
    matches: (request, url) => request.method === "POST" && url.pathname === "/" && (request.headers.get("x-amz-target") ?? "").startsWith(prefix),
    async handle(request, context) {
      try {
        const operationName = (request.headers.get("x-amz-target") ?? "").slice(prefix.length);
        const operation = Object.hasOwn(options.operations, operationName) ? options.operations[operationName] : undefined;
        if (operation === undefined) {
          await request.body?.cancel().catch(() => undefined);
          throw unknownOperation(`${options.targetPrefix} has no operation ${JSON.stringify(operationName)}`);
        }
        const input = parseInput(await readBodyText(request, context.maxBodyBytes));
        const output = await operation(input, context.callContext(options.signingName));
        return jsonResponse(200, output ?? {}, contentType, context.requestId);
      } catch (e) {
        return awsJsonErrorResponse(toServiceError(e, context.logger, context.requestId), contentType, context.requestId);
      }
    },
  };
}

/** An empty body means `{}` (some clients send nothing for operations without input). */
function parseInput(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw serializationError(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw serializationError("The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function toServiceError(e: unknown, logger: Logger, requestId: string): ServiceError {
  if (isServiceError(e)) return e;
  logger.error(`request ${requestId} failed`, e);
  return internalFailure();
}

export function jsonResponse(status: number, body: unknown, contentType: string, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": contentType, "x-amzn-requestid": requestId, ...headers },
  });
}

/** `{"__type": code, "message": msg, ...fields}` with the code also in `x-amzn-ErrorType`. */
export function awsJsonErrorResponse(error: ServiceError, contentType: string, requestId: string): Response {
  const { __type: _t, message: _m, ...fields } = error.fields as Record<string, string>;
  return jsonResponse(error.status, { __type: error.code, message: error.message, ...fields }, contentType, requestId, {
    "x-amzn-errortype": error.code,
  });
}
