/** @module The shapes shared by the branch loop and the state runners. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { AslError, EvalScope, Plan, Random, StatePlan, StateType, VariableFrame } from "../asl/index.js";
import { buildContextObject } from "../asl/index.js";
import { isoTime, type Execution } from "./execution.js";
import type { StopSignal } from "../shared/clock.js";

/** One scope of states being run: the machine itself, a Parallel branch or a Map iteration. */
export interface Branch {
  readonly exec: Execution;
  readonly plan: Plan;
  readonly variables: VariableFrame;
  /**
   * Aborted when the branch must stop at once (a sibling failed, an enclosing branch stopped, the
   * execution ended); its reason is a StopReason. Waits, task calls and retry intervals end early.
   */
  readonly signal: StopSignal;
}

/** Why branches were stopped: the event their teardown events follow (the failure that stopped them). */
export interface StopReason {
  readonly afterEventId: number;
}

export type BranchResult =
  | { readonly ok: true; readonly output: JsonValue; readonly lastEventId: number }
  | {
      readonly ok: false;
      readonly error: AslError;
      readonly lastEventId: number;
      /** True when the branch was stopped from outside rather than failing itself. */
      readonly stopped?: boolean;
      /**
       * The state left open when the branch ended: it was entered and neither exited nor closed by
       * a failure event of its own (as a Fail, Map or Parallel state is). AWS closes it with
       * `<Type>StateAborted` when the enclosing Map or Parallel state tears the branch down.
       */
      readonly openState?: StateType;
    };

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
  /** The previousEventId of the entered event (the event the state followed). */
  readonly previousEventId: number;
}

/**
 * Builds the evaluation scope ($$, variables, randomness, time) for a state attempt. The first
 * attempt without extra context is the entry itself (no allocation on the hot path). The context
 * object is built only when an expression reads it: most states never do.
 */
export const createScope = (run: StateRun, retryCount: number, extraContext?: JsonObject): EvalScope =>
  retryCount === 0 && extraContext === undefined && run instanceof StateEntry
    ? run
    : new StateScope(run, retryCount, extraContext, run.branch.exec.clock.now());

/** A state's entry: what its runner gets, and the scope of its first attempt (`now` = the entry time). */
export class StateEntry implements StateRun, EvalScope {
  private built: JsonObject | undefined = undefined;
  constructor(
    readonly branch: Branch,
    readonly state: StatePlan,
    readonly raw: JsonValue,
    readonly enteredAt: number,
    readonly enteredEventId: number,
    readonly previousEventId: number,
  ) {}
  get variables(): VariableFrame {
    return this.branch.variables;
  }
  get random(): Random {
    return this.branch.exec.random;
  }
  get now(): number {
    return this.enteredAt;
  }
  get stateName(): string {
    return this.state.name;
  }
  get context(): JsonObject {
    return (this.built ??= contextObject(this, 0, undefined));
  }
}

class StateScope implements EvalScope {
  readonly variables: VariableFrame;
  readonly random: Random;
  readonly stateName: string;
  readonly enteredEventId: number;
  private built: JsonObject | undefined = undefined;

  constructor(private readonly run: StateRun, private readonly retryCount: number, private readonly extra: JsonObject | undefined, readonly now: number) {
    this.variables = run.branch.variables;
    this.random = run.branch.exec.random;
    this.stateName = run.state.name;
    this.enteredEventId = run.enteredEventId;
  }

  get context(): JsonObject {
    return (this.built ??= contextObject(this.run, this.retryCount, this.extra));
  }
}

function contextObject(run: StateRun, retryCount: number, extra: JsonObject | undefined): JsonObject {
  const exec = run.branch.exec;
  return buildContextObject(exec.executionContext, exec.stateMachineContext, run.state, isoTime(run.enteredAt), retryCount, extra);
}

/** Thrown when the execution's TimeoutSeconds passes. */
export class ExecutionTimeout extends Error {}

/** Thrown out of a state in progress when its branch's signal aborts. */
export class BranchStopped extends Error {}

/** The event teardown events follow when `signal` stopped a branch (`fallback` if it carries none). */
export const stoppedAfter = (signal: StopSignal, fallback: number): number =>
  (signal.reason as StopReason | undefined)?.afterEventId ?? fallback;
