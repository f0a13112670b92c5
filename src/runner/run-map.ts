/** @module Map: iterate the items (inline, or as child runs of a Map Run when DISTRIBUTED), with limits. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import {
  batchItems, createVariableFrame, exceedsTolerance, finishWithResult, isPromise, prepareInput, resolveItems,
  resolveMaxConcurrency, resolveToleratedFailure, selectItemInput, StatesError, type AslError,
} from "../asl/index.js";
import type { MapPlan } from "../asl/index.js";
import { createHistoryRecorder } from "../history/index.js";
import type { Branch, StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { runWithRetry, errorOutputOf } from "./run-with-retry.js";
import { runBranch } from "./run-branch.js";
import { errorDetails } from "../history/index.js";
import type { Execution } from "./execution.js";

export function runMap(run: StateRun): Promise<StateOutcome> {
  const { exec } = run.branch;
  return runWithRetry(run, (retryCount, prev) => attemptMap(run, retryCount, prev),
    (prev) => exec.history.add("MapStateFailed", prev, exec.clock.now()));
}

async function attemptMap(run: StateRun, retryCount: number, previousEventId: number): Promise<StateOutcome> {
  const state = run.state as MapPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const rec = history.recording;
  const scope = createScope(run, retryCount);
  const prepared = prepareInput(state, run.raw, scope);
  const input = isPromise(prepared) ? await prepared : prepared;
  const items = await resolveItems(state, input, scope);
  const maxConcurrency = await resolveMaxConcurrency(state, input, scope);
  let inputs: JsonValue[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const v = state.itemSelector ? selectItemInput(state, input, item, createScope(run, retryCount, mapContext(i, item))) : item;
    inputs[i] = isPromise(v) ? await v : v;
  }
  if (state.itemBatcher) inputs = await batchItems(state, inputs, input, scope);

  let prev = history.add("MapStateStarted", previousEventId, exec.clock.now(),
    rec ? { mapStateStartedEventDetails: { length: inputs.length } } : undefined);
  const tolerance = await resolveToleratedFailure(state, input, scope);
  const distributed = state.mode === "DISTRIBUTED";
  if (distributed) {
    prev = history.add("MapRunStarted", prev, exec.clock.now(), rec ? { mapRunStartedEventDetails: { mapRunArn: mapRunArn(exec, state) } } : undefined);
  }
  const cancel = { cancelled: false };
  const results: JsonValue[] = new Array(inputs.length);
  const tolerated = tolerance.count !== undefined || tolerance.percentage !== undefined;
  let failed = 0;
  let firstError: AslError | undefined;
  const childExec: Execution = distributed ? { ...exec, history: createHistoryRecorder(false) } : exec;
  const iterate = async (index: number) => {
    const branch: Branch = { exec: childExec, plan: state.processor, variables: createVariableFrame(run.branch.variables), cancel };
    let start = prev;
    if (!distributed) {
      start = history.add("MapIterationStarted", history.lastId, exec.clock.now(), rec ? iterationDetails("Started", index, state.name) : undefined);
    }
    const result = await runBranch(branch, inputs[index]!, start);
    if (result.ok) {
      results[index] = result.output;
      if (!distributed) history.add("MapIterationSucceeded", result.lastEventId, exec.clock.now(), rec ? iterationDetails("Succeeded", index, state.name) : undefined);
      return;
    }
    if (cancel.cancelled) {
      if (!distributed) history.add("MapIterationAborted", result.lastEventId, exec.clock.now(), rec ? iterationDetails("Aborted", index, state.name) : undefined);
      return;
    }
    failed++;
    results[index] = errorOutputOf(result.error);
    if (!distributed) history.add("MapIterationFailed", result.lastEventId, exec.clock.now(), rec ? iterationDetails("Failed", index, state.name) : undefined);
    if (!tolerated || exceedsTolerance(tolerance, failed, inputs.length)) {
      firstError ??= tolerated
        ? { error: StatesError.ExceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded" }
        : result.error;
      cancel.cancelled = true;
    }
  };
  await runPool(inputs.length, maxConcurrency, cancel, iterate);

  if (firstError) {
    if (distributed) history.add("MapRunFailed", history.lastId, exec.clock.now(), rec ? { mapRunFailedEventDetails: errorDetails(firstError.error, firstError.cause) } : undefined);
    return { ok: false, error: firstError, lastEventId: history.lastId };
  }
  if (distributed) history.add("MapRunSucceeded", history.lastId, exec.clock.now());
  const succeededId = history.add("MapStateSucceeded", history.lastId, exec.clock.now());
  const finished = finishWithResult(state, run.raw, results, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: succeededId };
}

const mapContext = (index: number, value: JsonValue): JsonObject => ({ Map: { Item: { Index: index, Value: value } } });

const iterationDetails = (kind: string, index: number, name: string) => ({
  [`mapIteration${kind}EventDetails`]: { name, index },
});

function mapRunArn(exec: Execution, state: MapPlan): string {
  const n = exec.names;
  return `arn:${n.partition}:states:${n.region}:${n.accountId}:mapRun:${n.stateMachineName}/${state.label ?? state.name}:${exec.random.uuid()}`;
}

/** Runs `count` jobs with at most `limit` at once (0: no limit), stopping early when cancelled. */
async function runPool(count: number, limit: number, cancel: { cancelled: boolean }, job: (i: number) => Promise<void>): Promise<void> {
  if (count === 0) return;
  let next = 0;
  const worker = async () => {
    while (next < count && !cancel.cancelled) await job(next++);
  };
  const workers = limit === 0 ? count : Math.min(limit, count);
  await Promise.all(Array.from({ length: workers }, worker));
}
