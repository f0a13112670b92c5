/** @module Evaluates parsed selector steps against a JSON document with Jayway's semantics and result order. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { testFilter } from "./evaluate-filter.js";
import type { Step } from "./steps.js";

const hasOwn = Object.prototype.hasOwnProperty;

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The property `name` of `node`, or undefined (never an inherited Object.prototype member). */
export function readProperty(node: JsonObject, name: string, guarded: boolean): JsonValue | undefined {
  return guarded && !hasOwn.call(node, name) ? undefined : node[name];
}

/**
 * A definite path (names and single indexes, optionally a final name list): a tight loop, no
 * allocation except for a final name list, which Jayway merges into one object.
 */
export function evaluateDefinite(steps: readonly Step[], root: JsonValue): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === "name") {
      if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
      node = readProperty(node, step.name, step.guarded);
      if (node === undefined) return undefined;
    } else if (step.kind === "index") {
      if (!Array.isArray(node)) return undefined;
      const at: number = step.index < 0 ? node.length + step.index : step.index;
      if (at < 0 || at >= node.length) return undefined;
      node = node[at]!;
    } else if (step.kind === "names") {
      return isObject(node) ? mergeNames(node, step.names) : undefined;
    } else {
      throw new Error(`internal: step '${step.kind}' in a definite path`);
    }
  }
  return node;
}

function mergeNames(node: JsonObject, names: readonly string[]): JsonObject {
  const merged: JsonObject = {};
  for (const name of names) {
    if (hasOwn.call(node, name)) Object.defineProperty(merged, name, { value: node[name], enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/**
 * The fast form of a definite path of names and indexes: `keys` holds property names (strings) and
 * array indexes (numbers). `guarded` when some name is also an Object.prototype member.
 */
export function evaluateKeys(keys: readonly (string | number)[], guarded: boolean, root: JsonValue): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (typeof key === "string") {
      if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
      node = guarded && !hasOwn.call(node, key) ? undefined : node[key];
    } else {
      if (!Array.isArray(node)) return undefined;
      node = node[key < 0 ? node.length + key : key];
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** An indefinite path: every match, in Jayway's order. `doc` is what `$` means inside filters. */
export function evaluateAll(steps: readonly Step[], root: JsonValue, doc: JsonValue): JsonValue[] {
  const out: JsonValue[] = [];
  walk(steps, 0, root, doc, out);
  return out;
}

function walk(steps: readonly Step[], i: number, node: JsonValue, doc: JsonValue, out: JsonValue[]): void {
  if (i === steps.length) {
    out.push(node);
    return;
  }
  const step = steps[i]!;
  const next = i + 1;
  switch (step.kind) {
    case "name": {
      if (!isObject(node)) return;
      const v = readProperty(node, step.name, step.guarded);
      if (v !== undefined) walk(steps, next, v, doc, out);
      return;
    }
    case "names": {
      if (!isObject(node)) return;
      // Only ever the last step (the parser rejects a name list followed by more steps).
      out.push(mergeNames(node, step.names));
      return;
    }
    case "index":
      if (Array.isArray(node)) walkIndex(steps, next, node, step.index, doc, out);
      return;
    case "indexes":
      if (Array.isArray(node)) for (const index of step.indexes) walkIndex(steps, next, node, index, doc, out);
      return;
    case "wildcard":
      if (Array.isArray(node)) for (const v of node) walk(steps, next, v, doc, out);
      else if (isObject(node)) for (const key in node) walk(steps, next, node[key]!, doc, out);
      return;
    case "slice":
      if (Array.isArray(node)) walkSlice(steps, next, node, step.from, step.to, doc, out);
      return;
    case "filter":
      if (Array.isArray(node)) {
        for (const v of node) if (testFilter(step.filter, v, doc)) walk(steps, next, v, doc, out);
      } else if (isObject(node) && testFilter(step.filter, node, doc)) {
        // Jayway applies a filter on an object to the object itself.
        walk(steps, next, node, doc, out);
      }
      return;
    case "scan":
      scan(steps, next, node, doc, out);
      return;
  }
}

function walkIndex(steps: readonly Step[], next: number, arr: JsonValue[], index: number, doc: JsonValue, out: JsonValue[]): void {
  const at = index < 0 ? arr.length + index : index;
  if (at >= 0 && at < arr.length) walk(steps, next, arr[at]!, doc, out);
}

/**
 * Jayway's ArraySliceOperation: `[from:]` and `[:to]` count negative bounds from the end; `[from:to]`
 * clamps only `to` and reads each index as `[i]` would (so negative indexes count from the end).
 */
function walkSlice(
  steps: readonly Step[], next: number, arr: JsonValue[], from: number | undefined, to: number | undefined,
  doc: JsonValue, out: JsonValue[],
): void {
  const length = arr.length;
  if (length === 0) return;
  if (to === undefined) {
    const start = Math.max(0, from! < 0 ? length + from! : from!);
    for (let k = start; k < length; k++) walk(steps, next, arr[k]!, doc, out);
  } else if (from === undefined) {
    const end = Math.min(length, to < 0 ? length + to : to);
    for (let k = 0; k < end; k++) walk(steps, next, arr[k]!, doc, out);
  } else {
    const end = Math.min(length, to);
    for (let k = from; k < end; k++) walkIndex(steps, next, arr, k, doc, out);
  }
}

/**
 * `..`: visits `node` and every descendant in document order (a node before its children) and applies
 * the following step where it can match: names on objects having them, indexes and slices on arrays,
 * wildcards and filters everywhere. This is Jayway's ScanPathToken, including its shortcut for an
 * array followed by more steps: they apply to every element (so `$..[0].a` reads `a` of each element).
 */
function scan(steps: readonly Step[], j: number, node: JsonValue, doc: JsonValue, out: JsonValue[]): void {
  const target = steps[j]!;
  if (Array.isArray(node)) {
    if (scanMatchesArray(target, node, doc)) {
      if (j === steps.length - 1) walk(steps, j, node, doc, out);
      else for (const v of node) walk(steps, j + 1, v, doc, out);
    }
    for (const v of node) scan(steps, j, v, doc, out);
  } else if (isObject(node)) {
    if (scanMatchesObject(target, node, doc)) walk(steps, j, node, doc, out);
    for (const key in node) scan(steps, j, node[key]!, doc, out);
  }
}

function scanMatchesArray(target: Step, node: JsonValue[], doc: JsonValue): boolean {
  switch (target.kind) {
    case "index":
    case "indexes":
    case "slice":
    case "wildcard":
      return true;
    case "filter":
      return testFilter(target.filter, node, doc);
    default:
      return false;
  }
}

function scanMatchesObject(target: Step, node: JsonObject, doc: JsonValue): boolean {
  switch (target.kind) {
    case "name":
      return hasOwn.call(node, target.name);
    case "names":
      return target.names.every((n) => hasOwn.call(node, n));
    case "wildcard":
      return true;
    case "filter":
      return testFilter(target.filter, node, doc);
    default:
      return false;
  }
}
