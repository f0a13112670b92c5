/** @module Task: its TimeoutSeconds / HeartbeatSeconds (fixed, from a path, or JSONata). */
import type { JsonValue } from "../../shared/json.js";
import type { DynamicValue } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { evaluateDynamic } from "../io/dynamic-value.js";

/** A positive integer number of seconds, or undefined when the field is absent. */
export async function resolveSeconds(value: DynamicValue | undefined, input: JsonValue, scope: EvalScope): Promise<number | undefined> {
  if (!value) return undefined;
  const v = await evaluateDynamic(value, input, scope);
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  const error = value.kind === "jsonata" ? StatesError.QueryEvaluationError : StatesError.Runtime;
  const field = value.kind === "fixed" ? "timeout" : value.field;
  throw new StatesFailure(error, failureCause(scope, `The ${field} field must be a positive integer, but was: ${JSON.stringify(v ?? null)}`));
}
