/** @module Fail: the error and cause the state fails with (fixed, from paths/intrinsics, or JSONata). */
import type { JsonValue } from "../../shared/json.js";
import type { DynamicValue, FailPlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import type { AslError } from "../errors.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { evaluateDynamic } from "../io/dynamic-value.js";
import { isPromise, type MaybePromise } from "../io/state-io.js";

/** Synchronous unless a JSONata expression is evaluated. */
export function resolveFailure(state: FailPlan, input: JsonValue, scope: EvalScope): MaybePromise<AslError> {
  const error = state.error ? field(state.error, input, scope) : undefined;
  const cause = state.cause ? field(state.cause, input, scope) : undefined;
  if (isPromise(error) || isPromise(cause)) {
    return Promise.all([error, cause]).then(([e, c]) => failure(e, c));
  }
  return failure(error, cause);
}

function failure(error: string | undefined, cause: string | undefined): AslError {
  const failed: { error: string; cause?: string } = { error: error as string };
  if (cause !== undefined) failed.cause = cause;
  return failed;
}

function field(dv: DynamicValue, input: JsonValue, scope: EvalScope): MaybePromise<string | undefined> {
  const v = evaluateDynamic(dv, input, scope);
  return isPromise(v) ? v.then((value) => fieldText(dv, value, input, scope)) : fieldText(dv, v, input, scope);
}

function fieldText(dv: DynamicValue, v: JsonValue | undefined, input: JsonValue, scope: EvalScope): string | undefined {
  if (v === undefined && dv.kind === "path") {
    throw new StatesFailure(
      StatesError.Runtime,
      failureCause(scope, `The JSONPath '${dv.path.source}' specified for the field '${dv.field}' could not be found in the input '${JSON.stringify(input)}'`),
    );
  }
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}
