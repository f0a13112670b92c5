/** @module Calls whatever carries out a Task (invokeTask hook, then handlers), with its timeout. */
import type { JsonValue } from "../shared/json.js";
import { StatesError, type AslError } from "../asl/index.js";
import type { Execution } from "./execution.js";
import type { TaskRequest } from "./types.js";

export type CallResult = { readonly ok: true; readonly result: JsonValue } | { readonly ok: false; readonly error: AslError };

export async function callTask(exec: Execution, request: TaskRequest): Promise<CallResult> {
  let work: Promise<JsonValue>;
  try {
    work = Promise.resolve(invoke(exec, request));
  } catch (e) {
    return { ok: false, error: toAslError(e) };
  }
  if (exec.virtualClock) work = exec.virtualClock.track(work);
  const timeout = request.timeoutSeconds;
  try {
    if (timeout === undefined) return { ok: true, result: await work };
    const timedOut = Symbol("timeout");
    const settled = new AbortController();
    const timer = exec.clock.sleepUntil(exec.clock.now() + timeout * 1000, settled.signal).then(() => timedOut);
    try {
      const winner = await Promise.race([work, timer]);
      if (winner === timedOut) return { ok: false, error: { error: StatesError.Timeout } };
      return { ok: true, result: winner as JsonValue };
    } finally {
      settled.abort();
    }
  } catch (e) {
    return { ok: false, error: toAslError(e) };
  }
}

function invoke(exec: Execution, request: TaskRequest): JsonValue | Promise<JsonValue> {
  const hook = exec.options.invokeTask;
  if (hook) {
    const r = hook(request);
    if (r instanceof Promise) return r.then((v) => (v === undefined ? invokeHandler(exec, request) : v));
    if (r !== undefined) return r;
  }
  return invokeHandler(exec, request);
}

function invokeHandler(exec: Execution, request: TaskRequest): JsonValue | Promise<JsonValue> {
  const handler = exec.options.handlers?.[request.resource];
  if (!handler) {
    throw Object.assign(new Error(`No handler is registered for the resource '${request.resource}'.`), { name: StatesError.TaskFailed });
  }
  return handler(request.input, request);
}

/** A thrown error as an ASL error: `name` (or `error`) is the error name, `message` (or `cause`) the cause. */
export function toAslError(e: unknown): AslError {
  if (e && typeof e === "object") {
    const o = e as { error?: unknown; cause?: unknown; name?: unknown; message?: unknown };
    if (typeof o.error === "string") return { error: o.error, ...(typeof o.cause === "string" ? { cause: o.cause } : {}) };
    if (typeof o.name === "string") return { error: o.name, ...(typeof o.message === "string" ? { cause: o.message } : {}) };
  }
  return { error: StatesError.TaskFailed, cause: String(e) };
}
