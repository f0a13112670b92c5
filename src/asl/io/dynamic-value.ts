/** @module Evaluates a field that is fixed, read from a path or intrinsic (JSONPath), or a JSONata expression. */
import type { JsonValue } from "../../shared/json.js";
import type { DynamicValue } from "../plan.js";
import type { EvalScope } from "../scope.js";
import type { MaybePromise } from "./state-io.js";
import { statesBinding } from "./state-io.js";

/** The field's value for this input, or undefined when its path finds nothing. */
export function evaluateDynamic(value: DynamicValue, input: JsonValue, scope: EvalScope): MaybePromise<JsonValue | undefined> {
  switch (value.kind) {
    case "fixed":
      return value.value;
    case "path":
      return value.path.evaluate(input, scope);
    case "intrinsic":
      return value.call.evaluate(input, scope);
    case "jsonata":
      return value.template.evaluate(statesBinding(input, scope), scope, value.field);
  }
}

/** The text of the field's source, for AWS's messages ("$.x", or the JSONata expression). */
export const dynamicSource = (value: DynamicValue): string =>
  value.kind === "path" ? value.path.source : value.kind === "intrinsic" ? value.call.source : value.kind === "fixed" ? JSON.stringify(value.value) : value.field;

/** Type name as AWS's JSONata messages spell it. */
export const jsonTypeName = (v: JsonValue): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v;
