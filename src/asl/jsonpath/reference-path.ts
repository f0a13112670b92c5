/** @module ResultPath-style reference paths: place a value at a definite path, sharing untouched branches. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { readProperty } from "./evaluate.js";
import type { IndexStep, NameStep } from "./steps.js";

export type ReferenceStep = NameStep | IndexStep;

/**
 * Returns `target` with `value` at `steps`: objects along the path are shallow-copied, missing
 * objects created; undefined when a node on the way is not an object (or an index misses its array).
 */
export function assignAt(target: JsonValue, steps: readonly ReferenceStep[], value: JsonValue): JsonValue | undefined {
  return place(target, steps, 0, value);
}

function place(node: JsonValue | undefined, steps: readonly ReferenceStep[], i: number, value: JsonValue): JsonValue | undefined {
  if (i === steps.length) return value;
  const step = steps[i]!;
  if (step.kind === "name") {
    if (node === undefined) node = {};
    else if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    const child = place(readProperty(node, step.name, step.guarded), steps, i + 1, value);
    if (child === undefined) return undefined;
    return withProperty(node, step.name, child);
  }
  if (!Array.isArray(node)) return undefined;
  const at = step.index < 0 ? node.length + step.index : step.index;
  if (at < 0 || at >= node.length) return undefined;
  const child = place(node[at], steps, i + 1, value);
  if (child === undefined) return undefined;
  const copy = node.slice();
  copy[at] = child;
  return copy;
}

function withProperty(node: JsonObject, name: string, value: JsonValue): JsonObject {
  const copy: JsonObject = { ...node };
  // A plain assignment to "__proto__" would change the prototype instead of adding a key.
  if (name === "__proto__") Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  else copy[name] = value;
  return copy;
}
