/** @module The branch loop: enter a state, run it, record its exit, follow Next until the branch ends. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { isStatesFailure, type StatePlan } from "../asl/index.js";
import type { Branch, BranchResult, StateOutcome, StateRun } from "./branch.js";
import { BranchStopped, ExecutionTimeout, StateEntry } from "./branch.js";
import { enteredDetails, exitedDetails } from "../history/index.js";
import { runPass, runChoice, runWait, runSucceed, runFail } from "./run-simple-states.js";
import { runTask } from "./run-task.js";
import { runParallel } from "./run-parallel.js";
import { runMap } from "./run-map.js";
import { recordEvaluationFailure } from "./evaluation-failed.js";

type StateRunner = (run: StateRun) => StateOutcome | Promise<StateOutcome>;

const runByType: { readonly [K in StatePlan["type"]]: StateRunner } = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** Runs a branch from its StartAt to its end. Rejects only with ExecutionTimeout or a bug. */
export function runBranch(branch: Branch, input: JsonValue, previousEventId: number): Promise<BranchResult> {
  const walk = new BranchWalk(branch, input, previousEventId);
  let done: BranchResult | undefined;
  try {
    done = walk.walk();
  } catch (e) {
    return Promise.reject(e);
  }
  return done !== undefined ? Promise.resolve(done) : walk.settled();
}

/**
 * The branch loop as an object driven by callbacks rather than an async function: states that end
 * synchronously follow each other in one loop, and a state that goes asynchronous continues the
 * walk from its promise's callbacks. An await would save the whole loop's registers at every
 * asynchronous state; these callbacks are made once per branch.
 */
class BranchWalk {
  private name: string;
  private raw: JsonValue;
  private prev: number;
  /** The state whose asynchronous outcome the walk waits for. */
  private current: StateEntry | undefined = undefined;
  private resolve: ((result: BranchResult) => void) | undefined = undefined;
  private reject: ((e: unknown) => void) | undefined = undefined;

  constructor(private readonly branch: Branch, input: JsonValue, previousEventId: number) {
    this.name = branch.plan.startAt;
    this.raw = input;
    this.prev = previousEventId;
  }

  /** The branch's result once a state went asynchronous. */
  settled(): Promise<BranchResult> {
    return new Promise<BranchResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /**
   * Enters and runs states while they end synchronously. Returns the branch's result, or undefined
   * when a state went asynchronous (its outcome continues the walk). Throws ExecutionTimeout or a bug.
   */
  walk(): BranchResult | undefined {
    const branch = this.branch;
    const { exec, plan, signal } = branch;
    const { history, clock, deadline } = exec;
    for (;;) {
      if (signal.aborted) return { ok: false, error: ABORTED, lastEventId: this.prev, stopped: true };
      const enteredAt = clock.now();
      if (deadline !== undefined && enteredAt >= deadline) throw new ExecutionTimeout();
      const name = this.name;
      const raw = this.raw;
      const state = plan.states.get(name)!;
      const enteredEventId = history.add(ENTERED[state.type], this.prev, enteredAt, history.recording ? enteredDetails(name, raw) : undefined);
      const run = new StateEntry(branch, state, raw, enteredAt, enteredEventId, this.prev);
      let result: StateOutcome | Promise<StateOutcome>;
      try {
        result = runByType[state.type](run);
      } catch (e) {
        return caught(run, e);
      }
      if (result instanceof Promise) {
        this.current = run;
        result.then(this.onOutcome, this.onFailure);
        return undefined;
      }
      const done = this.exit(run, result);
      if (done !== undefined) return done;
    }
  }

  private readonly onOutcome = (outcome: StateOutcome): void => {
    let done: BranchResult | undefined;
    try {
      done = this.exit(this.current!, outcome) ?? this.walk();
    } catch (e) {
      this.reject!(e);
      return;
    }
    if (done !== undefined) this.resolve!(done);
  };

  private readonly onFailure = (e: unknown): void => {
    let done: BranchResult;
    try {
      done = caught(this.current!, e);
    } catch (bug) {
      this.reject!(bug);
      return;
    }
    this.resolve!(done);
  };

  /** Records the state's exit and moves to its Next; returns the branch's result when it ended. */
  private exit(run: StateEntry, outcome: StateOutcome): BranchResult | undefined {
    const type = run.state.type;
    if (!outcome.ok) return failedIn(type, outcome);
    const { history, clock } = this.branch.exec;
    if (outcome.assigned) assignVariables(this.branch, outcome.assigned);
    let prev = outcome.lastEventId;
    if (type !== "Fail") {
      prev = history.add(EXITED[type], prev, clock.now(), history.recording ? exitedDetails(run.state.name, outcome.output, outcome.assigned) : undefined);
    }
    this.prev = prev;
    this.raw = outcome.output;
    if (outcome.next === undefined) return { ok: true, output: outcome.output, lastEventId: prev };
    this.name = outcome.next;
    return undefined;
  }
}

/** A state's failure as the branch's result: stopped from outside, or a States.* failure it raised. Rethrows anything else. */
function caught(run: StateEntry, e: unknown): BranchResult {
  const type = run.state.type;
  if (e instanceof BranchStopped) {
    return { ok: false, error: ABORTED, lastEventId: run.branch.exec.history.lastId, stopped: true, openState: type };
  }
  if (!isStatesFailure(e)) throw e;
  const lastEventId = recordEvaluationFailure(run, e);
  return failedIn(type, { ok: false, error: { error: e.error, cause: e.cause }, lastEventId });
}

const failedIn = (type: StatePlan["type"], outcome: Extract<StateOutcome, { ok: false }>): BranchResult =>
  CLOSED_BY_FAILURE.has(type) ? outcome : { ...outcome, openState: type };

const ABORTED = { error: "States.Aborted" } as const;

const eventNames = (suffix: string) =>
  Object.fromEntries(Object.keys(runByType).map((t) => [t, `${t}${suffix}`])) as Record<StatePlan["type"], string>;
const ENTERED = eventNames("StateEntered");
const EXITED = eventNames("StateExited");

/** States whose failure closes them (Fail ends; Map and Parallel record MapStateFailed / ParallelStateFailed). */
const CLOSED_BY_FAILURE: ReadonlySet<StatePlan["type"]> = new Set(["Fail", "Map", "Parallel"]);

function assignVariables(branch: Branch, assigned: JsonObject): void {
  const values = branch.variables.values;
  for (const key in assigned) values.set(key, assigned[key]!);
}
