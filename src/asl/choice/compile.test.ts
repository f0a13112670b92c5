import { describe, it, expect } from "vitest";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { StatesFailure } from "../errors.js";
import { createVariableFrame, type EvalScope } from "../scope.js";
import { compileChoiceRule } from "./index.js";

function makeScope(variables: Record<string, JsonValue> = {}): EvalScope {
  const frame = createVariableFrame();
  for (const [k, v] of Object.entries(variables)) frame.values.set(k, v);
  return {
    context: { Execution: { Id: "arn:exec", Input: { flag: true } }, State: { Name: "CheckValues", RetryCount: 0 } },
    variables: frame,
    random: { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0.5 },
    now: 0,
    stateName: "CheckValues",
    enteredEventId: 2,
  };
}
const scope = makeScope();

const test = (rule: JsonObject, input: JsonValue, s: EvalScope = scope): boolean => compileChoiceRule(rule)(input, s);
/** `{"Variable": "$.Variable", <op>: <operand>}` over `{"Variable": v}`, like the conformance cases. */
const literal = (op: string, operand: JsonValue, v: JsonValue): boolean => test({ Variable: "$.Variable", [op]: operand }, { Variable: v });
/** `{"Variable": "$.Variable", <op>Path: "$.Value"}` over `{"Variable": v, "Value": w}`. */
const viaPath = (op: string, v: JsonValue, w: JsonValue): boolean =>
  test({ Variable: "$.Variable", [`${op}Path`]: "$.Value" }, { Variable: v, Value: w });
/** Both forms must agree. */
const both = (op: string, v: JsonValue, w: JsonValue): boolean => {
  const a = literal(op, w, v);
  expect(viaPath(op, v, w)).toBe(a);
  return a;
};

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

/** The Next of the first matching rule, or Default: what a Choice state does. */
function choose(choices: JsonObject[], defaultNext: string | undefined, input: JsonValue): string | undefined {
  const compiled = choices.map((c) => ({ next: c.Next as string, predicate: compileChoiceRule(c) }));
  for (const c of compiled) if (c.predicate(input, scope)) return c.next;
  return defaultNext;
}

