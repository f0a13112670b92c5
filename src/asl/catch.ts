/** @module Catch: which Catcher handles an error, and the output and variables it produces. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { isTerminalError, matchesErrorEquals, type AslError } from "./errors.js";
import type { Catcher, StatePlan } from "./plan.js";
import type { EvalScope } from "./scope.js";
import { applyResultPath } from "./io/jsonpath-io.js";
import { evaluateAssign, statesBinding } from "./io/state-io.js";

/** The first Catcher whose ErrorEquals matches `error`, or undefined. */
export function findCatcher(catchers: readonly Catcher[], error: string): Catcher | undefined {
  if (isTerminalError(error)) return undefined;
  for (const c of catchers) if (matchesErrorEquals(c.errorEquals, error)) return c;
  return undefined;
}

/** The error output a Catcher works with: `{"Error": ..., "Cause": ...}`. */
export const errorOutputOf = (error: AslError): JsonObject =>
  error.cause === undefined ? { Error: error.error } : { Error: error.error, Cause: error.cause };

/**
 * What the state outputs when `catcher` takes `error`. JSONPath: the error output placed by the
 * Catcher's ResultPath into the raw input; Assign reads the error output. JSONata: `Output` and
 * `Assign` over `$states.errorOutput` (default output: the error output).
 */
export async function applyCatcher(
  state: StatePlan, catcher: Catcher, raw: JsonValue, error: AslError, scope: EvalScope,
): Promise<{ output: JsonValue; assigned: JsonObject | undefined }> {
  const errorOutput = errorOutputOf(error);
  if (state.queryLanguage === "JSONPath") {
    const assigned = (await evaluateAssign(catcher.assign, errorOutput, statesBinding(raw, scope), scope)) ?? undefined;
    const io = { inputPath: undefined, parameters: undefined, resultSelector: undefined, resultPath: catcher.resultPath, outputPath: undefined };
    return { output: applyResultPath(io, raw, errorOutput, scope), assigned };
  }
  const binding = { input: raw, errorOutput, context: scope.context };
  const assigned = (await evaluateAssign(catcher.assign, errorOutput, binding, scope)) ?? undefined;
  const output = catcher.output ? await catcher.output.evaluate(binding, scope, "Output") : errorOutput;
  return { output, assigned };
}
