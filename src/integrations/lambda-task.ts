/** @module Task states that call Lambda: function ARNs (raw payload) and `lambda:invoke` (AWS's wrapped result). */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { isJsonObject } from "../shared/json.js";
import type { AslError } from "../asl/index.js";
import { LambdaServiceError, type InvokeFunction, type LambdaInvocation, type LambdaResponse } from "./lambda-types.js";

const FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** What a Task asks of Lambda, and the shape its result takes. */
export type LambdaTask = { readonly kind: "function"; readonly invocation: LambdaInvocation } | { readonly kind: "invoke"; readonly invocation: LambdaInvocation };

/** The Lambda call a Task state makes, or undefined when its resource is not Lambda. */
export function lambdaTaskOf(resource: string, input: JsonValue): LambdaTask | undefined {
  if (FUNCTION_ARN.test(resource)) {
    return { kind: "function", invocation: invocation(resource, undefined, JSON.stringify(input), "RequestResponse", undefined, undefined) };
  }
  if (LAMBDA_INVOKE.test(resource)) {
    const params: JsonObject = isJsonObject(input) ? input : {};
    // A string Payload is the request body as it is (AWS treats it as JSON text already).
    const payload = params.Payload === undefined ? "{}" : typeof params.Payload === "string" ? params.Payload : JSON.stringify(params.Payload);
    const type = params.InvocationType === "Event" || params.InvocationType === "DryRun" ? params.InvocationType : "RequestResponse";
    return {
      kind: "invoke",
      invocation: invocation(
        String(params.FunctionName ?? ""), typeof params.Qualifier === "string" ? params.Qualifier : undefined, payload, type,
        typeof params.ClientContext === "string" ? params.ClientContext : undefined, params.LogType === "Tail" ? "Tail" : undefined,
      ),
    };
  }
  return undefined;
}

const invocation = (
  functionName: string, qualifier: string | undefined, payload: string, invocationType: LambdaInvocation["invocationType"],
  clientContext: string | undefined, logType: LambdaInvocation["logType"],
): LambdaInvocation => ({ functionName, qualifier, payload, invocationType, clientContext, logType });

/**
 * Carries out a Lambda task. Resolves with the task result; rejects with an AslError as AWS maps it:
 * a function error → Error = its errorType, Cause = its error payload; a Lambda service error →
 * `Lambda.<Code>` with the Java SDK's message format.
 */
export async function runLambdaTask(task: LambdaTask, invoke: InvokeFunction): Promise<JsonValue> {
  let response: LambdaResponse;
  try {
    response = await invoke(task.invocation);
  } catch (e) {
    throw serviceError(e, task.invocation);
  }
  if (response.functionError !== undefined) throw functionError(response, task.kind === "invoke");
  const payload = parsePayload(response.payload);
  if (task.kind === "function") return payload;
  return wrappedResult(response, payload);
}

function parsePayload(text: string): JsonValue {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** `lambda:invoke`'s result, as AWS's Java SDK client reports the Invoke response. */
function wrappedResult(r: LambdaResponse, payload: JsonValue): JsonObject {
  const length = String(Buffer.byteLength(r.payload, "utf8"));
  const date = new Date().toUTCString();
  const headers: JsonObject = {
    Connection: "keep-alive", "Content-Length": length, "Content-Type": "application/json", Date: date,
    "X-Amz-Executed-Version": r.executedVersion, "x-amzn-Remapped-Content-Length": "0", "x-amzn-RequestId": r.requestId,
    "X-Amzn-Trace-Id": `Root=1-${r.requestId.slice(0, 8)}`,
  };
  const all: JsonObject = {};
  for (const [k, v] of Object.entries(headers)) all[k] = [v];
  return {
    ExecutedVersion: r.executedVersion,
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: r.statusCode },
    SdkResponseMetadata: { RequestId: r.requestId },
    StatusCode: r.statusCode,
  };
}

/**
 * A function error as Step Functions reports it. A function ARN task passes the error payload on as
 * it came; `lambda:invoke` re-serialises it compactly (recorded against AWS: no spaces after `:`/`,`).
 */
function functionError(r: LambdaResponse, reserialise: boolean): AslError {
  let errorType: string | undefined;
  let cause = r.payload;
  try {
    const body = JSON.parse(r.payload) as { errorType?: unknown };
    if (body !== null && typeof body === "object" && typeof body.errorType === "string") errorType = body.errorType;
    if (reserialise) cause = JSON.stringify(body);
  } catch {
    // not JSON: AWS reports Lambda.Unknown
  }
  return { error: errorType ?? "Lambda.Unknown", cause };
}

function serviceError(e: unknown, inv: LambdaInvocation): AslError {
  if (e instanceof LambdaServiceError) {
    return {
      error: `Lambda.${e.code}`,
      cause: `${e.message} (Service: AWSLambda; Status Code: ${e.statusCode}; Error Code: ${e.code}; Request ID: ${e.requestId}; Proxy: null)`,
    };
  }
  return { error: "Lambda.ServiceException", cause: `${(e as Error)?.message ?? String(e)} (function ${inv.functionName})` };
}
