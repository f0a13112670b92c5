/** @module Calls whatever carries out a Task (invokeTask hook, then handlers), with its timeout. */
import type { JsonValue } from "../shared/json.js";
import { StatesError, isPromise, toAslError, type AslError } from "../asl/index.js";
import type { Execution } from "./execution.js";
import { systemClock } from "../shared/clock.js";
import { BranchStopped, ExecutionTimeout } from "./branch.js";
import type { TaskRequest } from "./types.js";

export type CallResult = { readonly ok: true; readonly result: JsonValue } | { readonly ok: false; readonly error: AslError };

const TIMED_OUT = Symbol("timed out");
const DEADLINE = Symbol("deadline");
const STOPPED = Symbol("stopped");
const SETTLED = Symbol("settled");
type Settled = CallResult | typeof TIMED_OUT | typeof DEADLINE | typeof STOPPED;

/**
 * Carries out the task. Ends early with States.Timeout when TimeoutSeconds passes, throws
 * ExecutionTimeout when the execution's deadline passes and BranchStopped when `signal` aborts
 * (the task's own work is then left to finish unobserved).
 */
export async function callTask(exec: Execution, request: TaskRequest, signal: AbortSignal): Promise<CallResult> {
  let invoked: JsonValue | Promise<JsonValue>;
  try {
    invoked = invoke(exec, request);
  } catch (e) {
    return { ok: false, error: toAslError(e) };
  }
  // A synchronous result cannot be overtaken by a timeout or a stop.
  if (!isPromise(invoked)) return { ok: true, result: invoked };
  let work = Promise.resolve(invoked);
  if (exec.virtualClock) work = exec.virtualClock.track(work);
  const timeout = request.timeoutSeconds;
  // Only a task with a time limit needs a timer (and a way to cancel it): most have none.
  const ended = timeout !== undefined || exec.deadline !== undefined ? new AbortController() : undefined;
  const races: Promise<Settled>[] = [work.then((result) => ({ ok: true, result }), (e) => ({ ok: false, error: toAslError(e) }))];
  if (timeout !== undefined) {
    races.push(exec.clock.sleepUntil(exec.clock.now() + timeout * 1000, ended!.signal).then(() => TIMED_OUT));
    // Work in flight holds virtual time still, so a task that really runs longer than its
    // TimeoutSeconds (a function in another process, say) times out on the real clock.
    if (exec.virtualClock) races.push(systemClock.sleepUntil(Date.now() + timeout * 1000, ended!.signal).then(() => TIMED_OUT));
  }
  if (exec.deadline !== undefined) races.push(exec.clock.sleepUntil(exec.deadline, ended!.signal).then(() => DEADLINE));
  let onStop: (() => void) | undefined;
  races.push(new Promise<Settled>((resolve) => {
    onStop = () => resolve(STOPPED);
    if (signal.aborted) onStop();
    else signal.addEventListener("abort", onStop, { once: true });
  }));
  try {
    const settled = await Promise.race(races);
    if (settled === TIMED_OUT) return { ok: false, error: { error: StatesError.Timeout } };
    if (settled === DEADLINE) throw new ExecutionTimeout();
    if (settled === STOPPED) throw new BranchStopped();
    return settled;
  } finally {
    // An explicit reason spares abort() from building a DOMException with a stack trace.
    ended?.abort(SETTLED);
    signal.removeEventListener("abort", onStop!);
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
