import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { JsonValue } from "../shared/json.js";
import type { TaskRequest } from "../runner/index.js";
import { parseMockConfig } from "./parse-mock-config.js";
import { createMockInvoker, findStep, MockedTaskFailure, type MockInvoker } from "./mock-invoker.js";
import { MockConfigError } from "./mock-config-error.js";

/** AWS's own example, https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html */
const awsExampleConfig: unknown = JSON.parse(readFileSync(new URL("./aws-example-mock-config.json", import.meta.url), "utf8"));

const request = (stateName: string, retryCount = 0): TaskRequest => ({
  resource: "arn:aws:states:::lambda:invoke",
  input: {},
  stateName,
  context: {},
  retryCount,
  timeoutSeconds: undefined,
  heartbeatSeconds: undefined,
  taskToken: undefined,
});

type Outcome = { value: JsonValue | undefined } | { error: string; cause: string };

/** Calls the invoker and reports what the runner would see. */
function call(invoke: MockInvoker, stateName: string, retryCount = 0): Outcome {
  try {
    return { value: invoke(request(stateName, retryCount)) as JsonValue | undefined };
  } catch (e) {
    expect(e).toBeInstanceOf(MockedTaskFailure);
    const err = e as Error;
    return { error: err.name, cause: err.message };
  }
}

const config = parseMockConfig(awsExampleConfig);
const lambdaSuccess = { StatusCode: 200, Payload: { StatusCode: 200, body: "Hello from Lambda!" } };

describe("createMockInvoker with AWS's example", () => {
  it("HappyPath: both states return their mocked results", () => {
    const invoke = createMockInvoker(config, "LambdaSQSIntegration", "HappyPath");
    expect(call(invoke, "LambdaState")).toEqual({ value: lambdaSuccess });
    expect(call(invoke, "SQSState")).toEqual({
      value: { MD5OfMessageBody: "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" },
    });
  });

  it("HybridPath: a state the test case does not list falls through (undefined)", () => {
    const invoke = createMockInvoker(config, "LambdaSQSIntegration", "HybridPath");
    expect(call(invoke, "LambdaState")).toEqual({ value: lambdaSuccess });
    expect(call(invoke, "SQSState")).toEqual({ value: undefined });
    expect(call(invoke, "SQSState")).toEqual({ value: undefined });
  });

  it("RetryPath: each retry attempt takes the next response; '1-2' serves two attempts", () => {
    const invoke = createMockInvoker(config, "LambdaSQSIntegration", "RetryPath");
    expect(call(invoke, "LambdaState", 0)).toEqual({ error: "Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready." });
    expect(call(invoke, "LambdaState", 1)).toEqual({ error: "Lambda.TimeoutException", cause: "Lambda timed out." });
    expect(call(invoke, "LambdaState", 2)).toEqual({ error: "Lambda.TimeoutException", cause: "Lambda timed out." });
    expect(call(invoke, "LambdaState", 3)).toEqual({ value: lambdaSuccess });
  });

  it("past the last response the execution fails with States.Runtime", () => {
    const invoke = createMockInvoker(config, "LambdaSQSIntegration", "HappyPath");
    call(invoke, "LambdaState");
    const out = call(invoke, "LambdaState");
    expect(out).toEqual({
      error: "States.Runtime",
      cause: "No mocked response for invocation 1 of state 'LambdaState': mocked response 'MockedLambdaSuccess' (test case 'HappyPath') defines invocations 0",
    });
  });

  it("a thrown mock carries error/cause fields too", () => {
    const invoke = createMockInvoker(config, "LambdaSQSIntegration", "RetryPath");
    try {
      invoke(request("LambdaState"));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: "Lambda.ResourceNotReadyException", error: "Lambda.ResourceNotReadyException", cause: "Lambda resource is not ready." });
    }
  });
});

