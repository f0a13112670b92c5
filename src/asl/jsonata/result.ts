/** @module Turns what jsonata returned into a plain JSON value, copying only the parts jsonata marked up. */
import type { JsonObject, JsonValue } from "../../shared/json.js";

/** Returned for a value JSON cannot hold (a function, a regex): AWS says "unsupported result type". */
export const UNSUPPORTED: unique symbol = Symbol("unsupported JSONata result");

/** Own properties jsonata hangs on the arrays it builds (sequences); they must not leak out. */
const ARRAY_MARKS = ["sequence", "keepSingleton", "outerWrapper", "tupleStream", "push"] as const;

const isMarked = (a: unknown[]): boolean => {
  for (const mark of ARRAY_MARKS) if (Object.prototype.hasOwnProperty.call(a, mark)) return true;
  return false;
};

const isJsonataFunction = (o: object): boolean => {
  const f = o as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return f._jsonata_function === true || f._jsonata_lambda === true;
};

/**
 * toJsonValue for the result of a mere selection (`$states.input.items`): it is bound JSON itself, or
 * a sequence jsonata built of bound JSON, so only the top level can need a change. Saves walking a
 * large input on every evaluation.
 */
export function toJsonValueShallow(value: unknown): JsonValue | typeof UNSUPPORTED {
  if (typeof value !== "object" || value === null) return toJsonValue(value);
  if (Array.isArray(value)) return isMarked(value) ? (value.slice() as JsonValue[]) : (value as JsonValue[]);
  return isJsonataFunction(value) ? UNSUPPORTED : (value as JsonValue);
}

/**
 * The JSON value of a defined jsonata result. Values from the input come back as the same objects
 * (nothing is copied unless jsonata marked or changed it). A non-finite number becomes the string
 * JavaScript names it by: AWS answers `1/0` with "Infinity" (measured by others against AWS, not
 * documented).
 */
export function toJsonValue(value: unknown): JsonValue | typeof UNSUPPORTED {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (value === 0) return 0; // -0 too: AWS answers `$parse("-0")` with 0
      return Number.isFinite(value) ? value : String(value);
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return arrayValue(value);
      return isJsonataFunction(value) ? UNSUPPORTED : objectValue(value as Record<string, unknown>);
    default:
      return UNSUPPORTED; // function, symbol, bigint (undefined is handled by the caller)
  }
}

function arrayValue(array: unknown[]): JsonValue | typeof UNSUPPORTED {
  let out: JsonValue[] | undefined = isMarked(array) ? [] : undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const converted = item === undefined ? undefined : toJsonValue(item);
    if (converted === UNSUPPORTED) return UNSUPPORTED;
    if (out === undefined && converted !== item) out = array.slice(0, i) as JsonValue[];
    if (out !== undefined && converted !== undefined) out.push(converted);
  }
  return out ?? (array as JsonValue[]);
}

function objectValue(object: Record<string, unknown>): JsonValue | typeof UNSUPPORTED {
  let out: JsonObject | undefined;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const item = object[key];
    const converted = item === undefined ? undefined : toJsonValue(item);
    if (converted === UNSUPPORTED) return UNSUPPORTED;
    if (out === undefined && converted !== item) out = copyBefore(object, key);
    if (out !== undefined && converted !== undefined) out[key] = converted;
  }
  return out ?? (object as JsonObject);
}

/** A copy of the entries of `object` that come before `stop`. */
function copyBefore(object: Record<string, unknown>, stop: string): JsonObject {
  const out: JsonObject = {};
  for (const key in object) {
    if (key === stop) break;
    if (Object.prototype.hasOwnProperty.call(object, key)) out[key] = object[key] as JsonValue;
  }
  return out;
}
