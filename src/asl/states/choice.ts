/** @module Choice: which rule matches, in order, else Default, else States.NoChoiceMatched. */
import type { JsonValue } from "../../shared/json.js";
import type { ChoicePlan, ChoiceRulePlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { statesBinding } from "../io/state-io.js";
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
