/** @module The input/output fields shared by state types: the JSONPath paths and templates, JSONata Arguments, Assign. */
import { at, Msg } from "./diagnostics.js";
import type { StateContext } from "./context.js";
import { checkPath, checkResultPath } from "./paths.js";
import { checkPayloadTemplate } from "./templates.js";
import { checkAssign } from "./variables.js";
import { checkObject, isJsonataString, isJsonObject } from "./values.js";

export function checkIO(ctx: StateContext): void {
  const { out, state, location, fields } = ctx;
  for (const name of ["InputPath", "OutputPath"]) {
    if (fields.has(name)) checkPath(out, state[name], at(location, name), { nullable: true });
  }
  if (fields.has("ResultPath")) checkResultPath(out, state.ResultPath, at(location, "ResultPath"));
  for (const name of ["Parameters", "ResultSelector"]) {
    if (fields.has(name) && checkObject(out, state[name], at(location, name))) {
      checkPayloadTemplate(out, state[name], at(location, name));
    }
  }
  // "The value of Arguments MUST be a JSON object or a JSONata string" (https://states-language.net/#arguments-and-output).
  if (fields.has("Arguments") && !isJsonObject(state.Arguments) && !isJsonataString(state.Arguments)) {
    out.schema(Msg.type("OBJECT"), at(location, "Arguments"));
  }
  if (fields.has("Assign")) checkAssign(out, state.Assign, at(location, "Assign"), ctx.lang);
}
