/** @module Fail: the error and cause the state fails with (fixed, from paths/intrinsics, or JSONata). */
import type { JsonValue } from "../../shared/json.js";
import type { DynamicValue, FailPlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import type { AslError } from "../errors.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { evaluateDynamic } from "../io/dynamic-value.js";

export async function resolveFailure(state: FailPlan, input: JsonValue, scope: EvalScope): Promise<AslError> {
  const error = state.error ? await field(state.error, input, scope) : undefined;
  const cause = state.cause ? await field(state.cause, input, scope) : undefined;
  return { error: error as string, ...(cause !== undefined ? { cause } : {}) };
}

async function field(dv: DynamicValue, input: JsonValue, scope: EvalScope): Promise<string | undefined> {
  const v = await evaluateDynamic(dv, input, scope);
  if (v === undefined && dv.kind === "path") {
    throw new StatesFailure(
      StatesError.Runtime,
      failureCause(scope, `The JSONPath '${dv.path.source}' specified for the field '${dv.field}' could not be found in the input '${JSON.stringify(input)}'`),
    );
  }
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}
