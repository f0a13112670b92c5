/** @module Task: prepare the input, carry out the resource (handler, mock or integration), record it, finish. */
import { exceedsByteSize, type JsonObject, type JsonValue } from "../shared/json.js";
import {
  StatesError, finishWithResult, isPromise, prepareInput, resolveSeconds, type AslError, type EvalScope, type MaybePromise, type StateExit, type TaskPlan,
} from "../asl/index.js";
import { describeResource, failedDetails, scheduledDetails, startedDetails, succeededDetails, type ResourceKind } from "../history/index.js";
import type { StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { runWithRetry } from "./run-with-retry.js";
import type { TaskRequest } from "./types.js";
import { TaskCall, callTask, settled } from "./call-task.js";
import { MAX_PAYLOAD_BYTES, resultTooLarge } from "../asl/index.js";

type TaskOutcome = StateOutcome | Promise<StateOutcome> | TaskCall<StateOutcome>;

/** May hand back the call in flight for the branch loop to await itself (see TaskCall). */
export function runTask(run: StateRun): TaskOutcome {
  const state = run.state as TaskPlan;
  if (state.retry.length === 0 && state.catch.length === 0) return attemptTask(run, 0, run.enteredEventId);
  return runWithRetry(run, (retryCount, prev) => attemptTask(run, retryCount, prev));
}

/**
 * One attempt. Synchronous as long as everything it waits for is (a mock or a handler that returns a
 * value, no JSONata, no time limits to evaluate): no promise hops for those.
 */
function attemptTask(run: StateRun, retryCount: number, previousEventId: number): TaskOutcome {
  const state = run.state as TaskPlan;
  const taskToken = state.resource.endsWith(".waitForTaskToken") ? run.branch.exec.random.uuid() : undefined;
  const scope = createScope(run, retryCount, taskToken ? { Task: { Token: taskToken } } : undefined);
  const prepared = prepareInput(state, run.raw, scope);
  if (isPromise(prepared) || state.timeoutSeconds || state.heartbeatSeconds) {
    return attemptWithLimits(run, scope, retryCount, previousEventId, taskToken, prepared);
  }
  return callAndFinish(run, scope, { retryCount, previousEventId, taskToken, input: prepared, timeoutSeconds: undefined, heartbeatSeconds: undefined });
}

async function attemptWithLimits(
  run: StateRun, scope: EvalScope, retryCount: number, previousEventId: number, taskToken: string | undefined, prepared: MaybePromise<JsonValue>,
): Promise<StateOutcome> {
  const state = run.state as TaskPlan;
  const input = await prepared;
  const timeoutSeconds = state.timeoutSeconds ? await resolveSeconds(state.timeoutSeconds, run.raw, scope) : undefined;
  const heartbeatSeconds = state.heartbeatSeconds ? await resolveSeconds(state.heartbeatSeconds, run.raw, scope) : undefined;
  const called = callAndFinish(run, scope, { retryCount, previousEventId, taskToken, input, timeoutSeconds, heartbeatSeconds });
  return settled(called);
}

interface AttemptStart {
  readonly retryCount: number;
  readonly previousEventId: number;
  readonly taskToken: string | undefined;
  readonly input: JsonValue;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
}

/** Records the task's scheduling and start, carries it out, records how it ended and finishes the state. */
function callAndFinish(run: StateRun, scope: EvalScope, a: AttemptStart): TaskOutcome {
  const state = run.state as TaskPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const kind = describeResource(state.resource);
  const rec = history.recording;
  let prev = history.add(kind.scheduled, a.previousEventId, exec.clock.now(),
    rec ? scheduledDetails(kind, exec.names.region, a.input, a.timeoutSeconds, a.heartbeatSeconds) : undefined);
  prev = history.add(kind.started, prev, exec.clock.now(), rec ? startedDetails(kind) : undefined);

  const request = new StateTaskRequest(state, a, scope);

  return callTask(exec, request, run.branch.signal, new TaskAttempt(run, scope, kind, prev));
}

/** Finishes the state once the call ended. */
class TaskAttempt extends TaskCall<StateOutcome> {
  constructor(private readonly run: StateRun, private readonly scope: EvalScope, private readonly kind: ResourceKind, private readonly prev: number) {
    super();
  }

  finishResult(result: JsonValue): StateOutcome | Promise<StateOutcome> {
    return finishTask(this.run, this.scope, this.kind, this.prev, result);
  }

  finishError(error: AslError): StateOutcome {
    return failTask(this.run, this.kind, this.prev, error);
  }
}

/** Records the task's failure (TimedOut for States.Timeout, else Failed); the state fails with `error`. */
function failTask(run: StateRun, kind: ResourceKind, prev: number, error: AslError): StateOutcome {
  const { exec } = run.branch;
  const history = exec.history;
  const type = error.error === StatesError.Timeout ? "TimedOut" : "Failed";
  const lastEventId = history.add(type === "TimedOut" ? kind.timedOut : kind.failed, prev, exec.clock.now(),
    history.recording ? failedDetails(kind, type, error.error, error.cause) : undefined);
  return { ok: false, error, lastEventId };
}

/**
 * A class with `context` on its prototype: the context object ($$) and the names in it are built
 * only when a handler reads it, as most never do (an own accessor would give each request a hidden
 * class of its own). A spread or JSON copy leaves `context` out: copy it by name.
 */
class StateTaskRequest implements TaskRequest {
  readonly resource: string;
  readonly input: JsonValue;
  readonly stateName: string;
  readonly retryCount: number;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly taskToken: string | undefined;
  readonly credentials: JsonValue | undefined;
  readonly #scope: EvalScope;

  constructor(state: TaskPlan, a: AttemptStart, scope: EvalScope) {
    this.resource = state.resource;
    this.input = a.input;
    this.stateName = state.name;
    this.retryCount = a.retryCount;
    this.timeoutSeconds = a.timeoutSeconds;
    this.heartbeatSeconds = a.heartbeatSeconds;
    this.taskToken = a.taskToken;
    this.credentials = state.credentials;
    this.#scope = scope;
  }

  get context(): JsonObject {
    return this.#scope.context;
  }
}

function finishTask(run: StateRun, scope: EvalScope, kind: ResourceKind, prev: number, result: JsonValue): StateOutcome | Promise<StateOutcome> {
  const state = run.state as TaskPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const rec = history.recording;
  // As AWS records it: a failure of the task (TaskFailed / LambdaFunctionFailed) that names the resource.
  if (exceedsByteSize(result, MAX_PAYLOAD_BYTES)) return failTask(run, kind, prev, resultTooLarge(kind.resultName));
  const lastEventId = history.add(kind.succeeded, prev, exec.clock.now(), rec ? succeededDetails(kind, result) : undefined);
  const finished = finishWithResult(state, run.raw, result, scope);
  // No closure unless JSONata made the finish asynchronous.
  return isPromise(finished) ? finished.then((exit) => succeeded(state, exit, lastEventId)) : succeeded(state, finished, lastEventId);
}

const succeeded = (state: TaskPlan, exit: StateExit, lastEventId: number): StateOutcome =>
  ({ ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId });
