/** @module Pass, Choice, Wait, Succeed and Fail: states that do their work in the language core. */
import type { JsonValue } from "../shared/json.js";
import {
  chooseRule, finishChoice, finishWithResult, finishWithoutResult, isPromise, prepareFilteredInput, prepareInput, resolveFailure,
  resolveWaitUntil, MAX_PAYLOAD_BYTES, dataLimitExceeded,
  type AslError, type ChoicePlan, type ChoiceRulePlan, type EvalScope, type FailPlan, type StateExit, type WaitPlan,
} from "../asl/index.js";
import type { StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { sleepUntil } from "./sleep.js";

const toOutcome = (run: StateRun, exit: StateExit, next: string | undefined): StateOutcome => ({
  ok: true,
  next,
  output: exit.output,
  assigned: exit.assigned,
  lastEventId: run.enteredEventId,
});

export function runPass(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const { state, raw } = run;
  const scope = createScope(run, 0);
  if (state.queryLanguage === "JSONata") {
    return then(finishWithoutResult(state, raw, raw, scope), (exit) => toOutcome(run, exit, state.next));
  }
  if (state.type === "Pass" && state.resultBytes > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(state.name);
  const effective = prepareInput(state, raw, scope) as JsonValue;
  const result = state.type === "Pass" && state.result !== undefined ? state.result : effective;
  return toOutcome(run, finishWithResult(state, raw, result, scope) as StateExit, state.next);
}

export function runChoice(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const state = run.state as ChoicePlan;
  const scope = createScope(run, 0);
  const filtered = prepareFilteredInput(state, run.raw, scope);
  if (state.queryLanguage === "JSONPath" && !state.choices.some((c) => c.assign) && !state.assign) {
    // The common case needs no await: rules are sync predicates and OutputPath is sync.
    const rule = chooseRule(state, run.raw, filtered, scope) as ChoiceRulePlan | undefined;
    const exit = finishWithoutResult(state, run.raw, filtered, scope) as StateExit;
    return toOutcome(run, exit, rule ? rule.next : state.default);
  }
  return runChoiceAsync(run, state, scope, filtered);
}

async function runChoiceAsync(run: StateRun, state: ChoicePlan, scope: EvalScope, filtered: JsonValue): Promise<StateOutcome> {
  const chosen = chooseRule(state, run.raw, filtered, scope);
  const rule = isPromise(chosen) ? await chosen : chosen;
  const next = rule ? rule.next : state.default;
  const exit = await finishChoice(state, rule, run.raw, filtered, scope);
  return toOutcome(run, exit, next);
}


export async function runWait(run: StateRun): Promise<StateOutcome> {
  const state = run.state as WaitPlan;
  const { exec } = run.branch;
  const scope = createScope(run, 0);
  const filtered = prepareFilteredInput(state, run.raw, scope);
  const until = await resolveWaitUntil(state, filtered, scope, run.enteredAt);
  if (!exec.options.zeroWaits && until > exec.clock.now()) await sleepUntil(exec, until, run.branch.signal);
  const exit = await finishWithoutResult(state, run.raw, filtered, scope);
  return toOutcome(run, exit, state.next);
}

export function runSucceed(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const scope = createScope(run, 0);
  const filtered = prepareFilteredInput(run.state, run.raw, scope);
  return then(finishWithoutResult(run.state, run.raw, filtered, scope), (exit) => toOutcome(run, exit, undefined));
}

export function runFail(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const failed = (error: AslError): StateOutcome => ({ ok: false, error, lastEventId: run.enteredEventId });
  return then(resolveFailure(run.state as FailPlan, run.raw, createScope(run, 0)), failed);
}

function then<T, R>(value: T | Promise<T>, f: (v: T) => R): R | Promise<R> {
  return isPromise(value) ? value.then(f) : f(value);
}
