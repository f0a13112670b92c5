/** @module Retry and Catch: ErrorEquals, retrier numbers, catcher targets and outputs. */
import { at, item, Msg, type Diagnostics } from "./diagnostics.js";
import type { StateContext } from "./context.js";
import { QueryLanguage } from "./fields.js";
import { checkResultPath } from "./paths.js";
import { checkNestedFields } from "./query-language.js";
import { checkAssign } from "./variables.js";
import {
  checkArray,
  checkEnum,
  checkInteger,
  checkNumber,
  checkObject,
  checkString,
  hasField,
  NON_NEGATIVE,
  POSITIVE,
} from "./values.js";

const ALL = "States.ALL";
const RETRIER_FIELDS = new Set(["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
const CATCHER_FIELDS = {
  JSONPath: new Set(["ErrorEquals", "Next", "ResultPath", "Assign", "Comment"]),
  JSONata: new Set(["ErrorEquals", "Next", "Output", "Assign", "Comment"]),
} as const;

/**
 * ErrorEquals: a non-empty array of error names. "The reserved name States.ALL ... MUST appear
 * alone in its ErrorEquals array and MUST appear in the last Retrier/Catcher"
 * (https://states-language.net/#retrying-after-error).
 */
function checkErrorEquals(out: Diagnostics, handler: Record<string, unknown>, location: string, last: boolean): void {
  if (!hasField(handler, "ErrorEquals")) return;
  const names = handler.ErrorEquals;
  const loc = at(location, "ErrorEquals");
  if (!checkArray(out, names, loc)) return;
  if (names.length === 0) out.schema(Msg.empty, loc);
  names.forEach((n, i) => checkString(out, n, item(loc, i)));
  if (names.includes(ALL) && (names.length > 1 || !last)) out.schema(`${ALL} must appear alone and at end of list`, loc);
}

/** Each handler object, with its location and whether it is the last one. */
function forEachHandler(
  ctx: StateContext,
  field: "Retry" | "Catch",
  check: (handler: Record<string, unknown>, location: string, last: boolean) => void,
): void {
  if (!ctx.fields.has(field)) return;
  const list = ctx.state[field];
  const loc = at(ctx.location, field);
  if (!checkArray(ctx.out, list, loc)) return;
  list.forEach((handler, i) => {
    const handlerLoc = item(loc, i);
    if (checkObject(ctx.out, handler, handlerLoc)) check(handler, handlerLoc, i === list.length - 1);
  });
}

export function checkRetry(ctx: StateContext): void {
  const { out } = ctx;
  forEachHandler(ctx, "Retry", (retrier, loc, last) => {
    for (const key of Object.keys(retrier)) if (!RETRIER_FIELDS.has(key)) out.schema(Msg.notSupported(key), loc);
    if (!hasField(retrier, "ErrorEquals")) out.schema(Msg.required(["ErrorEquals"]), loc);
    checkErrorEquals(out, retrier, loc, last);
    if (hasField(retrier, "Comment")) checkString(out, retrier.Comment, at(loc, "Comment"));
    if (hasField(retrier, "IntervalSeconds")) checkInteger(out, retrier.IntervalSeconds, at(loc, "IntervalSeconds"), POSITIVE);
    if (hasField(retrier, "MaxAttempts")) checkInteger(out, retrier.MaxAttempts, at(loc, "MaxAttempts"), NON_NEGATIVE);
    if (hasField(retrier, "BackoffRate")) checkNumber(out, retrier.BackoffRate, at(loc, "BackoffRate"), { min: [1, "1.0"] });
    if (hasField(retrier, "MaxDelaySeconds")) checkInteger(out, retrier.MaxDelaySeconds, at(loc, "MaxDelaySeconds"), POSITIVE);
    if (hasField(retrier, "JitterStrategy")) checkEnum(out, retrier.JitterStrategy, ["FULL", "NONE"], at(loc, "JitterStrategy"));
  });
}

export function checkCatch(ctx: StateContext): void {
  const { out, lang } = ctx;
  forEachHandler(ctx, "Catch", (catcher, loc, last) => {
    checkNestedFields(out, catcher, loc, lang, CATCHER_FIELDS);
    const missing = ["ErrorEquals", "Next"].filter((f) => !hasField(catcher, f));
    if (missing.length > 0) out.schema(Msg.required(missing), loc);
    checkErrorEquals(out, catcher, loc, last);
    if (hasField(catcher, "Next")) checkString(out, catcher.Next, at(loc, "Next"));
    if (hasField(catcher, "Comment")) checkString(out, catcher.Comment, at(loc, "Comment"));
    if (lang === QueryLanguage.JSONPath && hasField(catcher, "ResultPath")) {
      checkResultPath(out, catcher.ResultPath, at(loc, "ResultPath"));
    }
    if (hasField(catcher, "Assign")) checkAssign(out, catcher.Assign, at(loc, "Assign"), lang);
  });
}
