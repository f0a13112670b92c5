/** @module Evaluates a filter predicate on one candidate node with Jayway's comparison rules. */
import type { JsonValue } from "../../shared/json.js";
import { evaluateAll, evaluateDefinite } from "./evaluate.js";
import type { FilterExpr, Operand, ParsedPath, RelationalOperator } from "./steps.js";

/** A filter operand's value: JSON, `undefined` for a missing path, or a RegExp. */
type Value = JsonValue | undefined | RegExp;

/** Whether `expr` accepts `node` (`@`); `doc` is the document `$` refers to. */
export function testFilter(expr: FilterExpr, node: JsonValue, doc: JsonValue): boolean {
  switch (expr.kind) {
    case "or":
      for (const e of expr.operands) if (testFilter(e, node, doc)) return true;
      return false;
    case "and":
      for (const e of expr.operands) if (!testFilter(e, node, doc)) return false;
      return true;
    case "not":
      return !testFilter(expr.operand, node, doc);
    case "exists":
      return exists(expr.path, node, doc) === expr.expected;
    case "compare":
      return compare(expr.operator, operandValue(expr.left, node, doc), operandValue(expr.right, node, doc));
  }
}

function readPath(path: ParsedPath, node: JsonValue, doc: JsonValue): JsonValue | undefined {
  const root = path.root === "current" ? node : doc;
  return path.definite ? evaluateDefinite(path.steps, root) : evaluateAll(path.steps, root, doc);
}

/**
 * Jayway checks existence with REQUIRE_PROPERTIES: a definite path must resolve; an indefinite one
 * must resolve up to its first indefinite step (an empty result still exists).
 */
function exists(path: ParsedPath, node: JsonValue, doc: JsonValue): boolean {
  const root = path.root === "current" ? node : doc;
  if (path.definite) return evaluateDefinite(path.steps, root) !== undefined;
  let prefix = 0;
  while (prefix < path.steps.length && (path.steps[prefix]!.kind === "name" || path.steps[prefix]!.kind === "index")) prefix++;
  return evaluateDefinite(path.steps.slice(0, prefix), root) !== undefined;
}

function operandValue(op: Operand, node: JsonValue, doc: JsonValue): Value {
  if (op.kind === "literal") return op.value;
  if (op.kind === "regex") return op.regex;
  return readPath(op.path, node, doc);
}

const isList = (v: Value): v is JsonValue[] => Array.isArray(v);

function compare(op: RelationalOperator, l: Value, r: Value): boolean {
  switch (op) {
    case "==":
      return equals(l, r);
    case "!=":
      return !equals(l, r);
    case "===":
      return sameKind(l, r) && equals(l, r);
    case "!==":
      return !(sameKind(l, r) && equals(l, r));
    case "<":
      return order(l, r, (c) => c < 0);
    case "<=":
      return order(l, r, (c) => c <= 0);
    case ">":
      return order(l, r, (c) => c > 0);
    case ">=":
      return order(l, r, (c) => c >= 0);
    case "=~":
      return matchRegex(l, r);
    case "in":
      return isList(r) && contains(r, l);
    case "nin":
      return isList(r) && !contains(r, l);
    case "subsetof":
      return isList(l) && isList(r) && l.every((x) => contains(r, x));
    case "anyof":
      return isList(l) && isList(r) && l.some((x) => contains(r, x));
    case "noneof":
      return isList(l) && isList(r) && !l.some((x) => contains(r, x));
    case "all":
      return isList(l) && isList(r) && r.every((x) => contains(l, x));
    case "contains":
      if (typeof l === "string" && typeof r === "string") return l.includes(r);
      return isList(l) && contains(l, r);
    case "size":
      if (typeof r !== "number") return false;
      if (typeof l === "string") return l.length === Math.trunc(r);
      return isList(l) && l.length === Math.trunc(r);
    case "empty":
      if (typeof r !== "boolean") return false;
      if (typeof l === "string") return (l.length === 0) === r;
      if (isList(l)) return (l.length === 0) === r;
      if (typeof l === "object" && l !== null && !(l instanceof RegExp)) return (Object.keys(l).length === 0) === r;
      return false;
  }
}

/** Jayway's ValueListNode.contains: `x.equals(element)` for some element. */
const contains = (list: readonly JsonValue[], x: Value): boolean => list.some((e) => equals(x, e));

function sameKind(l: Value, r: Value): boolean {
  if (l === null || r === null) return l === r;
  if (Array.isArray(l) || Array.isArray(r)) return Array.isArray(l) === Array.isArray(r);
  return typeof l === typeof r;
}

/**
 * Jayway's ValueNode.equals: numbers compare numerically (a number equals a numeric string), a
 * string equals a number whose text it is, JSON objects and arrays compare structurally.
 */
function equals(l: Value, r: Value): boolean {
  if (l === undefined || r === undefined || l instanceof RegExp || r instanceof RegExp) return false;
  if (typeof l === "number") {
    if (typeof r === "number") return l === r;
    return typeof r === "string" && isNumeric(r) && Number(r) === l;
  }
  if (typeof l === "string") return typeof r === "string" ? l === r : typeof r === "number" && l === String(r);
  if (typeof l !== "object" || l === null) return l === r;
  return typeof r === "object" && r !== null && deepEquals(l, r);
}

const isNumeric = (s: string): boolean => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);

function deepEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEquals(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEquals(a[k]!, b[k]!)) return false;
  return true;
}

/** `< <= > >=` compare two numbers or two strings (UTF-16 order, like Java's compareTo); anything else is false. */
function order(l: Value, r: Value, test: (c: number) => boolean): boolean {
  if (typeof l === "number" && typeof r === "number") return test(l < r ? -1 : l > r ? 1 : 0);
  if (typeof l === "string" && typeof r === "string") return test(l < r ? -1 : l > r ? 1 : 0);
  return false;
}

/** `=~`: exactly one side is a regex; it must match the other side's whole text. */
function matchRegex(l: Value, r: Value): boolean {
  const lr = l instanceof RegExp;
  if (lr === r instanceof RegExp) return false;
  const [re, v] = lr ? [l, r] : [r as RegExp, l];
  const input = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
  return re.test(input);
}
