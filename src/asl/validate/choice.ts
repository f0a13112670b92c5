/** @module Choice states: rules with one comparison (JSONPath) or a Condition (JSONata), Next on top-level rules only. */
import { at, item, Msg, type Diagnostics } from "./diagnostics.js";
import type { StateContext } from "./context.js";
import { QueryLanguage } from "./fields.js";
import { checkPath } from "./paths.js";
import { checkAssign } from "./variables.js";
import {
  checkArray,
  checkBoolean,
  checkNumber,
  checkObject,
  checkString,
  checkTimestamp,
  hasField,
  isJsonataString,
} from "./values.js";

const compare = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"];
const STRING_OPS = [...compare.map((c) => `String${c}`), "StringMatches"];
const NUMERIC_OPS = compare.map((c) => `Numeric${c}`);
const TIMESTAMP_OPS = compare.map((c) => `Timestamp${c}`);
const BOOLEAN_OPS = ["BooleanEquals"];
const TYPE_TESTS = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];
const PATH_OPS = [...STRING_OPS.filter((o) => o !== "StringMatches"), ...NUMERIC_OPS, ...BOOLEAN_OPS, ...TIMESTAMP_OPS].map((o) => `${o}Path`);
export const OPERATORS: readonly string[] = [...STRING_OPS, ...NUMERIC_OPS, ...BOOLEAN_OPS, ...TIMESTAMP_OPS, ...PATH_OPS, ...TYPE_TESTS];
const OPERATOR_SET = new Set(OPERATORS);

const COMBINATORS = ["And", "Or", "Not", "Variable"];
const JSONPATH_RULE_FIELDS = new Set([...OPERATORS, ...COMBINATORS, "Comment"]);
const JSONATA_RULE_FIELDS = new Set(["Condition", "Next", "Comment", "Assign", "Output"]);
const TOP_ONLY = new Set(["Next", "Assign"]);

/** And/Or/Not nesting beyond this is refused rather than walked, to keep recursion bounded. */
const MAX_RULE_DEPTH = 100;

function checkOperatorValue(out: Diagnostics, op: string, v: unknown, location: string): void {
  if (op.endsWith("Path")) checkPath(out, v, location);
  else if (STRING_OPS.includes(op)) checkString(out, v, location);
  else if (NUMERIC_OPS.includes(op)) checkNumber(out, v, location);
  else if (TIMESTAMP_OPS.includes(op)) checkTimestamp(out, v, location);
  else checkBoolean(out, v, location); // BooleanEquals and the Is* tests
}

function checkJsonPathRule(ctx: StateContext, rule: Record<string, unknown>, location: string, top: boolean, depth: number): void {
  const { out } = ctx;
  if (depth > MAX_RULE_DEPTH) {
    out.schema(`Choice rules are nested more than ${MAX_RULE_DEPTH} levels deep`, location);
    return;
  }
  for (const key of Object.keys(rule)) {
    if (JSONPATH_RULE_FIELDS.has(key) || (top && TOP_ONLY.has(key))) continue;
    if (JSONATA_RULE_FIELDS.has(key) && !TOP_ONLY.has(key)) out.schema(Msg.languageOnly(QueryLanguage.JSONPath, key, QueryLanguage.JSONata), location);
    else out.schema(Msg.notSupported(key), location);
  }
  if (top && !hasField(rule, "Next")) out.schema(Msg.required(["Next"]), location);
  const kinds = COMBINATORS.filter((c) => hasField(rule, c));
  if (kinds.length === 0) out.schema(Msg.exactlyOne(COMBINATORS), location);
  else if (kinds.length > 1) out.schema(Msg.onlyOne(COMBINATORS), location);
  if (hasField(rule, "Variable")) {
    checkPath(out, rule.Variable, at(location, "Variable"));
    const ops = Object.keys(rule).filter((k) => OPERATOR_SET.has(k));
    if (ops.length === 0) out.schema(Msg.exactlyOne(OPERATORS), location);
    else if (ops.length > 1) out.schema(Msg.onlyOne(ops), location);
  }
  for (const key of Object.keys(rule)) {
    if (OPERATOR_SET.has(key)) checkOperatorValue(out, key, rule[key], at(location, key));
  }
  for (const op of ["And", "Or"]) {
    if (!hasField(rule, op)) continue;
    const loc = at(location, op);
    if (!checkArray(out, rule[op], loc)) continue;
    const list = rule[op] as unknown[];
    if (list.length === 0) out.schema(Msg.empty, loc);
    list.forEach((sub, i) => {
      if (checkObject(out, sub, item(loc, i))) checkJsonPathRule(ctx, sub, item(loc, i), false, depth + 1);
    });
  }
  if (hasField(rule, "Not") && checkObject(out, rule.Not, at(location, "Not"))) {
    checkJsonPathRule(ctx, rule.Not, at(location, "Not"), false, depth + 1);
  }
  checkTopFields(ctx, rule, location, top);
}

/** "The Condition field accepts a boolean value or a JSONata string" (https://states-language.net/#choice-state). */
function checkJsonataRule(ctx: StateContext, rule: Record<string, unknown>, location: string): void {
  const { out } = ctx;
  for (const key of Object.keys(rule)) {
    if (JSONATA_RULE_FIELDS.has(key)) continue;
    if (JSONPATH_RULE_FIELDS.has(key)) out.schema(Msg.languageOnly(QueryLanguage.JSONata, key, QueryLanguage.JSONPath), location);
    else out.schema(Msg.notSupported(key), location);
  }
  const missing = ["Condition", "Next"].filter((f) => !hasField(rule, f));
  if (missing.length > 0) out.schema(Msg.required(missing), location);
  if (hasField(rule, "Condition") && typeof rule.Condition !== "boolean" && !isJsonataString(rule.Condition)) {
    out.schema(Msg.type("BOOLEAN"), at(location, "Condition"));
  }
  checkTopFields(ctx, rule, location, true);
}

function checkTopFields(ctx: StateContext, rule: Record<string, unknown>, location: string, top: boolean): void {
  const { out } = ctx;
  if (hasField(rule, "Comment")) checkString(out, rule.Comment, at(location, "Comment"));
  if (!top) return;
  if (hasField(rule, "Next")) checkString(out, rule.Next, at(location, "Next"));
  if (hasField(rule, "Assign")) checkAssign(out, rule.Assign, at(location, "Assign"), ctx.lang);
}

export function checkChoiceState(ctx: StateContext): void {
  const { out, state, location } = ctx;
  if (!hasField(state, "Choices")) out.schema(Msg.required(["Choices"]), location);
  if (ctx.fields.has("Default")) checkString(out, state.Default, at(location, "Default"));
  if (!ctx.fields.has("Choices")) return;
  const loc = at(location, "Choices");
  if (!checkArray(out, state.Choices, loc)) return;
  if (state.Choices.length === 0) out.schema(Msg.empty, loc);
  state.Choices.forEach((rule, i) => {
    if (!checkObject(out, rule, item(loc, i))) return;
    if (ctx.lang === QueryLanguage.JSONata) checkJsonataRule(ctx, rule, item(loc, i));
    else checkJsonPathRule(ctx, rule, item(loc, i), true, 0);
  });
}
