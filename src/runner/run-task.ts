/** @module Task: prepare the input, carry out the resource (handler, mock or integration), record it, finish. */
import type { JsonValue } from "../shared/json.js";
import { jsonByteSize } from "../shared/json.js";
import {
  StatesError, StatesFailure, evaluateDynamic, finishWithResult, isPromise, prepareInput, type EvalScope,
} from "../asl/index.js";
import type { DynamicValue, TaskPlan } from "../asl/index.js";
import { describeResource, failedDetails, scheduledDetails, startedDetails, succeededDetails } from "../history/index.js";
import type { StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { runWithRetry } from "./run-with-retry.js";
import type { TaskRequest } from "./types.js";
import { callTask } from "./call-task.js";
import { MAX_PAYLOAD_BYTES, resultTooLarge } from "./payload-limit.js";

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
  const timeoutSeconds = await positiveInteger(state.timeoutSeconds, run.raw, scope);
  const heartbeatSeconds = await positiveInteger(state.heartbeatSeconds, run.raw, scope);
  const kind = describeResource(state.resource);
  const rec = history.recording;
  let prev = history.add(`${kind.events}Scheduled`, previousEventId, exec.clock.now(),
    rec ? scheduledDetails(kind, exec.names.region, input, timeoutSeconds, heartbeatSeconds) : undefined);
  prev = history.add(`${kind.events}Started`, prev, exec.clock.now(), rec ? startedDetails(kind) : undefined);

  const request: TaskRequest = {
    resource: state.resource, input, stateName: state.name, context: scope.context, retryCount,
    timeoutSeconds, heartbeatSeconds, taskToken, ...(state.credentials !== undefined ? { credentials: state.credentials } : {}),
  };
  const called = await callTask(exec, request, run.branch.signal);
  if (!called.ok) {
    const type = called.error.error === StatesError.Timeout ? "TimedOut" : "Failed";
    const lastEventId = history.add(`${kind.events}${type}`, prev, exec.clock.now(),
      rec ? failedDetails(kind, type, called.error.error, called.error.cause) : undefined);
    return { ok: false, error: called.error, lastEventId };
  }
  const result = called.result;
  if (jsonByteSize(result) > MAX_PAYLOAD_BYTES) {
    // As AWS records it: a failure of the task (TaskFailed / LambdaFunctionFailed) that names the resource.
    const error = resultTooLarge(kind.events === "Task" && kind.resourceType !== "handler" ? kind.resourceType : state.resource);
    const lastEventId = history.add(`${kind.events}Failed`, prev, exec.clock.now(),
      rec ? failedDetails(kind, "Failed", error.error, error.cause) : undefined);
    return { ok: false, error, lastEventId };
  }
  prev = history.add(`${kind.events}Succeeded`, prev, exec.clock.now(),
    rec ? succeededDetails(kind, result) : undefined);
  const finished = finishWithResult(state, run.raw, result, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: prev };
}

async function positiveInteger(value: DynamicValue | undefined, input: JsonValue, scope: EvalScope): Promise<number | undefined> {
  if (!value) return undefined;
  const v = await evaluateDynamic(value, input, scope);
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  const error = value.kind === "jsonata" ? StatesError.QueryEvaluationError : StatesError.Runtime;
  throw new StatesFailure(error, `${value.kind === "path" ? value.field : "The timeout"} must be a positive integer, but was: ${JSON.stringify(v)}`);
}
