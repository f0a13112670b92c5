/** @module A JSON value as text the way AWS's Java runtime prints it (`{a=1, b=[x, y]}`), used by Format, ArrayContains and Hash. */
import type { JsonValue } from "../../shared/json.js";

/**
 * AWS renders an object argument of States.Format as Java's Map.toString: recorded
 * `States.Format('fst={}', $.o)` with `{"Arg1": 1, "Arg2": []}` gives `fst={Arg1=1, Arg2=[]}`.
 * Strings are not quoted, at any depth.
 */
export function javaText(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ", ") + javaText(value[i]!);
    return out + "]";
  }
  let out = "{";
  let first = true;
  for (const key in value) {
    out += (first ? "" : ", ") + key + "=" + javaText(value[key]!);
    first = false;
  }
  return out + "}";
}

/** Integers print in full (JSON's big integers stay digits, not `1e+21`); -0 prints as 0. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n + 0);
}
