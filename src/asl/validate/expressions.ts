/** @module Every `{% %}` expression a JSONata state evaluates, each checked where it sits. */
import { at, item } from "./diagnostics.js";
import type { StateContext } from "./context.js";
import { checkJsonataValue } from "./jsonata-check.js";
import { hasField, isJsonObject } from "./values.js";

/**
 * Fields that are never evaluated (names, targets, sub-machines, retriers) or that are walked on
 * their own below: Catch (where `$states.errorOutput` exists) and Choices.
 */
const NOT_EVALUATED = new Set([
  "Type",
  "Comment",
  "QueryLanguage",
  "Next",
  "End",
  "Default",
  "Resource",
  "Branches",
  "ItemProcessor",
  "Iterator",
  "Retry",
  "Catch",
  "Choices",
  "Label",
]);

export function checkStateExpressions(ctx: StateContext): void {
  const { out, state, location } = ctx;
  for (const name of ctx.fields) {
    if (!NOT_EVALUATED.has(name)) checkJsonataValue(out, state[name], at(location, name));
  }
  if (ctx.fields.has("Catch") && Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) => {
      if (!isJsonObject(catcher)) return;
      const loc = item(at(location, "Catch"), i);
      for (const name of ["Output", "Assign"]) {
        if (hasField(catcher, name)) checkJsonataValue(out, catcher[name], at(loc, name), { errorOutput: true });
      }
    });
  }
  if (ctx.fields.has("Choices") && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (!isJsonObject(rule)) return;
      const loc = item(at(location, "Choices"), i);
      for (const name of ["Condition", "Output", "Assign"]) {
        if (hasField(rule, name)) checkJsonataValue(out, rule[name], at(loc, name));
      }
    });
  }
}
