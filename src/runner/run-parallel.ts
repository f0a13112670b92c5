/** @module Parallel: run every branch on the same input, in its own variable scope; fail fast. */
import type { JsonValue } from "../shared/json.js";
import { createVariableFrame, finishWithResult, isPromise, prepareInput } from "../asl/index.js";
import type { AslError, ParallelPlan } from "../asl/index.js";
import type { BranchResult, StateOutcome, StateRun, StopReason } from "./branch.js";
import { BranchStopped, createScope, stoppedAfter } from "./branch.js";
import { ENDED, linkedStop } from "./stop.js";
import { runWithRetry } from "./run-with-retry.js";
import { runBranch } from "./run-branch.js";

export function runParallel(run: StateRun): Promise<StateOutcome> {
  const { exec } = run.branch;
  return runWithRetry(run, (retryCount, prev) => attemptParallel(run, retryCount, prev),
    (prev) => exec.history.add("ParallelStateFailed", prev, exec.clock.now()));
}

/**
 * "If any branch fails ... the entire Parallel state fails and all its branches are stopped."
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 */
async function attemptParallel(run: StateRun, retryCount: number, previousEventId: number): Promise<StateOutcome> {
  const state = run.state as ParallelPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const scope = createScope(run, retryCount);
  const prepared = prepareInput(state, run.raw, scope);
  const input = isPromise(prepared) ? await prepared : prepared;
  const startedId = history.add("ParallelStateStarted", previousEventId, exec.clock.now());
  const stop = linkedStop(run.branch.signal);
  const signal = stop.controller.signal;
  let failure: { readonly error: AslError; readonly lastEventId: number } | undefined;
  // A branch left in a state (a failed Task, a Wait cut short) closes it with <Type>StateAborted.
  const closeOpenState = (result: BranchResult, previous: number) => {
    if (!result.ok && result.openState && !exec.stopped) history.add(`${result.openState}StateAborted`, previous, exec.clock.now());
  };
  let outputs: JsonValue[];
  try {
    outputs = await Promise.all(
      state.branches.map(async (plan) => {
        const branch = { exec, plan, variables: createVariableFrame(run.branch.variables), signal };
        const result = await runBranch(branch, input, startedId);
        if (result.ok) return result.output;
        if (result.stopped || signal.aborted) {
          closeOpenState(result, stoppedAfter(signal, result.lastEventId));
        } else {
          failure = { error: result.error, lastEventId: result.lastEventId };
          closeOpenState(result, result.lastEventId);
          stop.controller.abort({ afterEventId: result.lastEventId } satisfies StopReason);
        }
        return null;
      }),
    );
  } finally {
    // Also on an ExecutionTimeout thrown by one branch: the others must not run on unobserved.
    stop.release();
    stop.controller.abort(ENDED);
  }
  if (run.branch.signal.aborted) throw new BranchStopped();
  if (failure) return { ok: false, error: failure.error, lastEventId: failure.lastEventId };
  // AWS chains ParallelStateExited to the event before ParallelStateSucceeded, not to it.
  const lastBranchEventId = history.lastId;
  history.add("ParallelStateSucceeded", lastBranchEventId, exec.clock.now());
  const finished = finishWithResult(state, run.raw, outputs, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: lastBranchEventId };
}
