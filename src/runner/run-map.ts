/** @module Map: iterate the items (inline, or as child runs of a Map Run when DISTRIBUTED), with limits. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import {
  batchItems, createVariableFrame, exceedsTolerance, finishWithResult, isPromise, prepareInput, resolveItems,
  resolveMaxConcurrency, resolveToleratedFailure, selectItemInput, StatesError, errorOutputOf, type AslError,
} from "../asl/index.js";
import type { MapPlan } from "../asl/index.js";
import { createHistoryRecorder } from "../history/index.js";
import type { Branch, BranchResult, StateOutcome, StateRun, StopReason } from "./branch.js";
import { BranchStopped, createScope, stoppedAfter } from "./branch.js";
import { ENDED, linkedStop } from "./stop.js";
import type { StopSignal } from "../shared/clock.js";
import { runWithRetry } from "./run-with-retry.js";
import { runBranch } from "./run-branch.js";
import { errorDetails } from "../history/index.js";
import { withHistory, type Execution } from "./execution.js";

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
  const stop = linkedStop(run.branch.signal);
  const signal = stop.controller.signal;
  const results: JsonValue[] = new Array(inputs.length);
  const tolerated = tolerance.count !== undefined || tolerance.percentage !== undefined;
  let failed = 0;
  let failure: { readonly error: AslError; readonly lastEventId: number } | undefined;
  // AWS chains an iteration's start to the last event of the iteration before it, and the end of the
  // Map state to the last MapIterationSucceeded (MapRunSucceeded when distributed).
  let lastBranchEventId = prev;
  let lastEndEventId = prev;
  const childExec: Execution = distributed ? withHistory(exec, createHistoryRecorder(false)) : exec;
  const record = (type: string, previous: number, details?: Record<string, unknown>): number =>
    exec.stopped ? previous : history.add(type, previous, exec.clock.now(), details);
  const recordIteration = (kind: "Started" | "Succeeded" | "Failed" | "Aborted", index: number, previous: number): number =>
    record(`MapIteration${kind}`, previous, rec ? iterationDetails(kind, index, state.name) : undefined);
  const closeOpenState = (result: BranchResult, previous: number) => {
    if (!result.ok && result.openState && !distributed) record(`${result.openState}StateAborted`, previous);
  };
  const iterate = async (index: number) => {
    const branch: Branch = { exec: childExec, plan: state.processor, variables: createVariableFrame(run.branch.variables), signal };
    const start = distributed ? prev : recordIteration("Started", index, lastBranchEventId);
    const result = await runBranch(branch, inputs[index]!, start);
    if (result.ok) {
      results[index] = result.output;
      lastBranchEventId = result.lastEventId;
      if (!distributed) lastEndEventId = recordIteration("Succeeded", index, result.lastEventId);
      return;
    }
    if (result.stopped || signal.aborted) {
      const after = stoppedAfter(signal, result.lastEventId);
      if (!distributed) recordIteration("Aborted", index, after);
      closeOpenState(result, after);
      return;
    }
    failed++;
    results[index] = errorOutputOf(result.error);
    lastBranchEventId = result.lastEventId;
    if (!distributed) recordIteration("Failed", index, result.lastEventId);
    if (!tolerated || exceedsTolerance(tolerance, failed, inputs.length)) {
      const error = tolerated
        ? { error: StatesError.ExceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded" }
        : result.error;
      failure = { error, lastEventId: result.lastEventId };
      closeOpenState(result, result.lastEventId);
      stop.controller.abort({ afterEventId: result.lastEventId } satisfies StopReason);
    }
  };
  try {
    await runPool(inputs.length, maxConcurrency, signal, iterate);
  } finally {
    // Also on an ExecutionTimeout thrown by one iteration: the others must not run on unobserved.
    stop.release();
    stop.controller.abort(ENDED);
  }
  if (run.branch.signal.aborted) throw new BranchStopped();

  if (failure) {
    if (!distributed) return { ok: false, error: failure.error, lastEventId: failure.lastEventId };
    const failedId = record("MapRunFailed", prev, rec ? { mapRunFailedEventDetails: errorDetails(failure.error.error, failure.error.cause) } : undefined);
    return { ok: false, error: failure.error, lastEventId: failedId };
  }
  if (distributed) lastEndEventId = record("MapRunSucceeded", prev);
  record("MapStateSucceeded", lastEndEventId);
  const finished = finishWithResult(state, run.raw, results, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: lastEndEventId };
}

const mapContext = (index: number, value: JsonValue): JsonObject => ({ Map: { Item: { Index: index, Value: value } } });

const iterationDetails = (kind: string, index: number, name: string) => ({
  [`mapIteration${kind}EventDetails`]: { name, index },
});

function mapRunArn(exec: Execution, state: MapPlan): string {
  const n = exec.names;
  return `arn:${n.partition}:states:${n.region}:${n.accountId}:mapRun:${n.stateMachineName}/${state.label ?? state.name}:${exec.random.uuid()}`;
}

/** Runs `count` jobs with at most `limit` at once (0: no limit), starting no more once `signal` aborts. */
async function runPool(count: number, limit: number, signal: StopSignal, job: (i: number) => Promise<void>): Promise<void> {
  if (count === 0) return;
  let next = 0;
  const worker = async () => {
    while (next < count && !signal.aborted) await job(next++);
  };
  const workers = limit === 0 ? count : Math.min(limit, count);
  await Promise.all(Array.from({ length: workers }, worker));
}
