/** @module JSONPath input and output processing: InputPath, Parameters, ResultSelector, ResultPath, OutputPath. */
import type { JsonValue } from "../../shared/json.js";
import type { JsonPathIo } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "./failure-cause.js";
import { explainMissing } from "../jsonpath/index.js";

const EMPTY = Object.freeze({}) as JsonValue;

/** InputPath then Parameters: the effective input a state works on. */
export function applyInputProcessing(io: JsonPathIo, raw: JsonValue, scope: EvalScope): JsonValue {
  let value = raw;
  if (io.inputPath === null) value = EMPTY;
  else if (io.inputPath !== undefined) {
    const v = io.inputPath.evaluate(raw, scope);
    if (v === undefined) throw invalidPath(io.inputPath.source, raw, scope);
    value = v;
  }
  return io.parameters ? io.parameters.evaluate(value, scope) : value;
}

/** InputPath only (states that have no Parameters: Choice, Wait, Succeed). */
export function applyInputPath(io: JsonPathIo, raw: JsonValue, scope: EvalScope): JsonValue {
  if (io.inputPath === null) return EMPTY;
  if (io.inputPath === undefined) return raw;
  const v = io.inputPath.evaluate(raw, scope);
  if (v === undefined) throw invalidPath(io.inputPath.source, raw, scope);
  return v;
}

export function applyResultSelector(io: JsonPathIo, result: JsonValue, scope: EvalScope): JsonValue {
  return io.resultSelector ? io.resultSelector.evaluate(result, scope) : result;
}

/** ResultPath: where the result goes in the raw input (default `$`: replaces it; null: discarded). */
export function applyResultPath(io: JsonPathIo, raw: JsonValue, result: JsonValue, scope: EvalScope): JsonValue {
  if (io.resultPath === undefined) return result;
  if (io.resultPath === null) return raw;
  const out = io.resultPath.assign(raw, result);
  if (out === undefined) {
    throw new StatesFailure(
      StatesError.ResultPathMatchFailure,
      failureCause(scope, `Unable to apply ResultPath '${io.resultPath.source}' to input '${JSON.stringify(raw)}'`),
    );
  }
  return out;
}

export function applyOutputPath(io: JsonPathIo, value: JsonValue, scope: EvalScope): JsonValue {
  if (io.outputPath === null) return EMPTY;
  if (io.outputPath === undefined) return value;
  const v = io.outputPath.evaluate(value, scope);
  if (v === undefined) throw invalidPath(io.outputPath.source, value, scope);
  return v;
}

export function invalidPath(source: string, data: JsonValue, scope: EvalScope): StatesFailure {
  return new StatesFailure(
    StatesError.Runtime,
    failureCause(scope, `Invalid path '${source}' : ${explainMissing(source, data, scope)}`),
  );
}
