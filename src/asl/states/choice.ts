/** @module Choice: which rule matches, in order, else Default, else States.NoChoiceMatched. */
import type { JsonValue } from "../../shared/json.js";
import type { ChoicePlan, ChoiceRulePlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { evaluateAssign, finishWithoutResult, statesBinding, type StateExit } from "../io/state-io.js";
import { jsonTypeName } from "../io/dynamic-value.js";
import type { MaybePromise } from "../io/state-io.js";

/** The matching rule (undefined when Default is taken). `filtered` is the input after InputPath. */
export function chooseRule(state: ChoicePlan, raw: JsonValue, filtered: JsonValue, scope: EvalScope): MaybePromise<ChoiceRulePlan | undefined> {
  if (state.queryLanguage === "JSONata") return chooseByCondition(state, raw, scope);
  for (const rule of state.choices) if (rule.predicate!(filtered, scope)) return rule;
  return noMatch(state, scope);
}

async function chooseByCondition(state: ChoicePlan, raw: JsonValue, scope: EvalScope): Promise<ChoiceRulePlan | undefined> {
  for (const rule of state.choices) {
    if (rule.condition) {
      const v = await rule.condition.evaluate(statesBinding(raw, scope), scope, "Condition");
      if (typeof v !== "boolean") {
        throw new StatesFailure(
          StatesError.QueryEvaluationError,
          failureCause(scope, `The Condition field returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(v)}' for value: ${JSON.stringify(v)}`),
        );
      }
      if (v) return rule;
    }
  }
  return noMatch(state, scope);
}

function noMatch(state: ChoicePlan, scope: EvalScope): undefined {
  if (state.default !== undefined) return undefined;
  throw new StatesFailure(StatesError.NoChoiceMatched, failureCause(scope, "No Matches!"));
}

/**
 * The Choice state's exit once `rule` matched (or Default was taken): the state's OutputPath/Output and
 * Assign, where the matched rule's own Assign and Output take the state's place.
 */
export async function finishChoice(
  state: ChoicePlan, rule: ChoiceRulePlan | undefined, raw: JsonValue, filtered: JsonValue, scope: EvalScope,
): Promise<StateExit> {
  const base = await finishWithoutResult(rule?.assign ? { ...state, assign: undefined } : state, raw, filtered, scope);
  if (!rule) return base;
  const binding = statesBinding(raw, scope);
  const assigned = rule.assign ? ((await evaluateAssign(rule.assign, filtered, binding, scope)) ?? undefined) : base.assigned;
  const output = rule.output ? await rule.output.evaluate(binding, scope, "Output") : base.output;
  return { output, assigned };
}
