import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { parseMockConfig, parseInvocationKey } from "./parse-mock-config.js";
import { MockConfigError } from "./mock-config-error.js";

/** AWS's own example, https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html */
const awsExampleConfig: unknown = JSON.parse(readFileSync(new URL("./aws-example-mock-config.json", import.meta.url), "utf8"));

/** The issues a bad config produces, as "location: message" lines. */
function issuesOf(json: unknown): { location: string; message: string }[] {
  try {
    parseMockConfig(json);
  } catch (e) {
    expect(e).toBeInstanceOf(MockConfigError);
    return [...(e as MockConfigError).issues];
  }
  throw new Error("expected parseMockConfig to throw");
}

const withResponses = (responses: unknown) => ({ StateMachines: {}, MockedResponses: responses });

describe("parseMockConfig: AWS's example", () => {
  const config = parseMockConfig(awsExampleConfig);

  it("indexes state machines, test cases and their state → response mapping", () => {
    const tc = config.stateMachines.get("LambdaSQSIntegration")!.testCases;
    expect([...tc.keys()]).toEqual(["HappyPath", "RetryPath", "HybridPath"]);
    expect(Object.fromEntries(tc.get("RetryPath")!)).toEqual({ LambdaState: "MockedLambdaRetry", SQSState: "MockedSQSSuccess" });
    expect(Object.fromEntries(tc.get("HybridPath")!)).toEqual({ LambdaState: "MockedLambdaSuccess" });
  });

  it("turns invocation keys into sorted inclusive ranges with their outcomes", () => {
    const steps = config.mockedResponses.get("MockedLambdaRetry")!.steps;
    expect(steps.map((s) => [s.key, s.from, s.to, s.outcome.type])).toEqual([
      ["0", 0, 0, "Throw"],
      ["1-2", 1, 2, "Throw"],
      ["3", 3, 3, "Return"],
    ]);
    expect(steps[1]!.outcome).toEqual({ type: "Throw", error: "Lambda.TimeoutException", cause: "Lambda timed out." });
    expect(config.warnings).toEqual([]);
  });

  it("sorts keys written out of order", () => {
    const c = parseMockConfig(withResponses({ R: { "2": { Return: 2 }, "0-1": { Return: 0 } } }));
    expect(c.mockedResponses.get("R")!.steps.map((s) => s.key)).toEqual(["0-1", "2"]);
  });

  it("accepts any JSON value as Return, including null, arrays and strings", () => {
    const c = parseMockConfig(withResponses({ R: { "0": { Return: null }, "1": { Return: [1] }, "2": { Return: "s" } } }));
    expect(c.mockedResponses.get("R")!.steps.map((s) => s.outcome)).toEqual([
      { type: "Return", value: null },
      { type: "Return", value: [1] },
      { type: "Return", value: "s" },
    ]);
  });
});

describe("parseInvocationKey", () => {
  it.each([
    ["0", [0, 0]],
    ["12", [12, 12]],
    ["1-2", [1, 2]],
    ["3-3", [3, 3]],
  ])("%s → %j", (key, range) => expect(parseInvocationKey(key)).toEqual(range));

  it.each(["", "-1", "1-", "-", "2-1", "1.5", " 1", "1 - 2", "a", "1-2-3", "0x1", "99999999999999999999"])(
    "rejects %j",
    (key) => expect(parseInvocationKey(key)).toBeUndefined(),
  );
});

