/** @module Input and output processing for both query languages, as one set of phases every state uses. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { CompiledAssign, StatePlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import type { StatesBinding } from "../jsonata/index.js";
import {
  applyInputPath, applyInputProcessing, applyOutputPath, applyResultPath, applyResultSelector,
} from "./jsonpath-io.js";

export type MaybePromise<T> = T | Promise<T>;

/** A state's output and the variables it assigns (committed by the caller after both are computed). */
export interface StateExit {
  readonly output: JsonValue;
  readonly assigned: JsonObject | undefined;
}

/**
 * Whether an evaluation went asynchronous. Every asynchronous path here makes native promises; a
 * `then` lookup on each JSON result cost more (a property miss up the prototype chain).
 */
const isPromise = <T>(v: MaybePromise<T>): v is Promise<T> => v instanceof Promise;

/** The effective input of Pass, Task, Parallel and Map: InputPath + Parameters, or JSONata Arguments. */
export function prepareInput(state: StatePlan, raw: JsonValue, scope: EvalScope): MaybePromise<JsonValue> {
  if (state.queryLanguage === "JSONPath") return applyInputProcessing(state.jsonPath, raw, scope);
  const args = state.jsonata.arguments;
  return args ? args.evaluate(statesBinding(raw, scope), scope, "Arguments") : raw;
}

/** The input a Choice, Wait or Succeed state works on (JSONPath InputPath; JSONata: the raw input). */
export function prepareFilteredInput(state: StatePlan, raw: JsonValue, scope: EvalScope): JsonValue {
  return state.queryLanguage === "JSONPath" ? applyInputPath(state.jsonPath, raw, scope) : raw;
}

/**
 * Finishes a state that produced `result` (Pass, Task, Parallel, Map).
 * JSONPath: ResultSelector → Assign (reads the selected result) → ResultPath → OutputPath.
 * JSONata: Assign and Output both read `$states.result` and the old variables.
 */
export function finishWithResult(state: StatePlan, raw: JsonValue, result: JsonValue, scope: EvalScope): MaybePromise<StateExit> {
  if (state.queryLanguage === "JSONPath") {
    const io = state.jsonPath;
    const selected = applyResultSelector(io, result, scope);
    const assigned = evaluateJsonPathAssign(state.assign, selected, scope);
    const output = applyOutputPath(io, applyResultPath(io, raw, selected, scope), scope);
    return { output, assigned };
  }
  const binding: StatesBinding = { input: raw, result, context: scope.context };
  return finishJsonata(state.assign, state.jsonata.output, binding, result, scope);
}

/**
 * Finishes a state without a result (Choice, Wait, Succeed, and JSONata Pass).
 * JSONPath: Assign reads the filtered input; OutputPath applies to it. JSONata: Output over `$states.input`.
 */
export function finishWithoutResult(state: StatePlan, raw: JsonValue, filtered: JsonValue, scope: EvalScope): MaybePromise<StateExit> {
  if (state.queryLanguage === "JSONPath") {
    const assigned = evaluateJsonPathAssign(state.assign, filtered, scope);
    return { output: applyOutputPath(state.jsonPath, filtered, scope), assigned };
  }
  return finishJsonata(state.assign, state.jsonata.output, statesBinding(raw, scope), raw, scope);
}

export const statesBinding = (input: JsonValue, scope: EvalScope): StatesBinding => ({ input, context: scope.context });

async function finishJsonata(
  assign: CompiledAssign | undefined,
  output: StatePlan["jsonata"]["output"],
  binding: StatesBinding,
  fallback: JsonValue,
  scope: EvalScope,
): Promise<StateExit> {
  const assigned = assign?.kind === "jsonata" ? ((await assign.template.evaluate(binding, scope, "Assign")) as JsonObject) : undefined;
  const out = output ? await output.evaluate(binding, scope, "Output") : fallback;
  return { output: out, assigned };
}

/** Evaluates an Assign block against `value` with the variables as they were before this state. */
export function evaluateAssign(assign: CompiledAssign | undefined, value: JsonValue, binding: StatesBinding, scope: EvalScope): MaybePromise<JsonObject | undefined> {
  if (!assign) return undefined;
  if (assign.kind === "jsonpath") return assign.template.evaluate(value, scope) as JsonObject;
  return assign.template.evaluate(binding, scope, "Assign") as Promise<JsonObject>;
}

function evaluateJsonPathAssign(assign: CompiledAssign | undefined, value: JsonValue, scope: EvalScope): JsonObject | undefined {
  if (!assign || assign.kind !== "jsonpath") return undefined;
  return assign.template.evaluate(value, scope) as JsonObject;
}

export { isPromise };
