/** @module Calls whatever carries out a Task (invokeTask hook, then handlers), with its timeout. */
import type { JsonValue } from "../shared/json.js";
import { StatesError, toAslError, type AslError } from "../asl/index.js";
import type { Execution } from "./execution.js";
import { systemClock } from "../shared/clock.js";
import { BranchStopped, ExecutionTimeout } from "./branch.js";
import { StopController } from "./stop.js";
import type { StopSignal } from "../shared/clock.js";
import type { TaskRequest } from "./types.js";
import type { VirtualClock } from "../shared/virtual-clock.js";

export type CallResult = { readonly ok: true; readonly result: JsonValue } | { readonly ok: false; readonly error: AslError };

/**
 * One call of a task: `finish` turns how the call ended into the caller's value. A call in flight on
 * the top-level branch is handed back as this object itself, `invoked` set: the branch loop awaits
 * the call's own promise and finishes it (no wrapping promise, no closures: a promise hop and three
 * allocations fewer a task). `settled()` wraps it for every other caller. Holds virtual time still
 * until it settles.
 */
export abstract class TaskCall<T> {
  private inFlight: Promise<JsonValue> | undefined = undefined;
  private clock: VirtualClock | undefined = undefined;

  /** The call returned `result`. */
  abstract finishResult(result: JsonValue): T | Promise<T>;
  /** The call failed (or timed out). */
  abstract finishError(error: AslError): T | Promise<T>;

  finish(called: CallResult): T | Promise<T> {
    return called.ok ? this.finishResult(called.result) : this.finishError(called.error);
  }

  get invoked(): Promise<JsonValue> {
    return this.inFlight!;
  }

  /** Marks the call in flight (callTask does). */
  fly(invoked: Promise<JsonValue>, clock: VirtualClock | undefined): this {
    this.inFlight = invoked;
    this.clock = clock;
    clock?.enter();
    return this;
  }

  succeeded(result: JsonValue): T | Promise<T> {
    this.clock?.leave();
    return this.finishResult(result);
  }

  failed(e: unknown): T | Promise<T> {
    this.clock?.leave();
    return this.finishError(toAslError(e));
  }

  settled(): Promise<T> {
    return this.invoked.then((result) => this.succeeded(result), (e) => this.failed(e));
  }
}

/** A runner's value as a promise or a value: a call in flight is wrapped (for callers other than the branch loop). */
export const settled = <T>(value: T | Promise<T> | TaskCall<T>): T | Promise<T> => (value instanceof TaskCall ? value.settled() : value);

/**
 * Carries out the task and hands how it ended to `call.finish` (whose value or failure is the call's).
 * Ends early with States.Timeout when TimeoutSeconds passes, throws ExecutionTimeout when the
 * execution's deadline passes and BranchStopped when `signal` aborts (the task's own work is then
 * left to finish unobserved).
 */
export function callTask<T>(exec: Execution, request: TaskRequest, signal: StopSignal, call: TaskCall<T>): T | Promise<T> | TaskCall<T> {
  let result: JsonValue | PromiseLike<JsonValue>;
  try {
    result = invoke(exec, request);
  } catch (e) {
    return call.finishError(toAslError(e));
  }
  // A synchronous result cannot be overtaken by a timeout or a stop.
  if (!isThenable(result)) return call.finishResult(result);
  const invoked = result instanceof Promise ? result : Promise.resolve(result);
  if (signal.aborted) return Promise.reject(new BranchStopped());
  const timed = request.timeoutSeconds !== undefined || exec.deadline !== undefined;
  // The execution's own signal aborts only after its top-level branch ended: nothing to listen for.
  if (!timed && signal === exec.stop) return call.fly(invoked, exec.virtualClock);
  const release = exec.virtualClock?.hold();
  // One promise settled by whichever comes first; only a task with a time limit needs timers.
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timers = timed ? new StopController() : undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal.removeEventListener("abort", onStop);
      timers?.abort(SETTLED);
      return true;
    };
    const end = (called: CallResult) => {
      if (!settle()) return;
      try {
        resolve(call.finish(called));
      } catch (e) {
        reject(e);
      }
    };
    const onStop = () => settle() && reject(new BranchStopped());
    signal.addEventListener("abort", onStop);
    invoked.then(
      (result) => {
        release?.();
        end({ ok: true, result });
      },
      (e) => {
        release?.();
        end({ ok: false, error: toAslError(e) });
      },
    );
    if (!timers) return;
    const timeout = request.timeoutSeconds;
    if (timeout !== undefined) {
      const timedOut = () => end({ ok: false, error: { error: StatesError.Timeout } });
      void exec.clock.sleepUntil(exec.clock.now() + timeout * 1000, timers.signal).then(timedOut);
      // A task that really runs longer than its TimeoutSeconds (a function in another process, say)
      // times out on the real clock, as virtual time stands still while it runs.
      if (exec.virtualClock) void systemClock.sleepUntil(Date.now() + timeout * 1000, timers.signal).then(timedOut);
    }
    if (exec.deadline !== undefined) {
      void exec.clock.sleepUntil(exec.deadline, timers.signal).then(() => settle() && reject(new ExecutionTimeout()));
    }
  });
}

const SETTLED = Object.freeze({ settled: true });

/** A handler may hand back another library's promise. */
const isThenable = (v: unknown): v is PromiseLike<JsonValue> => typeof (v as PromiseLike<JsonValue> | null)?.then === "function";

function invoke(exec: Execution, request: TaskRequest): JsonValue | PromiseLike<JsonValue> {
  const hook = exec.options.invokeTask;
  if (hook) {
    const r = hook(request);
    if (r instanceof Promise) return r.then((v) => (v === undefined ? invokeHandler(exec, request) : v));
    if (r !== undefined) return r;
  }
  return invokeHandler(exec, request);
}

function invokeHandler(exec: Execution, request: TaskRequest): JsonValue | PromiseLike<JsonValue> {
  const handler = exec.options.handlers?.[request.resource];
  if (!handler) {
    throw Object.assign(new Error(`No handler is registered for the resource '${request.resource}'.`), { name: StatesError.TaskFailed });
  }
  return handler(request.input, request);
}
