/** @module The shape of an intrinsic function implementation and the argument checks they share. */
import type { JsonArray, JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";
import { invalidArguments, type CallSite } from "./failure.js";
import type { IntrinsicNode } from "./parse.js";

/** A call site after compilation; `prepared` is whatever the function's `prepare` hook returned. */
export interface CompiledCallSite extends CallSite {
  readonly prepared: unknown;
}

export interface IntrinsicFunction {
  /** Full name, e.g. `States.ArrayPartition`. */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for States.Array and States.Format. */
  readonly maxArgs: number;
  /** Optional compile-time work on the argument nodes (States.Format pre-parses a literal template). */
  readonly prepare?: (args: readonly IntrinsicNode[]) => unknown;
  /** Computes the result from evaluated arguments; throws StatesFailure through `invalidArguments`. */
  readonly apply: (args: readonly JsonValue[], scope: EvalScope, call: CompiledCallSite) => JsonValue;
}

export function expectArray(value: JsonValue, scope: EvalScope, call: CallSite): JsonArray {
  if (!Array.isArray(value)) throw invalidArguments(scope, call);
  return value;
}

export function expectObject(value: JsonValue, scope: EvalScope, call: CallSite): JsonObject {
  if (!isJsonObject(value)) throw invalidArguments(scope, call);
  return value;
}

export function expectString(value: JsonValue, scope: EvalScope, call: CallSite): string {
  if (typeof value !== "string") throw invalidArguments(scope, call);
  return value;
}

/**
 * A number argument cut to an integer. Recorded AWS executions truncate toward zero
 * (ArrayPartition(a, 2.6) chunks by 2, ArrayRange(1.6, 1.4, 1) is [1], ArrayGetItem(a, 1.2) is a[1]),
 * although the docs say "round off to the nearest integer"; only MathAdd rounds.
 */
export function expectTruncatedInteger(value: JsonValue, scope: EvalScope, call: CallSite): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidArguments(scope, call);
  return Math.trunc(value) + 0;
}

/** Throws when a string argument exceeds AWS's 10,000-character input limit (Base64, Hash). */
export function expectMaxLength(value: string, max: number, scope: EvalScope, call: CallSite): string {
  if (value.length > max) throw invalidArguments(scope, call);
  return value;
}
