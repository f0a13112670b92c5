/** @module The shapes shared by the branch loop and the state runners. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { AslError, EvalScope, Plan, StatePlan, VariableFrame } from "../asl/index.js";
import type { Execution } from "./execution.js";

/** One scope of states being run: the machine itself, a Parallel branch or a Map iteration. */
export interface Branch {
  readonly exec: Execution;
  readonly plan: Plan;
  readonly variables: VariableFrame;
  /** Set when a sibling failed: the branch stops before its next state. */
  readonly cancel: { cancelled: boolean };
}

export type BranchResult =
  | { readonly ok: true; readonly output: JsonValue; readonly lastEventId: number }
  | { readonly ok: false; readonly error: AslError; readonly lastEventId: number };

/** How a state ended: on to `next` (or the branch's end), or failed. */
export type StateOutcome =
  | {
      readonly ok: true;
      readonly next: string | undefined;
      readonly output: JsonValue;
      readonly assigned: JsonObject | undefined;
      readonly lastEventId: number;
    }
  | { readonly ok: false; readonly error: AslError; readonly lastEventId: number };

/** Everything a state runner gets: the branch, the state, its raw input and its entered event. */
export interface StateRun {
  readonly branch: Branch;
  readonly state: StatePlan;
  readonly raw: JsonValue;
  readonly enteredAt: number;
  readonly enteredEventId: number;
}

/** Builds the evaluation scope ($$, variables, randomness, time) for a state attempt. */
export function createScope(run: StateRun, retryCount: number, extraContext?: JsonObject): EvalScope {
  const { exec } = run.branch;
  const state: JsonObject = { Name: run.state.name, EnteredTime: new Date(run.enteredAt).toISOString() };
  if (run.state.type === "Task" || run.state.type === "Parallel" || run.state.type === "Map") state.RetryCount = retryCount;
  const context: JsonObject = { Execution: exec.executionContext, StateMachine: exec.stateMachineContext, State: state };
  if (extraContext) Object.assign(context, extraContext);
  return {
    context,
    variables: run.branch.variables,
    random: exec.random,
    now: exec.clock.now(),
    stateName: run.state.name,
    enteredEventId: run.enteredEventId,
  };
}

/** Thrown when the execution's TimeoutSeconds passes. */
export class ExecutionTimeout extends Error {}
