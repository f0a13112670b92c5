import { describe, it, expect } from "vitest";
import type { JsonValue } from "../shared/json.js";
import { runMachine, typesOf, chainOf, timesOf, eventsOf, instantClock, T0 } from "./test-machine.js";

describe("Choice", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html (the ChoiceStateX example)
  const choiceStateX = {
    StartAt: "ChoiceStateX",
    States: {
      ChoiceStateX: {
        Type: "Choice",
        Choices: [
          { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
          { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
          {
            And: [
              { Variable: "$.value", NumericGreaterThanEquals: 20 },
              { Variable: "$.value", NumericLessThan: 30 },
            ],
            Next: "ValueInTwenties",
          },
        ],
        Default: "DefaultState",
      },
      Public: { Type: "Pass", Result: "Public", End: true },
      ValueIsZero: { Type: "Pass", Result: "ValueIsZero", End: true },
      ValueInTwenties: { Type: "Pass", Result: "ValueInTwenties", End: true },
      DefaultState: { Type: "Fail", Error: "DefaultStateError", Cause: "No Matches!" },
    },
  };

  it("takes the first rule that matches (AWS's ChoiceStateX example)", async () => {
    expect((await runMachine(choiceStateX, { type: "Public", value: 22 })).output).toBe("Public");
    expect((await runMachine(choiceStateX, { type: "Private", value: 0 })).output).toBe("ValueIsZero");
    expect((await runMachine(choiceStateX, { type: "Private", value: 22 })).output).toBe("ValueInTwenties");
  });

  it("takes Default when no rule matches", async () => {
    const r = await runMachine(choiceStateX, { type: "Private", value: 42 });
    expect(r).toMatchObject({ status: "FAILED", error: "DefaultStateError", cause: "No Matches!" });
  });

  it("fails with States.NoChoiceMatched when no rule matches and there is no Default", async () => {
    const r = await runMachine(
      {
        StartAt: "C",
        States: { C: { Type: "Choice", Choices: [{ Variable: "$.v", NumericEquals: 1, Next: "One" }] }, One: { Type: "Succeed" } },
      },
      { v: 2 },
    );
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("States.NoChoiceMatched");
    expect(typesOf(r)).toEqual(["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"]);
  });

  it("passes its input through, with InputPath and OutputPath applied", async () => {
    const r = await runMachine(
      {
        StartAt: "C",
        States: {
          C: { Type: "Choice", InputPath: "$.inner", OutputPath: "$.keep", Choices: [{ Variable: "$.v", NumericEquals: 1, Next: "Done" }] },
          Done: { Type: "Succeed" },
        },
      },
      { inner: { v: 1, keep: { k: true } }, outer: 0 },
    );
    expect(r.output).toEqual({ k: true });
    expect(typesOf(r)).toEqual(["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"]);
  });

  it("rules can read the context object and variables", async () => {
    const r = await runMachine(
      {
        StartAt: "Set",
        States: {
          Set: { Type: "Pass", Assign: { limit: 10 }, Next: "C" },
          C: {
            Type: "Choice",
            Choices: [
              { And: [{ Variable: "$$.State.Name", StringEquals: "C" }, { Variable: "$.n", NumericGreaterThanPath: "$limit" }], Next: "Big" },
            ],
            Default: "Small",
          },
          Big: { Type: "Pass", Result: "big", End: true },
          Small: { Type: "Pass", Result: "small", End: true },
        },
      },
      { n: 11 },
    );
    expect(r.output).toBe("big");
  });
});

describe("Wait", () => {
  const wait = (fields: Record<string, unknown>) => ({
    StartAt: "W",
    States: { W: { Type: "Wait", ...fields, Next: "P" }, P: { Type: "Pass", End: true } },
  });

  it("Seconds waits that long on the virtual clock and passes its input on", async () => {
    const r = await runMachine(wait({ Seconds: 10 }), { a: 1 });
    expect(r).toMatchObject({ status: "SUCCEEDED", output: { a: 1 } });
    expect(timesOf(r)).toEqual([
      "1 ExecutionStarted +0", "2 WaitStateEntered +0", "3 WaitStateExited +10000",
      "4 PassStateEntered +10000", "5 PassStateExited +10000", "6 ExecutionSucceeded +10000",
    ]);
    expect(r.stopDate - r.startDate).toBe(10_000);
  });

  it("Seconds 0 does not wait", async () => {
    const r = await runMachine(wait({ Seconds: 0 }));
    expect(r.stopDate).toBe(T0);
  });

  it("SecondsPath reads the seconds from the input", async () => {
    const r = await runMachine(wait({ SecondsPath: "$.delay" }), { delay: 42 });
    expect(r.stopDate - r.startDate).toBe(42_000);
  });

  it("SecondsPath failures are States.Runtime with AWS's causes", async () => {
    const cases: [JsonValue, string][] = [
      [{}, "The SecondsPath parameter does not reference an input value: $.delay"],
      [{ delay: 1.5 }, "The SecondsPath parameter cannot be parsed as a long value: $.delay == 1.5"],
      [{ delay: -1 }, "The SecondsPath parameter references a negative value: $.delay == -1"],
    ];
    for (const [input, detail] of cases) {
      const r = await runMachine(wait({ SecondsPath: "$.delay" }), input);
      expect(r).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: `An error occurred while executing the state 'W' (entered at the event id #2). ${detail}`,
      });
    }
  });

  it("Timestamp waits until that time", async () => {
    const r = await runMachine(wait({ Timestamp: "2024-01-01T00:05:00Z" }));
    expect(r.stopDate - r.startDate).toBe(300_000);
    expect(eventsOf(r, "WaitStateExited")[0]!.timestamp).toBe(Date.parse("2024-01-01T00:05:00Z"));
  });

  it("Timestamp honours offsets and fractions of a second", async () => {
    const r = await runMachine(wait({ Timestamp: "2024-01-01T01:00:01.500+01:00" }));
    expect(r.stopDate - r.startDate).toBe(1500);
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html ("Timestamp": "2016-03-14T01:59:00Z")
  it("a Timestamp in the past does not wait", async () => {
    const r = await runMachine(wait({ Timestamp: "2016-03-14T01:59:00Z" }));
    expect(r).toMatchObject({ status: "SUCCEEDED" });
    expect(r.stopDate).toBe(T0);
  });

  it("TimestampPath reads the time from the input", async () => {
    const r = await runMachine(wait({ TimestampPath: "$.expirydate" }), { expirydate: "2024-01-01T00:00:30Z" });
    expect(r.stopDate - r.startDate).toBe(30_000);
  });

  it("TimestampPath must reference an ISO-8601 date-time with an offset", async () => {
    const r = await runMachine(wait({ TimestampPath: "$.t" }), { t: "2016-12-05 21:29:29Z" });
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'W' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05 21:29:29Z",
    });
  });

  it("zeroWaits skips the wait but keeps the events", async () => {
    const r = await runMachine(wait({ Seconds: 3600 }), {}, { zeroWaits: true });
    expect(r.stopDate).toBe(T0);
    expect(typesOf(r)).toContain("WaitStateExited");
  });

  it("a custom clock is asked to sleep until the end of the wait", async () => {
    const clock = instantClock();
    const r = await runMachine(wait({ Seconds: 5 }), {}, { clock });
    expect(clock.sleeps).toEqual([5000]);
    expect(r.stopDate - r.startDate).toBe(5000);
  });

  it("InputPath and OutputPath apply", async () => {
    const r = await runMachine(wait({ Seconds: 1, InputPath: "$.a", OutputPath: "$.b" }), { a: { b: 2 } });
    expect(r.output).toBe(2);
  });

  it("waits in sequence add up", async () => {
    const r = await runMachine({
      StartAt: "W1",
      States: { W1: { Type: "Wait", Seconds: 2, Next: "W2" }, W2: { Type: "Wait", Seconds: 3, End: true } },
    });
    expect(r.stopDate - r.startDate).toBe(5000);
  });
});