describe("invocation counters", () => {
  const loop = parseMockConfig({
    StateMachines: { Poller: { TestCases: { T: { Check: "Statuses", Notify: "Sent" } } } },
    MockedResponses: {
      Statuses: { "0-1": { Return: { status: "running" } }, "2": { Return: { status: "completed" } } },
      Sent: { "0": { Return: "ok" } },
    },
  });

  it("advance on every invocation, not only on retries (re-entering a state in a loop)", () => {
    const invoke = createMockInvoker(loop, "Poller", "T");
    // Each pass round the loop is a fresh attempt: retryCount stays 0.
    expect([0, 0, 0].map(() => call(invoke, "Check", 0))).toEqual([
      { value: { status: "running" } },
      { value: { status: "running" } },
      { value: { status: "completed" } },
    ]);
  });

  it("are kept per state name", () => {
    const invoke = createMockInvoker(loop, "Poller", "T");
    expect(call(invoke, "Check")).toEqual({ value: { status: "running" } });
    expect(call(invoke, "Notify")).toEqual({ value: "ok" });
    expect(call(invoke, "Check")).toEqual({ value: { status: "running" } });
    expect(call(invoke, "Check")).toEqual({ value: { status: "completed" } });
    expect(call(invoke, "Notify")).toMatchObject({ error: "States.Runtime" });
  });

  it("are kept per invoker, i.e. per execution", () => {
    const first = createMockInvoker(loop, "Poller", "T");
    call(first, "Check");
    call(first, "Check");
    const second = createMockInvoker(loop, "Poller", "T");
    expect(call(second, "Check")).toEqual({ value: { status: "running" } });
    expect(call(first, "Check")).toEqual({ value: { status: "completed" } });
  });

  it("fail the execution at a gap, and on a response with no keys", () => {
    const gappy = parseMockConfig({
      StateMachines: { SM: { TestCases: { T: { A: "Gap", B: "Empty" } } } },
      MockedResponses: { Gap: { "0": { Return: 0 }, "2": { Return: 2 } }, Empty: {} },
    });
    const invoke = createMockInvoker(gappy, "SM", "T");
    expect(call(invoke, "A")).toEqual({ value: 0 });
    expect(call(invoke, "A")).toMatchObject({ error: "States.Runtime", cause: expect.stringMatching(/invocation 1 of state 'A'.*defines invocations 0, 2/) });
    expect(call(invoke, "B")).toMatchObject({ error: "States.Runtime", cause: expect.stringMatching(/defines no invocations/) });
  });
});

describe("mocked results are copies", () => {
  it("mutating one execution's result does not change the next", () => {
    const a = createMockInvoker(config, "LambdaSQSIntegration", "HappyPath");
    const result = a(request("LambdaState")) as { Payload: { body: string } };
    result.Payload.body = "changed";
    const b = createMockInvoker(config, "LambdaSQSIntegration", "HappyPath");
    expect(call(b, "LambdaState")).toEqual({ value: lambdaSuccess });
  });
});

describe("unknown state machine or test case", () => {
  it("throws a MockConfigError when the invoker is created", () => {
    expect(() => createMockInvoker(config, "Other", "HappyPath")).toThrow(MockConfigError);
    try {
      createMockInvoker(config, "LambdaSQSIntegration", "SadPath");
      expect.unreachable();
    } catch (e) {
      const err = e as MockConfigError;
      expect(err.code).toBe("UnknownTestCase");
      expect(err.location).toBe("/StateMachines/LambdaSQSIntegration/TestCases");
      expect(err.message).toContain("no test case 'SadPath' (defined: 'HappyPath', 'RetryPath', 'HybridPath')");
    }
    try {
      createMockInvoker(config, "Other", "HappyPath");
    } catch (e) {
      expect((e as MockConfigError).code).toBe("UnknownStateMachine");
      expect((e as MockConfigError).message).toContain("'Other' is not in the mock config (defined: 'LambdaSQSIntegration')");
    }
  });
});

describe("findStep", () => {
  const steps = parseMockConfig({
    StateMachines: {},
    MockedResponses: { R: { "0": { Return: 0 }, "1-3": { Return: 1 }, "5-9": { Return: 5 }, "12": { Return: 12 } } },
  }).mockedResponses.get("R")!.steps;

  it("finds the step covering each invocation, or none in gaps and past the end", () => {
    const keys = Array.from({ length: 14 }, (_, n) => findStep(steps, n)?.key ?? null);
    expect(keys).toEqual(["0", "1-3", "1-3", "1-3", null, "5-9", "5-9", "5-9", "5-9", "5-9", null, null, "12", null]);
  });
});
