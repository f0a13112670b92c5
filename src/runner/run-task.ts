/** @module Task: prepare the input, carry out the resource (handler, mock or integration), record it, finish. */
import { exceedsByteSize } from "../shared/json.js";
import { StatesError, finishWithResult, isPromise, prepareInput, resolveSeconds, type TaskPlan } from "../asl/index.js";
import { describeResource, failedDetails, scheduledDetails, startedDetails, succeededDetails } from "../history/index.js";
import type { StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { runWithRetry } from "./run-with-retry.js";
import type { TaskRequest } from "./types.js";
import { callTask } from "./call-task.js";
import { MAX_PAYLOAD_BYTES, resultTooLarge } from "../asl/index.js";

export function runTask(run: StateRun): Promise<StateOutcome> {
  const state = run.state as TaskPlan;
  if (state.retry.length === 0 && state.catch.length === 0) return attemptTask(run, 0, run.enteredEventId);
  return runWithRetry(run, (retryCount, prev) => attemptTask(run, retryCount, prev));
}

async function attemptTask(run: StateRun, retryCount: number, previousEventId: number): Promise<StateOutcome> {
  const state = run.state as TaskPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const taskToken = state.resource.endsWith(".waitForTaskToken") ? exec.random.uuid() : undefined;
  const scope = createScope(run, retryCount, taskToken ? { Task: { Token: taskToken } } : undefined);
  const prepared = prepareInput(state, run.raw, scope);
  const input = isPromise(prepared) ? await prepared : prepared;
  const timeoutSeconds = state.timeoutSeconds ? await resolveSeconds(state.timeoutSeconds, run.raw, scope) : undefined;
  const heartbeatSeconds = state.heartbeatSeconds ? await resolveSeconds(state.heartbeatSeconds, run.raw, scope) : undefined;
  const kind = describeResource(state.resource);
  const rec = history.recording;
  let prev = history.add(kind.scheduled, previousEventId, exec.clock.now(),
    rec ? scheduledDetails(kind, exec.names.region, input, timeoutSeconds, heartbeatSeconds) : undefined);
  prev = history.add(kind.started, prev, exec.clock.now(), rec ? startedDetails(kind) : undefined);

  const request: { -readonly [K in keyof TaskRequest]: TaskRequest[K] } = {
    resource: state.resource, input, stateName: state.name, retryCount, timeoutSeconds, heartbeatSeconds, taskToken,
    // Built when the handler reads it (most never do); an own property, so spreading the request copies it.
    get context() {
      return scope.context;
    },
  };
  if (state.credentials !== undefined) request.credentials = state.credentials;

  const called = await callTask(exec, request, run.branch.signal);
  if (!called.ok) {
    const type = called.error.error === StatesError.Timeout ? "TimedOut" : "Failed";
    const lastEventId = history.add(type === "TimedOut" ? kind.timedOut : kind.failed, prev, exec.clock.now(),
      rec ? failedDetails(kind, type, called.error.error, called.error.cause) : undefined);
    return { ok: false, error: called.error, lastEventId };
  }
  const result = called.result;
  if (exceedsByteSize(result, MAX_PAYLOAD_BYTES)) {
    // As AWS records it: a failure of the task (TaskFailed / LambdaFunctionFailed) that names the resource.
    const error = resultTooLarge(kind.resultName);
    const lastEventId = history.add(kind.failed, prev, exec.clock.now(),
      rec ? failedDetails(kind, "Failed", error.error, error.cause) : undefined);
    return { ok: false, error, lastEventId };
  }
  prev = history.add(kind.succeeded, prev, exec.clock.now(),
    rec ? succeededDetails(kind, result) : undefined);
  const finished = finishWithResult(state, run.raw, result, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: prev };
}

