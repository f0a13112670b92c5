/**
 * @module The awsJson1_0 / awsJson1_1 protocols: `POST /`, `X-Amz-Target: <Prefix>.<Operation>`, JSON in and out,
 * errors as `{"__type", "message"}`. https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import { isServiceError, type OperationTable, type ServiceError } from "../services/index.js";
import { internalFailure, serializationError, unknownOperation } from "./common-errors.js";
import type { ApiRequest, ApiResponse, RequestUrl } from "./exchange.js";
import type { Logger } from "./logger.js";
import type { CallContextOf } from "./protocol.js";
import { readBodyText } from "./read-body.js";

export interface AwsJsonOptions {
  readonly version: "1.0" | "1.1";
  /** The X-Amz-Target prefix, e.g. "AWSStepFunctions". */
  readonly targetPrefix: string;
  /** The SigV4 signing name, e.g. "states". */
  readonly signingName: string;
  readonly operations: OperationTable;
}

/** What the app gives an awsJson service for every request. */
export interface AwsJsonEnvironment {
  readonly logger: Logger;
  /** Larger bodies get a 413 without being read on. */
  readonly maxBodyBytes: number;
  readonly callContext: CallContextOf;
}

/** Serves one request whose X-Amz-Target is `<targetPrefix>.<operationName>`. Never throws. */
export type AwsJsonService = (request: ApiRequest, url: RequestUrl, operationName: string, requestId: string) => Promise<ApiResponse>;

export const contentTypeOf = (version: AwsJsonOptions["version"]): string => `application/x-amz-json-${version}`;

/** The awsJson1_0 content type: errors for requests no protocol claims are worded as Step Functions would. */
export const FALLBACK_CONTENT_TYPE = contentTypeOf("1.0");

export function awsJsonService(options: AwsJsonOptions, env: AwsJsonEnvironment): AwsJsonService {
  const contentType = contentTypeOf(options.version);
  const { operations, targetPrefix, signingName } = options;
  return async (request, url, operationName, requestId) => {
    try {
      const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
      if (operation === undefined) {
        request.discardBody();
        throw unknownOperation(`${targetPrefix} has no operation ${JSON.stringify(operationName)}`);
      }
      const input = parseInput(await readBodyText(request, env.maxBodyBytes));
      const output = await operation(input, env.callContext(request, url, requestId, signingName));
      return jsonResponse(200, output ?? {}, contentType, requestId);
    } catch (e) {
      return awsJsonErrorResponse(toServiceError(e, env.logger, requestId), contentType, requestId);
    }
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

export function jsonResponse(status: number, body: unknown, contentType: string, requestId: string): ApiResponse {
  return { status, headers: { "content-type": contentType, "x-amzn-requestid": requestId }, body: JSON.stringify(body) };
}

/** `{"__type": code, "message": msg, ...fields}` with the code also in `x-amzn-ErrorType`. */
export function awsJsonErrorResponse(error: ServiceError, contentType: string, requestId: string): ApiResponse {
  const { __type: _t, message: _m, ...fields } = error.fields as Record<string, string>;
  const response = jsonResponse(error.status, { __type: error.code, message: error.message, ...fields }, contentType, requestId);
  response.headers["x-amzn-errortype"] = error.code;
  return response;
}