describe("AWS's documented examples", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
  const choices: JsonObject[] = [
    { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
    { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
    {
      And: [
        { Variable: "$.value", NumericGreaterThanEquals: 20 },
        { Variable: "$.value", NumericLessThan: 30 },
      ],
      Next: "ValueInTwenties",
    },
  ];

  it("ChoiceStateX: {type: Private, value: 22} goes to ValueInTwenties", () => {
    expect(choose(choices, "DefaultState", { type: "Private", value: 22 })).toBe("ValueInTwenties");
  });
  it("ChoiceStateX: the other branches and the Default", () => {
    expect(choose(choices, "DefaultState", { type: "Public", value: 22 })).toBe("Public");
    expect(choose(choices, "DefaultState", { type: "Private", value: 0 })).toBe("ValueIsZero");
    expect(choose(choices, "DefaultState", { type: "Private", value: 30 })).toBe("DefaultState");
  });
  it("ChoiceStateX: a missing $.type fails the execution (the doc's note)", () => {
    const e = failure(() => choose(choices, "DefaultState", { value: 22 }));
    expect(e.error).toBe("States.Runtime");
    expect(e.cause).toBe(missingCause("$.type"));
  });

  it("single-rule examples", () => {
    expect(test({ Variable: "$.foo", NumericEquals: 1 }, { foo: 1 })).toBe(true);
    expect(test({ Variable: "$.foo", StringEquals: "MyString" }, { foo: "MyString" })).toBe(true);
    expect(test({ Variable: "$.foo", StringGreaterThan: "MyStringABC" }, { foo: "MyStringABD" })).toBe(true);
    expect(test({ Variable: "$.foo", StringGreaterThan: "MyStringABC" }, { foo: "MyStringAB" })).toBe(false);
    expect(test({ Variable: "$.foo", TimestampEquals: "2001-01-01T12:00:00Z" }, { foo: "2001-01-01T12:00:00Z" })).toBe(true);
    expect(test({ Variable: "$.foo", StringMatches: "log-*.txt" }, { foo: "log-2024.txt" })).toBe(true);
    expect(test({ Variable: "$.foo", StringMatches: "log-*.txt" }, { foo: "log-2024.csv" })).toBe(false);
  });
});

describe("String comparisons", () => {
  it("StringEquals", () => {
    expect(both("StringEquals", "Hello", "Hello")).toBe(true);
    expect(both("StringEquals", " ", "     ")).toBe(false);
    expect(both("StringEquals", "\t\n", "\t\r\n")).toBe(false);
    expect(both("StringEquals", "", "")).toBe(true);
  });
  it("ordering is by UTF-16 code unit, as Java's compareTo", () => {
    expect(both("StringLessThan", "A", "AB")).toBe(true);
    expect(both("StringLessThan", "", "")).toBe(false);
    expect(both("StringLessThan", "B", "a")).toBe(true); // 'B' (66) < 'a' (97)
    expect(both("StringLessThan", "\uffff", "\u{1F600}")).toBe(false); // surrogate 0xD83D < 0xFFFF
    expect(both("StringGreaterThan", "\uffff", "\u{1F600}")).toBe(true);
    expect(both("StringGreaterThan", "A", "A ")).toBe(false);
    expect(both("StringGreaterThan", "AB", "ABC")).toBe(false);
    expect(both("StringGreaterThan", "b", "abc")).toBe(true);
    expect(both("StringLessThanEquals", "", "")).toBe(true);
    expect(both("StringLessThanEquals", "A", "AB")).toBe(true);
    expect(both("StringLessThanEquals", "AB", "A")).toBe(false);
    expect(both("StringGreaterThanEquals", "", "")).toBe(true);
    expect(both("StringGreaterThanEquals", "A", "AB")).toBe(false);
    expect(both("StringGreaterThanEquals", "AB", "A")).toBe(true);
  });
  it("a timestamp is a string to StringEquals", () => {
    expect(both("StringEquals", "2016-08-18T17:33:00Z", "2016-08-18T17:33:00Z")).toBe(true);
  });
});

describe("Numeric comparisons", () => {
  it("compare by value (1 equals 1.0, 0 equals -0)", () => {
    expect(both("NumericEquals", 1, 1.0)).toBe(true);
    expect(both("NumericEquals", 0, -0)).toBe(true);
    expect(both("NumericEquals", 2.22, 2.22)).toBe(true);
    expect(both("NumericEquals", 1.1, 1)).toBe(false);
    expect(both("NumericLessThan", 0, 1)).toBe(true);
    expect(both("NumericLessThan", 1, 1)).toBe(false);
    expect(both("NumericLessThan", -1.5, -1)).toBe(true);
    expect(both("NumericGreaterThan", 1, 0)).toBe(true);
    expect(both("NumericGreaterThan", 0, 0)).toBe(false);
    expect(both("NumericLessThanEquals", 1, 1)).toBe(true);
    expect(both("NumericLessThanEquals", 1, 0)).toBe(false);
    expect(both("NumericGreaterThanEquals", 0, 0)).toBe(true);
    expect(both("NumericGreaterThanEquals", 0, 1)).toBe(false);
    expect(both("NumericGreaterThan", 1e21, 999999999999999999999)).toBe(false);
  });
});

describe("BooleanEquals", () => {
  it("compares booleans", () => {
    expect(both("BooleanEquals", true, true)).toBe(true);
    expect(both("BooleanEquals", false, false)).toBe(true);
    expect(both("BooleanEquals", false, true)).toBe(false);
  });
});

describe("Timestamp comparisons", () => {
  const t = "2012-10-09T19:00:55Z";
  it("equality and order of instants", () => {
    expect(both("TimestampEquals", t, t)).toBe(true);
    expect(both("TimestampEquals", "2012-10-09T19:00:56Z", t)).toBe(false);
    expect(both("TimestampLessThan", t, "2012-10-09T19:00:56Z")).toBe(true);
    expect(both("TimestampLessThan", t, t)).toBe(false);
    expect(both("TimestampGreaterThan", "2012-10-09T19:00:56Z", t)).toBe(true);
    expect(both("TimestampGreaterThan", t, t)).toBe(false);
    expect(both("TimestampLessThanEquals", t, t)).toBe(true);
    expect(both("TimestampLessThanEquals", "2012-10-09T19:00:56Z", t)).toBe(false);
    expect(both("TimestampGreaterThanEquals", t, t)).toBe(true);
    expect(both("TimestampGreaterThanEquals", t, "2012-10-09T19:00:56Z")).toBe(false);
  });
  it("offsets: the same instant written in two zones is equal", () => {
    expect(both("TimestampEquals", "2012-10-09T20:00:55+01:00", t)).toBe(true);
    expect(both("TimestampEquals", "2012-10-09T11:30:55-07:30", t)).toBe(true);
    expect(both("TimestampLessThan", "2012-10-09T20:00:54+01:00", t)).toBe(true);
    // Textually greater, but an earlier instant.
    expect(both("TimestampGreaterThan", "2012-10-09T19:30:00+01:00", t)).toBe(false);
  });
  it("fractional seconds", () => {
    expect(both("TimestampEquals", "2012-10-09T19:00:55.000Z", t)).toBe(true);
    expect(both("TimestampEquals", "2012-10-09T19:00:55.5Z", "2012-10-09T19:00:55.500Z")).toBe(true);
    expect(both("TimestampGreaterThan", "2012-10-09T19:00:55.001Z", t)).toBe(true);
    expect(both("TimestampLessThan", "2012-10-09T19:00:55.123456788Z", "2012-10-09T19:00:55.123456789Z")).toBe(true);
  });
  it("a string that is not an AWS timestamp compares false, never equal", () => {
    expect(literal("TimestampEquals", t, "2012-10-09T19:00:55")).toBe(false);
    expect(literal("TimestampEquals", t, "2012-10-09t19:00:55z")).toBe(false);
    expect(literal("TimestampLessThan", t, "2023-02-24 12:15:56.832957")).toBe(false);
    expect(literal("TimestampGreaterThan", t, "2023-02-24")).toBe(false);
    expect(viaPath("TimestampEquals", t, "not a timestamp")).toBe(false);
  });
});

describe("type mismatches compare false", () => {
  const others: JsonValue[] = [null, 0, 1.1, "", "1", "true", "HelloWorld", [], [""], {}, { A: 0 }, true, false];
  const cases: [string, JsonValue, (v: JsonValue) => boolean][] = [
    ["StringEquals", "1", (v) => typeof v === "string"],
    ["StringLessThan", "zzz", (v) => typeof v === "string"],
    ["NumericEquals", 1, (v) => typeof v === "number"],
    ["NumericGreaterThanEquals", -100, (v) => typeof v === "number"],
    ["BooleanEquals", true, (v) => typeof v === "boolean"],
    ["BooleanEquals", false, (v) => typeof v === "boolean"],
    ["TimestampEquals", "2012-10-09T19:00:55Z", (v) => typeof v === "string"],
    ["TimestampLessThan", "2012-10-09T19:00:55Z", (v) => typeof v === "string"],
  ];
  for (const [op, operand, ofType] of cases) {
    it(`${op} ${JSON.stringify(operand)}`, () => {
      for (const v of others) if (!ofType(v)) expect(both(op, v, operand)).toBe(false);
    });
  }
  it("the Path operand's type counts too", () => {
    expect(viaPath("NumericEquals", 1, "1")).toBe(false);
    expect(viaPath("StringEquals", "1", 1)).toBe(false);
    expect(viaPath("BooleanEquals", true, "true")).toBe(false);
    expect(viaPath("BooleanEquals", null, null)).toBe(false);
    expect(viaPath("NumericLessThan", 0, null)).toBe(false);
    expect(viaPath("StringGreaterThan", "b", ["a"])).toBe(false);
  });
  it("StringMatches on a non-string", () => {
    for (const v of others) if (typeof v !== "string") expect(literal("StringMatches", "*", v)).toBe(false);
    expect(literal("StringMatches", "*", "")).toBe(true);
  });
});

describe("type tests", () => {
  const values: JsonValue[] = [null, 0, 0.0, 1.1, "", " ", "2012-10-09T19:00:55Z", "2023-02-24", [], [""], {}, { A: 0 }, true, false];
  const tests: [string, (v: JsonValue) => boolean][] = [
    ["IsNull", (v) => v === null],
    ["IsNumeric", (v) => typeof v === "number"],
    ["IsString", (v) => typeof v === "string"],
    ["IsBoolean", (v) => typeof v === "boolean"],
    ["IsTimestamp", (v) => v === "2012-10-09T19:00:55Z"],
    ["IsPresent", () => true],
  ];
  for (const [op, expected] of tests) {
    it(`${op}: true tests the type, false its absence`, () => {
      for (const v of values) {
        expect(literal(op, true, v)).toBe(expected(v));
        expect(literal(op, false, v)).toBe(!expected(v));
      }
    });
  }
  it("IsTimestamp follows AWS's profile", () => {
    expect(literal("IsTimestamp", true, "2012-10-09T19:00:55+01:00")).toBe(true);
    expect(literal("IsTimestamp", true, "2012-10-09T19:00:55.123Z")).toBe(true);
    expect(literal("IsTimestamp", true, "2012-10-09T19:00:55")).toBe(false);
    expect(literal("IsTimestamp", true, "2012-10-09t19:00:55z")).toBe(false);
    expect(literal("IsTimestamp", true, "2023-02-24 12:15:56.832957")).toBe(false);
  });
  it("IsNumeric is about the JSON type: a numeric string is not numeric", () => {
    expect(literal("IsNumeric", true, "1")).toBe(false);
    expect(literal("IsBoolean", true, "true")).toBe(false);
    expect(literal("IsNull", true, "null")).toBe(false);
  });
});

describe("And, Or, Not", () => {
  const inRange: JsonObject = { And: [{ Variable: "$.v", NumericGreaterThanEquals: 20 }, { Variable: "$.v", NumericLessThan: 30 }] };
  it("And is true when every rule is", () => {
    expect(test(inRange, { v: 20 })).toBe(true);
    expect(test(inRange, { v: 29.9 })).toBe(true);
    expect(test(inRange, { v: 30 })).toBe(false);
    expect(test(inRange, { v: 19 })).toBe(false);
  });
  it("Or is true when some rule is", () => {
    const rule = { Or: [{ Variable: "$.v", StringEquals: "a" }, { Variable: "$.v", StringEquals: "b" }] };
    expect(test(rule, { v: "a" })).toBe(true);
    expect(test(rule, { v: "b" })).toBe(true);
    expect(test(rule, { v: "c" })).toBe(false);
  });
  it("Not negates", () => {
    expect(test({ Not: { Variable: "$.v", StringEquals: "Private" } }, { v: "Private" })).toBe(false);
    expect(test({ Not: { Variable: "$.v", StringEquals: "Private" } }, { v: "Public" })).toBe(true);
    expect(test({ Not: { Not: { Variable: "$.v", BooleanEquals: true } } }, { v: true })).toBe(true);
  });
  it("nests deeply", () => {
    const rule: JsonObject = {
      Or: [
        { And: [{ Variable: "$.kind", StringEquals: "file" }, { Not: { Variable: "$.name", StringMatches: "*.tmp" } }] },
        { And: [{ Variable: "$.kind", StringEquals: "dir" }, { Or: [inRange, { Variable: "$.v", IsNull: true }] }] },
      ],
    };
    expect(test(rule, { kind: "file", name: "a.txt" })).toBe(true);
    expect(test(rule, { kind: "file", name: "a.tmp" })).toBe(false);
    expect(test(rule, { kind: "dir", v: 25 })).toBe(true);
    expect(test(rule, { kind: "dir", v: null })).toBe(true);
    expect(test(rule, { kind: "dir", v: 5 })).toBe(false);
    expect(test(rule, { kind: "other" })).toBe(false);
  });
});

describe("Variable roots", () => {
  it("reads the context object with $$", () => {
    expect(test({ Variable: "$$.State.Name", StringEquals: "CheckValues" }, {})).toBe(true);
    expect(test({ Variable: "$$.Execution.Input.flag", BooleanEquals: true }, {})).toBe(true);
    expect(test({ Variable: "$$.Execution.Nope", IsPresent: true }, {})).toBe(false);
  });
  it("reads workflow variables with $name", () => {
    const s = makeScope({ count: 3, user: { tier: "gold" } });
    expect(test({ Variable: "$count", NumericGreaterThan: 2 }, {}, s)).toBe(true);
    expect(test({ Variable: "$user.tier", StringEquals: "gold" }, {}, s)).toBe(true);
    expect(test({ Variable: "$missing", IsPresent: true }, {}, s)).toBe(false);
    expect(failure(() => test({ Variable: "$missing", StringEquals: "x" }, {}, s)).cause).toBe(missingCause("$missing"));
  });
  it("compares against a variable or the context through ...Path", () => {
    const s = makeScope({ limit: 10 });
    expect(test({ Variable: "$.n", NumericLessThanPath: "$limit" }, { n: 9 }, s)).toBe(true);
    expect(test({ Variable: "$.n", NumericLessThanPath: "$limit" }, { n: 10 }, s)).toBe(false);
    expect(test({ Variable: "$.name", StringEqualsPath: "$$.State.Name" }, { name: "CheckValues" }, s)).toBe(true);
  });
  it("the whole input with $", () => {
    expect(test({ Variable: "$", NumericEquals: 5 }, 5)).toBe(true);
    expect(test({ Variable: "$", IsString: true }, "x")).toBe(true);
  });
});