describe("Succeed", () => {
  it("ends the execution with its input (InputPath and OutputPath applied)", async () => {
    const r = await runMachine(
      { StartAt: "S", States: { S: { Type: "Succeed", InputPath: "$.a", OutputPath: "$.b" } } },
      { a: { b: [1] }, c: 2 },
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", output: [1] });
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 SucceedStateEntered", "3<2 SucceedStateExited", "4<3 ExecutionSucceeded"]);
  });
});

describe("Fail", () => {
  const fail = (fields: Record<string, unknown>) => ({ StartAt: "F", States: { F: { Type: "Fail", ...fields } } });

  it("fails the execution with Error and Cause; no FailStateExited", async () => {
    const r = await runMachine(fail({ Error: "ErrorA", Cause: "Kaiju attack" }));
    expect(r).toMatchObject({ status: "FAILED", error: "ErrorA", cause: "Kaiju attack" });
    expect(r.output).toBeUndefined();
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 FailStateEntered", "3<2 ExecutionFailed"]);
    expect(r.history![2]!.executionFailedEventDetails).toEqual({ error: "ErrorA", cause: "Kaiju attack" });
  });

  it("without Error or Cause the failure has neither", async () => {
    const r = await runMachine(fail({}));
    expect(r.status).toBe("FAILED");
    expect(r).not.toHaveProperty("error");
    expect(r).not.toHaveProperty("cause");
    expect(r.history![2]!.executionFailedEventDetails).toEqual({});
  });

  it("ErrorPath and CausePath read them from the input", async () => {
    const r = await runMachine(fail({ ErrorPath: "$.e", CausePath: "$.c" }), { e: "Custom", c: "because" });
    expect(r).toMatchObject({ status: "FAILED", error: "Custom", cause: "because" });
  });

  // Recorded from AWS (conformance: base/test_base.py::test_state_fail_intrinsic).
  it("ErrorPath and CausePath can be intrinsic functions", async () => {
    const r = await runMachine(
      fail({
        ErrorPath: "States.Format('{}', $.Error)",
        CausePath: "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
      }),
      { Error: "error string", Cause: "cause string" },
    );
    expect(r).toMatchObject({
      status: "FAILED",
      error: "error string",
      cause: "This is a custom error message for error string, caused by cause string.",
    });
  });

  // Recorded from AWS (conformance: scenarios/test_base_scenarios.py::test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH]).
  it("an ErrorPath that finds nothing is States.Runtime", async () => {
    const r = await runMachine(
      { StartAt: "pass", States: { pass: { Type: "Pass", Next: "fail", Parameters: { Error: "error-value" } }, fail: { Type: "Fail", ErrorPath: "$.ErrorX" } } },
      { "int-literal": 0 },
    );
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'fail' (entered at the event id #4). The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"error-value\"}'",
    });
  });
});

