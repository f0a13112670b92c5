/** @module Parallel: run every branch on the same input, in its own variable scope; fail fast. */
import type { JsonValue } from "../shared/json.js";
import { createVariableFrame, finishWithResult, isPromise, prepareInput } from "../asl/index.js";
import type { ParallelPlan } from "../asl/index.js";
import type { BranchResult, StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { runWithRetry } from "./run-with-retry.js";
import { runBranch } from "./run-branch.js";

export function runParallel(run: StateRun): Promise<StateOutcome> {
  const { exec } = run.branch;
  return runWithRetry(run, (retryCount, prev) => attemptParallel(run, retryCount, prev),
    (prev) => exec.history.add("ParallelStateFailed", prev, exec.clock.now()));
}

async function attemptParallel(run: StateRun, retryCount: number, previousEventId: number): Promise<StateOutcome> {
  const state = run.state as ParallelPlan;
  const { exec } = run.branch;
  const history = exec.history;
  const scope = createScope(run, retryCount);
  const prepared = prepareInput(state, run.raw, scope);
  const input = isPromise(prepared) ? await prepared : prepared;
  const startedId = history.add("ParallelStateStarted", previousEventId, exec.clock.now());
  const cancel = { cancelled: false };
  let failure: BranchResult | undefined;
  const outputs: JsonValue[] = await Promise.all(
    state.branches.map(async (plan) => {
      const branch = { exec, plan, variables: createVariableFrame(run.branch.variables), cancel };
      const result = await runBranch(branch, input, startedId);
      if (!result.ok && !failure && !cancel.cancelled) {
        failure = result;
        cancel.cancelled = true;
      }
      return result.ok ? result.output : null;
    }),
  );
  if (failure && !failure.ok) {
    return { ok: false, error: failure.error, lastEventId: history.lastId };
  }
  const succeededId = history.add("ParallelStateSucceeded", history.lastId, exec.clock.now());
  const finished = finishWithResult(state, run.raw, outputs, scope);
  const exit = isPromise(finished) ? await finished : finished;
  return { ok: true, next: state.next, output: exit.output, assigned: exit.assigned, lastEventId: succeededId };
}