describe("parseMockConfig: bad files", () => {
  it("rejects a non-object document", () => {
    expect(issuesOf([])).toEqual([{ location: "", message: "The mock configuration must be a JSON object, got an array" }]);
    expect(issuesOf(null)[0]!.location).toBe("");
  });

  it("requires StateMachines and MockedResponses and rejects unknown top-level keys", () => {
    const issues = issuesOf({ StateMachine: {} });
    expect(issues.map((i) => i.location)).toEqual(["/StateMachine", "/MockedResponses", "/StateMachines"]);
    expect(issues[0]!.message).toMatch(/Unknown field 'StateMachine'/);
    expect(issues[1]!.message).toMatch(/Missing required field 'MockedResponses'/);
  });

  it("rejects unknown keys in a state machine entry and a missing TestCases", () => {
    const issues = issuesOf({ StateMachines: { SM: { Testcases: {} } }, MockedResponses: {} });
    expect(issues.map((i) => i.location)).toEqual(["/StateMachines/SM/Testcases", "/StateMachines/SM/TestCases"]);
  });

  it("rejects a test case that maps a state to a non-string or to an undefined response", () => {
    const issues = issuesOf({
      StateMachines: { SM: { TestCases: { T: { A: 1, B: "Nope", C: "Ok" }, U: [] } } },
      MockedResponses: { Ok: { "0": { Return: 1 } } },
    });
    expect(issues).toEqual([
      { location: "/StateMachines/SM/TestCases/T/A", message: "Expected the name of a mocked response (a string), got a number" },
      { location: "/StateMachines/SM/TestCases/T/B", message: "Mocked response 'Nope' is not defined in MockedResponses" },
      { location: "/StateMachines/SM/TestCases/U", message: expect.stringMatching(/got an array/) },
    ]);
  });

  it("rejects a step with both Return and Throw, with neither, or with other keys", () => {
    const issues = issuesOf(
      withResponses({
        R: {
          "0": { Return: 1, Throw: { Error: "E", Cause: "C" } },
          "1": {},
          "2": { Return: 1, Retrun: 2 },
          "3": 5,
        },
      }),
    );
    expect(issues).toEqual([
      { location: "/MockedResponses/R/0", message: "A mocked invocation must contain a single field, 'Return' or 'Throw', not both" },
      { location: "/MockedResponses/R/1", message: "A mocked invocation must contain a single field named 'Return' or 'Throw'" },
      { location: "/MockedResponses/R/2/Retrun", message: "Unknown field 'Retrun'; expected 'Return' or 'Throw'" },
      { location: "/MockedResponses/R/3", message: expect.stringMatching(/got a number/) },
    ]);
  });

  it("requires Throw to be {Error, Cause} with string values", () => {
    const issues = issuesOf(
      withResponses({
        R: {
          "0": { Throw: { Error: "E" } },
          "1": { Throw: { Error: 3, Cause: "C" } },
          "2": { Throw: { Error: "E", Cause: "C", Code: 1 } },
          "3": { Throw: "E" },
        },
      }),
    );
    expect(issues.map((i) => i.location)).toEqual([
      "/MockedResponses/R/0/Throw/Cause",
      "/MockedResponses/R/1/Throw/Error",
      "/MockedResponses/R/2/Throw/Code",
      "/MockedResponses/R/3/Throw",
    ]);
    expect(issues[0]!.message).toBe("Missing required field 'Cause' (a string)");
    expect(issues[1]!.message).toBe("Expected a string, got a number");
  });

  it("rejects bad invocation keys", () => {
    const issues = issuesOf(withResponses({ R: { first: { Return: 1 }, "2-1": { Return: 1 }, "-1": { Return: 1 } } }));
    expect(issues.map((i) => i.location)).toEqual(["/MockedResponses/R/first", "/MockedResponses/R/2-1", "/MockedResponses/R/-1"]);
    expect(issues[1]!.message).toMatch(/Invalid invocation key '2-1'.*"1-2"/);
  });

  it("rejects overlapping ranges", () => {
    const issues = issuesOf(withResponses({ R: { "0-2": { Return: 1 }, "2": { Return: 2 }, "1": { Return: 3 } } }));
    expect(issues).toEqual([
      { location: "/MockedResponses/R/1", message: "Invocation key '1' overlaps '0-2': each invocation needs exactly one response" },
      { location: "/MockedResponses/R/2", message: "Invocation key '2' overlaps '0-2': each invocation needs exactly one response" },
    ]);
    expect(issuesOf(withResponses({ R: { "0": { Return: 1 }, "00": { Return: 2 } } }))[0]!.message).toMatch(/overlaps/);
  });

  it("escapes JSON Pointer locations", () => {
    const issues = issuesOf(withResponses({ "a/b~c": { x: { Return: 1 } } }));
    expect(issues[0]!.location).toBe("/MockedResponses/a~1b~0c/x");
  });

  it("puts every issue and the first location in the error", () => {
    try {
      parseMockConfig({ StateMachines: [], MockedResponses: { R: { x: {} } } });
      expect.unreachable();
    } catch (e) {
      const err = e as MockConfigError;
      expect(err.code).toBe("InvalidMockConfig");
      expect(err.location).toBe("/MockedResponses/R/x");
      expect(err.issues).toHaveLength(2);
      expect(err.message).toContain("(2 problems)");
      expect(err.message).toContain("/StateMachines: Expected state machines by name");
    }
  });
});

describe("parseMockConfig: gaps are warnings (AWS fails the execution only when one is reached)", () => {
  it("warns about a response that does not start at 0, a gap, and an empty response", () => {
    const c = parseMockConfig(withResponses({ Late: { "1": { Return: 1 } }, Gap: { "0-1": { Return: 1 }, "4": { Return: 2 } }, Empty: {} }));
    expect(c.warnings).toEqual([
      { location: "/MockedResponses/Late/1", message: "No response for invocation 0: an execution reaching it fails (States.Runtime)" },
      { location: "/MockedResponses/Gap/4", message: "No response for invocations 2-3: an execution reaching them fails (States.Runtime)" },
      { location: "/MockedResponses/Empty", message: expect.stringMatching(/no invocation keys/) },
    ]);
  });
});
