/** @module Typed evaluation for the callers: a field that must be a number/array/..., a Choice Condition, an Assign map. */
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";
import { Template } from "./compile.js";
import { jsonTypeName, unexpectedResultType, unexpectedValueType } from "./errors.js";
import type { CompiledTemplate, StatesBinding } from "./index.js";

export type JsonKind = "number" | "integer" | "string" | "array" | "object" | "boolean";

export type JsonOfKind<K extends JsonKind> = K extends "number" | "integer" ? number
  : K extends "string" ? string
  : K extends "boolean" ? boolean
  : K extends "array" ? JsonValue[]
  : { [key: string]: JsonValue };

export const isOfKind = (value: JsonValue, kind: JsonKind): boolean => {
  switch (kind) {
    case "integer":
      return Number.isInteger(value);
    case "array":
    case "object":
    case "number":
    case "string":
    case "boolean":
      return jsonTypeName(value) === kind;
  }
};

/**
 * Evaluates `template` and checks the JSON type of its value. For a field holding one expression the
 * failure is AWS's: "The JSONata expression '1' specified for the field 'Items' returned an
 * unexpected result type. Expected 'array', but was 'number' for value: 1".
 */
export async function evaluateAs<K extends JsonKind>(
  template: CompiledTemplate,
  kind: K,
  states: StatesBinding,
  scope: EvalScope,
  field: string,
): Promise<JsonOfKind<K>> {
  const value = await template.evaluate(states, scope, field);
  if (isOfKind(value, kind)) return value as JsonOfKind<K>;
  const expression = template instanceof Template ? template.expression : undefined;
  throw expression
    ? unexpectedResultType(scope, expression.source, field, kind, value)
    : unexpectedValueType(scope, field, kind, value);
}

/** A Choice rule's `Condition`: the expression must yield a boolean (AWS does not cast). */
export const evaluateCondition = (
  template: CompiledTemplate,
  states: StatesBinding,
  scope: EvalScope,
  field = "Condition",
): Promise<boolean> => evaluateAs(template, "boolean", states, scope, field);

/**
 * An `Assign` field: every value is evaluated against the variables as they were on state entry (the
 * scope is only read), and the new values are returned for the caller to store afterwards. AWS:
 * "All expressions are evaluated first, then assignments are made."
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
export async function evaluateAssign(
  template: CompiledTemplate,
  states: StatesBinding,
  scope: EvalScope,
  field = "Assign",
): Promise<Map<string, JsonValue>> {
  const assigned = await evaluateAs(template, "object", states, scope, field);
  return new Map(Object.entries(assigned));
}