describe("execution TimeoutSeconds", () => {
  // Recorded from AWS (conformance: timeouts/test_timeouts.py::test_global_timeout): a 60 s Wait in a
  // machine with TimeoutSeconds 5 times out.
  it("ends the execution TIMED_OUT when the time is up", async () => {
    const r = await runMachine({
      Comment: "WAIT_1_MIN",
      StartAt: "State_1",
      States: { State_1: { Type: "Wait", Seconds: 60, Next: "State_2" }, State_2: { Type: "Pass", Result: { Arg1: "argument1" }, End: true } },
      TimeoutSeconds: 5,
    });
    expect(r.status).toBe("TIMED_OUT");
    expect(r.output).toBeUndefined();
    expect(r.stopDate - r.startDate).toBe(5000);
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 WaitStateEntered", "3<2 ExecutionTimedOut"]);
    expect(timesOf(r).at(-1)).toBe("3 ExecutionTimedOut +5000");
  });

  it("does not affect an execution that ends in time", async () => {
    const r = await runMachine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 4, End: true } }, TimeoutSeconds: 5 });
    expect(r.status).toBe("SUCCEEDED");
  });

  it("stops a long task on a custom clock", async () => {
    const clock = instantClock();
    const r = await runMachine(
      { StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, Next: "P" }, P: { Type: "Pass", End: true } }, TimeoutSeconds: 30 },
      {},
      { clock },
    );
    expect(r.status).toBe("TIMED_OUT");
    expect(r.stopDate - r.startDate).toBe(30_000);
  });
});
