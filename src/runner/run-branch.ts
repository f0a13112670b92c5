/** @module The branch loop: enter a state, run it, record its exit, follow Next until the branch ends. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { isStatesFailure, type StatePlan } from "../asl/index.js";
import type { Branch, BranchResult, StateOutcome, StateRun } from "./branch.js";
import { BranchStopped, ExecutionTimeout, StateEntry } from "./branch.js";
import { enteredDetails, exitedDetails, stateEnteredType, stateExitedType } from "../history/index.js";
import { runPass, runChoice, runWait, runSucceed, runFail } from "./run-simple-states.js";
import { runTask } from "./run-task.js";
import { runParallel } from "./run-parallel.js";
import { runMap } from "./run-map.js";
import { recordEvaluationFailure } from "./evaluation-failed.js";
import { TaskCall } from "./call-task.js";

/**
 * Runs the state by its type: a switch over the eight types (a lookup in an object keyed by type went
 * megamorphic: 7% of a short Task-heavy run).
 */
function runState(run: StateRun): StateOutcome | Promise<StateOutcome> | TaskCall<StateOutcome> {
  switch (run.state.type) {
    case "Task": return runTask(run);
    case "Pass": return runPass(run);
    case "Choice": return runChoice(run);
    case "Wait": return runWait(run);
    case "Succeed": return runSucceed(run);
    case "Fail": return runFail(run);
    case "Parallel": return runParallel(run);
    case "Map": return runMap(run);
  }
}

/** Runs a branch from its StartAt to its end. Rejects only with ExecutionTimeout or a bug. */
export async function runBranch(branch: Branch, input: JsonValue, previousEventId: number): Promise<BranchResult> {
  const { exec, plan, signal } = branch;
  const { history, clock, deadline } = exec;
  const recording = history.recording;
  let name: string = plan.startAt;
  let raw = input;
  let prev = previousEventId;
  for (;;) {
    if (signal.aborted) return { ok: false, error: ABORTED, lastEventId: prev, stopped: true };
    const enteredAt = clock.now();
    if (deadline !== undefined && enteredAt >= deadline) throw new ExecutionTimeout();
    const state = plan.states.get(name)!;
    const type = state.type;
    const enteredEventId = history.add(stateEnteredType(type), prev, enteredAt, recording ? enteredDetails(name, raw) : undefined);
    const run = new StateEntry(branch, state, raw, enteredAt, enteredEventId, prev);
    let outcome: StateOutcome;
    try {
      const ran = runState(run);
      let result: StateOutcome | Promise<StateOutcome>;
      if (ran instanceof TaskCall) {
        // A task's call, awaited here and finished (its own promise: no wrapping one).
        let value: JsonValue = null;
        let failure: unknown;
        let failed = false;
        try {
          value = await ran.invoked;
        } catch (e) {
          failed = true;
          failure = e;
        }
        result = failed ? ran.failed(failure) : ran.succeeded(value);
      } else {
        result = ran;
      }
      outcome = result instanceof Promise ? await result : result;
    } catch (e) {
      if (e instanceof BranchStopped) return { ok: false, error: ABORTED, lastEventId: history.lastId, stopped: true, openState: type };
      if (!isStatesFailure(e)) throw e;
      const lastEventId = recordEvaluationFailure(run, e);
      outcome = { ok: false, error: { error: e.error, cause: e.cause }, lastEventId };
    }
    if (!outcome.ok) return CLOSED_BY_FAILURE.has(type) ? outcome : { ...outcome, openState: type };
    if (outcome.assigned) assignVariables(branch, outcome.assigned);
    prev = outcome.lastEventId;
    if (type !== "Fail") {
      prev = history.add(stateExitedType(type), prev, clock.now(), recording ? exitedDetails(name, outcome.output, outcome.assigned) : undefined);
    }
    raw = outcome.output;
    if (outcome.next === undefined) return { ok: true, output: raw, lastEventId: prev };
    name = outcome.next;
  }
}

const ABORTED = { error: "States.Aborted" } as const;

/** States whose failure closes them (Fail ends; Map and Parallel record MapStateFailed / ParallelStateFailed). */
const CLOSED_BY_FAILURE: ReadonlySet<StatePlan["type"]> = new Set(["Fail", "Map", "Parallel"]);

function assignVariables(branch: Branch, assigned: JsonObject): void {
  const values = branch.variables.values;
  for (const key in assigned) values.set(key, assigned[key]!);
}
