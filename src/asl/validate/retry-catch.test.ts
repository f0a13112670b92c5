import { describe, expect, it } from "vitest";
import { errorsOf, machine, schema } from "./test-support.js";

const task = (extra: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  machine({ T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: "H", ...extra }, H: { Type: "Succeed" } }, top);
const ALL_LAST = "States.ALL must appear alone and at end of list";

describe("Retry", () => {
  it("accepts the documented fields", () => {
    const retry = [
      { ErrorEquals: ["HandledError"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0 },
      { ErrorEquals: ["States.ALL"], IntervalSeconds: 3, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 10, JitterStrategy: "FULL", Comment: "c" },
    ];
    expect(errorsOf(task({ Retry: retry }))).toEqual([]);
  });

  it("requires a non-empty ErrorEquals of strings", () => {
    expect(errorsOf(task({ Retry: [{}] }))).toEqual([schema("These fields are required: [ErrorEquals]", "/States/T/Retry[0]")]);
    expect(errorsOf(task({ Retry: [{ ErrorEquals: [] }] }))).toEqual([schema("Value cannot be empty", "/States/T/Retry[0]/ErrorEquals")]);
    expect(errorsOf(task({ Retry: [{ ErrorEquals: [1] }] }))).toEqual([schema("Expected value of type [STRING]", "/States/T/Retry[0]/ErrorEquals[0]")]);
    expect(errorsOf(task({ Retry: [{ ErrorEquals: "States.ALL" }] }))).toEqual([schema("Expected value of type [ARRAY]", "/States/T/Retry[0]/ErrorEquals")]);
  });

  it("wants States.ALL alone and in the last retrier", () => {
    expect(errorsOf(task({ Retry: [{ ErrorEquals: ["States.ALL", "X"] }] }))).toEqual([schema(ALL_LAST, "/States/T/Retry[0]/ErrorEquals")]);
    expect(errorsOf(task({ Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["X"] }] }))).toEqual([schema(ALL_LAST, "/States/T/Retry[0]/ErrorEquals")]);
  });

  it("checks the numbers and the jitter strategy", () => {
    const retry = [{ ErrorEquals: ["X"], IntervalSeconds: 0, MaxAttempts: -1, BackoffRate: 0.5, MaxDelaySeconds: 0, JitterStrategy: "SOME" }];
    expect(errorsOf(task({ Retry: retry }))).toEqual([
      schema("Minimum value is 1", "/States/T/Retry[0]/IntervalSeconds"),
      schema("Minimum value is 0", "/States/T/Retry[0]/MaxAttempts"),
      schema("Minimum value is 1.0", "/States/T/Retry[0]/BackoffRate"),
      schema("Minimum value is 1", "/States/T/Retry[0]/MaxDelaySeconds"),
      schema("Value should be one of the following: [FULL, NONE]", "/States/T/Retry[0]/JitterStrategy"),
    ]);
    expect(errorsOf(task({ Retry: [{ ErrorEquals: ["X"], MaxAttempts: 1.5 }] }))).toEqual([schema("Expected value of type [INTEGER]", "/States/T/Retry[0]/MaxAttempts")]);
  });

  it("rejects unknown retrier fields", () => {
    expect(errorsOf(task({ Retry: [{ ErrorEquals: ["X"], Next: "H" }] }))).toContainEqual(schema("Field 'Next' is not supported", "/States/T/Retry[0]"));
  });
});

describe("Catch", () => {
  it("accepts the documented fields", () => {
    const catchers = [
      { ErrorEquals: ["X"], ResultPath: "$.error-info", Next: "H" },
      { ErrorEquals: ["States.ALL"], ResultPath: null, Assign: { "err.$": "$.Cause" }, Next: "H" },
    ];
    expect(errorsOf(task({ Catch: catchers }))).toEqual([]);
  });

  it("requires ErrorEquals and Next", () => {
    expect(errorsOf(task({ Catch: [{}] }))).toEqual([schema("These fields are required: [ErrorEquals, Next]", "/States/T/Catch[0]")]);
  });

  it("wants States.ALL in the last catcher", () => {
    const catchers = [{ ErrorEquals: ["States.ALL"], Next: "H" }, { ErrorEquals: ["X"], Next: "H" }];
    expect(errorsOf(task({ Catch: catchers }))).toEqual([schema(ALL_LAST, "/States/T/Catch[0]/ErrorEquals")]);
  });

  it("checks ResultPath as a reference path", () => {
    const [d] = errorsOf(task({ Catch: [{ ErrorEquals: ["X"], ResultPath: "$.a[*]", Next: "H" }] }));
    expect(d).toMatchObject({ code: "SCHEMA_VALIDATION_FAILED", location: "/States/T/Catch[0]/ResultPath" });
  });

  it("takes Output only in JSONata and ResultPath only in JSONPath", () => {
    expect(errorsOf(task({ Catch: [{ ErrorEquals: ["X"], Output: {}, Next: "H" }] }))).toEqual([
      schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/T/Catch[0]"),
    ]);
    expect(errorsOf(task({ Catch: [{ ErrorEquals: ["X"], ResultPath: "$.e", Next: "H" }] }, { QueryLanguage: "JSONata" }))).toEqual([
      schema("The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage", "/States/T/Catch[0]"),
    ]);
  });

  it("is accepted on Task, Parallel and Map only (Catch on Pass is refused, in both languages)", () => {
    const pass = (top: Record<string, unknown>) => machine({ X: { Type: "Pass", End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "X" }] } }, top);
    expect(errorsOf(pass({}))).toEqual([schema("Field 'Catch' is not supported", "/States/X")]);
    expect(errorsOf(pass({ QueryLanguage: "JSONata" }))).toEqual([schema("Field 'Catch' is not supported", "/States/X")]);
  });
});
