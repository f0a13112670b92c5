import { describe, it, expect } from "vitest";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { StatesFailure } from "../errors.js";
import { createVariableFrame, type EvalScope } from "../scope.js";
import { ChoiceRuleSyntaxError, compileChoiceRule } from "./index.js";

const scope: EvalScope = {
  context: {},
  variables: createVariableFrame(),
  random: { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0.5 },
  now: 0,
  stateName: "CheckValues",
  enteredEventId: 2,
};

const test = (rule: JsonObject, input: JsonValue, s: EvalScope = scope): boolean => compileChoiceRule(rule)(input, s);
const missingCause = (path: string) =>
  `An error occurred while executing the state 'CheckValues' (entered at the event id #2). Invalid path '${path}': The choice state's condition path references an invalid value.`;
function failure(fn: () => unknown): StatesFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatesFailure);
    return e as StatesFailure;
  }
  throw new Error("expected a StatesFailure");
}

describe("missing Variable", () => {
  it("IsPresent is false (true for IsPresent: false), never a failure", () => {
    expect(test({ Variable: "$.nope", IsPresent: true }, {})).toBe(false);
    expect(test({ Variable: "$.nope", IsPresent: false }, {})).toBe(true);
    expect(test({ Variable: "$.a.b.c", IsPresent: true }, { a: 1 })).toBe(false);
    expect(test({ Variable: "$.a[3]", IsPresent: true }, { a: [1] })).toBe(false);
    expect(test({ Variable: "$.a", IsPresent: true }, { a: null })).toBe(true);
  });

  const rules: [string, JsonValue][] = [
    ["StringEquals", "x"],
    ["StringLessThan", "x"],
    ["StringGreaterThanEquals", "x"],
    ["StringMatches", "*"],
    ["NumericEquals", 1],
    ["NumericLessThanEquals", 1],
    ["BooleanEquals", true],
    ["TimestampGreaterThan", "2012-10-09T19:00:55Z"],
    ["IsNull", true],
    ["IsNull", false],
    ["IsNumeric", false],
    ["IsString", true],
    ["IsBoolean", false],
    ["IsTimestamp", false],
    ["StringEqualsPath", "$.Value"],
    ["NumericGreaterThanPath", "$.Value"],
    ["BooleanEqualsPath", "$.Value"],
    ["TimestampLessThanEqualsPath", "$.Value"],
  ];
  for (const [op, operand] of rules) {
    it(`${op} fails with States.Runtime`, () => {
      const e = failure(() => test({ Variable: "$.Variable", [op]: operand }, { Value: "x" }));
      expect(e.error).toBe("States.Runtime");
      expect(e.cause).toBe(missingCause("$.Variable"));
    });
  }

  it("a missing ...Path operand fails the same way", () => {
    const e = failure(() => test({ Variable: "$.Variable", NumericEqualsPath: "$.Value" }, { Variable: 1 }));
    expect(e.error).toBe("States.Runtime");
    expect(e.cause).toBe(missingCause("$.Value"));
  });

  it("the cause names the path as written and the running state", () => {
    const s = { ...scope, stateName: "Route", enteredEventId: 7 };
    const e = failure(() => test({ Variable: "$.a['b c']", StringEquals: "x" }, { a: {} }, s));
    expect(e.cause).toBe(
      "An error occurred while executing the state 'Route' (entered at the event id #7). Invalid path '$.a['b c']': The choice state's condition path references an invalid value.",
    );
  });

  it("inside And / Not the failure propagates", () => {
    const e = failure(() => test({ And: [{ Variable: "$.a", IsPresent: true }, { Variable: "$.b", StringEquals: "x" }] }, { a: 1 }));
    expect(e.cause).toBe(missingCause("$.b"));
    expect(() => test({ Not: { Variable: "$.b", NumericEquals: 1 } }, {})).toThrow(StatesFailure);
  });

  it("IsPresent guards a later test in And", () => {
    const rule: JsonObject = { And: [{ Variable: "$.b", IsPresent: true }, { Variable: "$.b", StringEquals: "x" }] };
    expect(test(rule, {})).toBe(false);
    expect(test(rule, { b: "x" })).toBe(true);
  });
});

describe("compile-time errors", () => {
  const bad: [string, JsonObject][] = [
    ["no operator", { Variable: "$.a", Next: "X" }],
    ["two operators", { Variable: "$.a", StringEquals: "x", StringLessThan: "y" }],
    ["operator and its Path form", { Variable: "$.a", NumericEquals: 1, NumericEqualsPath: "$.b" }],
    ["no Variable", { StringEquals: "x" }],
    ["Variable not a string", { Variable: 1, StringEquals: "x" }],
    ["And with Variable", { Variable: "$.a", And: [{ Variable: "$.a", IsNull: true }] }],
    ["Not with a comparison beside it", { Not: { Variable: "$.a", IsNull: true }, StringEquals: "x" }],
    ["And and Or", { And: [{ Variable: "$.a", IsNull: true }], Or: [{ Variable: "$.a", IsNull: true }] }],
    ["empty And", { And: [] }],
    ["Or not an array", { Or: { Variable: "$.a", IsNull: true } }],
    ["Not not an object", { Not: [{ Variable: "$.a", IsNull: true }] }],
    ["nested malformed rule", { And: [{ Variable: "$.a", IsNull: true }, { Variable: "$.a" }] }],
    ["StringEquals with a number", { Variable: "$.a", StringEquals: 1 }],
    ["NumericEquals with a string", { Variable: "$.a", NumericEquals: "1" }],
    ["BooleanEquals with a string", { Variable: "$.a", BooleanEquals: "true" }],
    ["IsNull with a string", { Variable: "$.a", IsNull: "true" }],
    ["TimestampEquals with a non-timestamp", { Variable: "$.a", TimestampEquals: "2012-10-09" }],
    ["TimestampLessThan with a number", { Variable: "$.a", TimestampLessThan: 0 }],
    ["StringMatches with a number", { Variable: "$.a", StringMatches: 1 }],
    ["a Path form with a number", { Variable: "$.a", StringEqualsPath: 1 }],
    ["StringMatchesPath (AWS has none)", { Variable: "$.a", StringMatchesPath: "$.b" }],
  ];
  for (const [what, rule] of bad) {
    it(what, () => expect(() => compileChoiceRule(rule)).toThrow(ChoiceRuleSyntaxError));
  }
  it("names where the problem is", () => {
    try {
      compileChoiceRule({ Or: [{ Variable: "$.a", IsNull: true }, { Not: { Variable: "$.a", NumericEquals: "x" } }] });
      expect.unreachable();
    } catch (e) {
      expect((e as ChoiceRuleSyntaxError).location).toBe("Or[1].Not.NumericEquals");
    }
  });
  it("ignores Next, Comment and Assign", () => {
    expect(test({ Variable: "$.a", IsNull: true, Next: "X", Comment: "c", Assign: { x: 1 } }, { a: null })).toBe(true);
  });
});
