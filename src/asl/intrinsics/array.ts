/** @module Array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
import type { JsonValue } from "../../shared/json.js";
import { invalidArguments } from "./failure.js";
import { expectArray, expectTruncatedInteger, type IntrinsicFunction } from "./function.js";
import { javaText } from "./java-text.js";

/** "The newly generated array can't contain more than 1000 items." (States.ArrayRange) */
export const MAX_RANGE_ITEMS = 1000;

export const ArrayOf: IntrinsicFunction = {
  name: "States.Array",
  minArgs: 0,
  maxArgs: Infinity,
  apply: (args) => args.slice(),
};

/** Chunks of `size` items (the last may be shorter); the chunk size must be at least 1 after truncation. */
export const ArrayPartition: IntrinsicFunction = {
  name: "States.ArrayPartition",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const array = expectArray(args[0]!, scope, call);
    const size = expectTruncatedInteger(args[1]!, scope, call);
    if (size <= 0) throw invalidArguments(scope, call);
    const out: JsonValue[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
};

/**
 * Whether the array holds the value. AWS compares values by their Java text, not structurally:
 * recorded executions find `9007199254740991` in `["9007199254740991"]` and `true` in `["true"]`,
 * but not `{"b":2,"a":1}` in `[{"a":1,"b":2}]`.
 */
export const ArrayContains: IntrinsicFunction = {
  name: "States.ArrayContains",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const array = expectArray(args[0]!, scope, call);
    const wanted = javaText(args[1]!);
    for (const item of array) if (javaText(item) === wanted) return true;
    return false;
  },
};

/** Integers from start to end inclusive by a non-zero step; at most 1000 of them. */
export const ArrayRange: IntrinsicFunction = {
  name: "States.ArrayRange",
  minArgs: 3,
  maxArgs: 3,
  apply(args, scope, call) {
    const start = expectTruncatedInteger(args[0]!, scope, call);
    const end = expectTruncatedInteger(args[1]!, scope, call);
    const step = expectTruncatedInteger(args[2]!, scope, call);
    if (step === 0) throw invalidArguments(scope, call);
    const span = end - start;
    const count = span === 0 ? 1 : Math.sign(span) === Math.sign(step) ? Math.floor(span / step) + 1 : 0;
    if (count > MAX_RANGE_ITEMS) throw invalidArguments(scope, call);
    const out: JsonValue[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = start + i * step;
    return out;
  },
};

/**
 * The item at a zero-based index. A negative index or one past the end fails; recorded AWS
 * executions return null (not a failure) for any index into an empty array.
 */
export const ArrayGetItem: IntrinsicFunction = {
  name: "States.ArrayGetItem",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const array = expectArray(args[0]!, scope, call);
    const index = expectTruncatedInteger(args[1]!, scope, call);
    if (index < 0) throw invalidArguments(scope, call);
    if (index >= array.length) {
      if (array.length === 0) return null;
      throw invalidArguments(scope, call);
    }
    return array[index]!;
  },
};

export const ArrayLength: IntrinsicFunction = {
  name: "States.ArrayLength",
  minArgs: 1,
  maxArgs: 1,
  apply: (args, scope, call) => expectArray(args[0]!, scope, call).length,
};

/** The array without repeated values (first occurrence kept); objects compare by content, any key order. */
export const ArrayUnique: IntrinsicFunction = {
  name: "States.ArrayUnique",
  minArgs: 1,
  maxArgs: 1,
  apply(args, scope, call) {
    const array = expectArray(args[0]!, scope, call);
    const seen = new Set<string>();
    const out: JsonValue[] = [];
    for (const item of array) {
      const key = canonicalJson(item);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
    return out;
  },
};

/** JSON text with object keys sorted, so equal values have equal text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  const keys = Object.keys(value).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(value[k]!)).join(",") + "}";
}
