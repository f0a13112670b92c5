/** @module Invoke: RequestResponse through a sandbox, Event into the durable queue, DryRun; qualifiers and alias routing. */
import type { FunctionRecord } from "../../store/index.js";
import { TooManyRequests, type FunctionSpec, type InvokeResult } from "../../runtime/index.js";
import type { Operation } from "../operations.js";
import { qualifierOf } from "./arns.js";
import { parseConfig, type FunctionConfig } from "./configuration.js";
import { resolveQualifier, type FunctionsContext } from "./context.js";
import { functionNotFound, invalidRequestContent, requestTooLarge, tooManyRequests } from "./errors.js";
import { compact, optionalEnum, optionalString, requireString } from "./input.js";

/** Invoke's payload limits: 6 MB synchronous, 1 MB asynchronous. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
/** A response over the limit becomes this error (AWS's limit figure includes some overhead). */
const MAX_RESPONSE_BYTES = 6_291_556;

/** One version of a function, ready to run. */
export interface InvocationTarget {
  readonly fn: FunctionRecord;
  /** "$LATEST" or the version number. */
  readonly version: string;
  readonly config: FunctionConfig;
  readonly codeSha256: string;
  readonly revisionId: string;
}

/** The version a qualifier runs: `$LATEST`, a version, or one an alias picks (weighted, with the injected randomness). */
export async function chooseTarget(ctx: FunctionsContext, fn: FunctionRecord, qualifier: string | undefined): Promise<InvocationTarget> {
  const resolved = await resolveQualifier(ctx, fn, qualifier);
  let version = resolved.version;
  if (resolved.alias) {
    const weights = resolved.alias.routingConfiguration === undefined ? {} : (JSON.parse(resolved.alias.routingConfiguration) as Record<string, number>);
    let chosen = resolved.alias.functionVersion;
    const draw = Object.keys(weights).length > 0 ? ctx.random.float() : 1;
    let point = draw;
    for (const [v, w] of Object.entries(weights)) {
      if (point < w) {
        chosen = v;
        break;
      }
      point -= w;
    }
    if (chosen !== "$LATEST") {
      version = await ctx.store.functions.getFunctionVersion(`${fn.arn}:${chosen}`);
      if (!version) throw functionNotFound(`${fn.arn}:${chosen}`);
    }
  }
  if (version) {
    return { fn, version: String(version.version), config: parseConfig(version.configuration), codeSha256: version.codeSha256, revisionId: version.revisionId };
  }
  return { fn, version: "$LATEST", config: parseConfig(fn.configuration), codeSha256: fn.codeSha256, revisionId: fn.revisionId };
}

/** Runs one invocation in a sandbox; throttles as AWS does (429 TooManyRequestsException). */
export async function runInvocation(ctx: FunctionsContext, target: InvocationTarget, payload: string,
  options: { requestId: string; clientContext?: string }): Promise<InvokeResult> {
  const { fn, config } = target;
  const reason = fn.reservedConcurrency === undefined ? "ConcurrentInvocationLimitExceeded" : "ReservedFunctionConcurrentInvocationLimitExceeded";
  if (fn.reservedConcurrency === 0) throw tooManyRequests(reason);
  const [, , , region = "", accountId = ""] = fn.arn.split(":");
  const spec: FunctionSpec = {
    functionName: fn.name, functionArn: fn.arn, version: target.version, runtime: config.Runtime, handler: config.Handler,
    codeDir: await ctx.code.folder(target.codeSha256), revisionId: target.revisionId, memorySize: config.MemorySize,
    timeoutSeconds: config.Timeout, environment: { ...(config.Environment ?? {}) }, region, accountId, reservedConcurrency: fn.reservedConcurrency,
  };
  let result: InvokeResult;
  try {
    result = await ctx.runtime.invoke(spec, payload, options.clientContext === undefined ? { requestId: options.requestId } : options as { requestId: string; clientContext: string });
  } catch (e) {
    if (e instanceof TooManyRequests) throw tooManyRequests(reason, e.message);
    throw e;
  }
  if (Buffer.byteLength(result.payload, "utf8") > MAX_RESPONSE_BYTES) {
    const message = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
    return { ...result, functionError: "Unhandled", payload: JSON.stringify({ errorMessage: message, errorType: "Function.ResponseSizeTooLarge" }) };
  }
  return result;
}

/** Lambda checks that a payload is JSON before running anything. */
function checkJson(payload: string): void {
  try {
    JSON.parse(payload);
  } catch (e) {
    throw invalidRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`);
  }
}

export function invokeOperations(ctx: FunctionsContext): Record<string, Operation> {
  const invoke: Operation = async (input, call) => {
    const ref = ctx.ref(call, requireString(input, "FunctionName"));
    const invocationType = optionalEnum(input, "InvocationType", ["Event", "RequestResponse", "DryRun"]) ?? "RequestResponse";
    const logType = optionalEnum(input, "LogType", ["None", "Tail"]) ?? "None";
    const clientContext = optionalString(input, "ClientContext", { max: 3583 });
    const text = optionalString(input, "Payload") ?? "";
    const limit = invocationType === "Event" ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
    if (Buffer.byteLength(text, "utf8") > limit) throw requestTooLarge(limit, "InvokeFunction");
    // No payload is an empty event object.
    const payload = text.trim() === "" ? "{}" : text;
    checkJson(payload);
    const qualifier = qualifierOf(ref, optionalString(input, "Qualifier"));
    const fn = await ctx.requireFunction(ref, qualifier ?? "$LATEST");
    if (invocationType === "DryRun") {
      await resolveQualifier(ctx, fn, qualifier);
      return { StatusCode: 204 };
    }
    if (invocationType === "Event") {
      await resolveQualifier(ctx, fn, qualifier);
      const now = ctx.clock.now();
      await ctx.store.functions.enqueueInvocation({ id: call.requestId, functionArn: fn.arn, qualifier, payload, attempts: 0, dueAt: now, createdAt: now });
      ctx.wake();
      return { StatusCode: 202 };
    }
    const target = await chooseTarget(ctx, fn, qualifier);
    const result = await runInvocation(ctx, target, payload, clientContext === undefined ? { requestId: call.requestId } : { requestId: call.requestId, clientContext });
    return compact({
      StatusCode: 200,
      FunctionError: result.functionError,
      LogResult: logType === "Tail" ? Buffer.from(result.logTail, "utf8").toString("base64") : undefined,
      ExecutedVersion: result.executedVersion,
      Payload: result.payload,
    });
  };
  return {
    Invoke: invoke,
    /** The deprecated InvokeAsync: an `Event` invocation of `$LATEST` (or the name's qualifier). */
    async InvokeAsync(input, call) {
      const { StatusCode } = await invoke({ FunctionName: input.FunctionName, Payload: input.InvokeArgs, InvocationType: "Event" }, call);
      return { Status: StatusCode };
    },
  };
}
