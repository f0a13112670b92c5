import { describe, it, expect, afterEach } from "vitest";
import { parseMockConfig } from "../../mocking/index.js";
import { createHarness, execArn, smArn, T0, taskMachine, type Harness } from "./test-support.js";
import { childName } from "./nested.js";
import { createTaskInvoker } from "./task-invoker.js";

let h: Harness;
afterEach(() => h.close());

const FN = "arn:aws:lambda:us-east-1:123456789012:function:Work";
const CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
const twoTasks = {
  StartAt: "First",
  States: {
    First: { Type: "Task", Resource: FN, Next: "Second" },
    Second: { Type: "Task", Resource: FN, End: true },
  },
};
const mockConfig = parseMockConfig({
  StateMachines: {
    M: { TestCases: { HappyPath: { First: "Ok" }, Broken: { First: "Down" } } },
    X: { TestCases: { HappyPath: { T: "Ok" } } },
    CB: { TestCases: { Mocked: { T: "Ok" } } },
  },
  MockedResponses: {
    Ok: { "0": { Return: { mocked: true } } },
    Down: { "0": { Throw: { Error: "Lambda.ServiceException", Cause: "down" } } },
  },
});

describe("mocked runs (StartExecution on <stateMachineArn>#<TestCase>)", () => {
  it("answers mocked states from the test case and runs the others for real", async () => {
    const seen: unknown[] = [];
    h = await createHarness({ mockConfig, handlers: { [FN]: (input) => (seen.push(input), { real: input }) } });
    const arn = await h.machine("M", twoTasks);
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: `${arn}#HappyPath`, name: "m1" });
    expect(executionArn).toBe(execArn("M", "m1"));
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({
      status: "SUCCEEDED", stateMachineArn: arn, output: '{"real":{"mocked":true}}',
    });
    expect(seen).toEqual([{ mocked: true }]);
    const broken = await h.call("StartExecution", { stateMachineArn: `${arn}#Broken` });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn: broken.executionArn })).toMatchObject({
      status: "FAILED", error: "Lambda.ServiceException", cause: "down",
    });
  });

  it("mocks Express runs, StartSyncExecution included", async () => {
    h = await createHarness({ mockConfig });
    const arn = await h.machine("X", taskMachine(FN), { type: "EXPRESS" });
    expect(await h.call("StartSyncExecution", { stateMachineArn: `${arn}#HappyPath` })).toMatchObject({
      status: "SUCCEEDED", output: '{"mocked":true}', stateMachineArn: arn,
    });
  });

  it("delivers a mocked callback task's response without SendTaskSuccess", async () => {
    h = await createHarness({ mockConfig });
    const arn = await h.machine("CB", taskMachine(CALLBACK));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: `${arn}#Mocked` });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "SUCCEEDED", output: '{"mocked":true}' });
  });

  it("refuses unknown test cases and runs without a mock config", async () => {
    h = await createHarness({ mockConfig });
    const arn = await h.machine("M", twoTasks);
    await expect(h.call("StartExecution", { stateMachineArn: `${arn}#Nope` })).rejects.toMatchObject({
      code: "ValidationException", message: expect.stringContaining("has no test case 'Nope'"),
    });
    const other = await h.machine("Unlisted", twoTasks);
    await expect(h.call("StartExecution", { stateMachineArn: `${other}#HappyPath` })).rejects.toMatchObject({ code: "ValidationException" });
    await h.close();
    h = await createHarness();
    const m = await h.machine("M", twoTasks);
    await expect(h.call("StartExecution", { stateMachineArn: `${m}#HappyPath` })).rejects.toMatchObject({
      code: "ValidationException", message: expect.stringContaining("No mock config is loaded"),
    });
    expect(await h.store.getExecution(execArn("M", "x"))).toBeUndefined();
  });
});

const parent = (resource: string, params: Record<string, unknown>) => ({
  StartAt: "Child", States: { Child: { Type: "Task", Resource: resource, Parameters: params, End: true } },
});
const childDefinition = {
  StartAt: "P", States: { P: { Type: "Pass", Parameters: { "got.$": "$.x" }, End: true } },
};

describe("nested executions (arn:aws:states:::states:startExecution)", () => {
  it("request-response starts the child and returns its ARN and start date", async () => {
    h = await createHarness();
    const child = await h.machine("Child", childDefinition);
    const p = await h.machine("Parent", parent("arn:aws:states:::states:startExecution", { StateMachineArn: child, Input: { x: 1 }, Name: "kid" }));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: p, name: "p" });
    await h.idle();
    const out = await h.call("DescribeExecution", { executionArn });
    expect(JSON.parse(out.output as string)).toEqual({ ExecutionArn: execArn("Child", "kid"), StartDate: T0 });
    expect(await h.call("DescribeExecution", { executionArn: execArn("Child", "kid") })).toMatchObject({ status: "SUCCEEDED", output: '{"got":1}' });
  });

  it(".sync waits for the child and returns its description with Output as text; .sync:2 parses it", async () => {
    h = await createHarness();
    const child = await h.machine("Child", childDefinition);
    const p1 = await h.machine("P1", parent("arn:aws:states:::states:startExecution.sync", { StateMachineArn: child, Input: { x: 2 } }));
    const p2 = await h.machine("P2", parent("arn:aws:states:::states:startExecution.sync:2", { StateMachineArn: child, Input: { x: 3 } }));
    const e1 = await h.call("StartExecution", { stateMachineArn: p1, name: "one" });
    const e2 = await h.call("StartExecution", { stateMachineArn: p2, name: "two" });
    await h.idle();
    const o1 = JSON.parse((await h.call("DescribeExecution", { executionArn: e1.executionArn })).output as string);
    expect(o1).toEqual({
      ExecutionArn: expect.stringMatching(/:execution:Child:/), Input: '{"x":2}', InputDetails: { Included: true }, Name: expect.any(String),
      Output: '{"got":2}', OutputDetails: { Included: true }, StartDate: T0, StateMachineArn: child, Status: "SUCCEEDED", StopDate: T0,
    });
    const o2 = JSON.parse((await h.call("DescribeExecution", { executionArn: e2.executionArn })).output as string);
    expect(o2).toMatchObject({ Input: { x: 3 }, Output: { got: 3 }, Status: "SUCCEEDED" });
    // The child's name comes from the parent's task, so a re-dispatched task finds the same child.
    const task = { taskId: "k1", executionArn: e1.executionArn as string };
    expect(o1.Name).toBe(childName(task.executionArn, "k1"));
  });

  it(".sync fails the parent with States.TaskFailed and the child's description as cause", async () => {
    h = await createHarness();
    const child = await h.machine("Child", { StartAt: "F", States: { F: { Type: "Fail", Error: "Kid", Cause: "tantrum" } } });
    const p = await h.machine("P", parent("arn:aws:states:::states:startExecution.sync", { StateMachineArn: child }));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: p });
    await h.idle();
    const d = await h.call("DescribeExecution", { executionArn });
    expect(d).toMatchObject({ status: "FAILED", error: "States.TaskFailed" });
    expect(JSON.parse(d.cause as string)).toMatchObject({ Status: "FAILED", Error: "Kid", Cause: "tantrum", Input: "{}" });
  });

  it(".sync on an EXPRESS child waits for the in-memory run", async () => {
    h = await createHarness();
    const child = await h.machine("XChild", childDefinition, { type: "EXPRESS" });
    const p = await h.machine("P", parent("arn:aws:states:::states:startExecution.sync:2", { StateMachineArn: child, Input: { x: 9 } }));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: p });
    await h.idle();
    const out = JSON.parse((await h.call("DescribeExecution", { executionArn })).output as string);
    expect(out).toMatchObject({ ExecutionArn: expect.stringMatching(/:express:XChild:/), Output: { got: 9 }, Status: "SUCCEEDED" });
  });

  it("names API errors of the nested start as AWS names SDK errors", async () => {
    h = await createHarness();
    const p = await h.machine("P", parent("arn:aws:states:::states:startExecution", { StateMachineArn: smArn("Missing") }));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: p });
    await h.idle();
    const d = await h.call("DescribeExecution", { executionArn });
    expect(d).toMatchObject({ status: "FAILED", error: "StepFunctions.StateMachineDoesNotExistException" });
    expect(d.cause).toMatch(/^State Machine Does Not Exist: '.*Missing' \(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist/);
  });

  it("a re-dispatched .sync task finds its finished child again instead of failing on the name", async () => {
    h = await createHarness();
    const child = await h.machine("Child", childDefinition);
    const task = {
      taskId: "k7", resource: "arn:aws:states:::states:startExecution.sync", stateName: "Child",
      input: { StateMachineArn: child, Input: { x: 4 } }, context: {}, retryCount: 0,
      timeoutSeconds: undefined, heartbeatSeconds: undefined, taskToken: undefined, executionArn: execArn("P", "p"),
    };
    const first = (await h.tasks.invokeTask(task)) as Record<string, unknown>;
    expect(first).toMatchObject({ Name: childName(execArn("P", "p"), "k7"), Output: '{"got":4}', Status: "SUCCEEDED" });
    expect(await h.tasks.invokeTask(task)).toEqual(first);
    // The public API still refuses the name for a closed execution.
    await expect(h.call("StartExecution", { stateMachineArn: child, name: first.Name, input: '{"x":4}' })).rejects.toMatchObject({
      code: "ExecutionAlreadyExists",
    });
  });
});

describe("createTaskInvoker", () => {
  it("falls back for unknown resources, and fails with States.TaskFailed when nothing handles one", async () => {
    const calls: string[] = [];
    const invoker = createTaskInvoker({ fallback: async (task) => (calls.push(task.resource), { via: "fallback" }) });
    const task = {
      taskId: "k1", resource: "arn:aws:lambda:us-east-1:1:function:F", stateName: "T", input: {}, context: {}, retryCount: 0,
      timeoutSeconds: undefined, heartbeatSeconds: undefined, taskToken: undefined, executionArn: execArn("M", "e"),
    };
    expect(await invoker.invokeTask(task)).toEqual({ via: "fallback" });
    expect(calls).toEqual(["arn:aws:lambda:us-east-1:1:function:F"]);
    const bare = createTaskInvoker();
    await expect(bare.invokeTask(task)).rejects.toMatchObject({
      name: "States.TaskFailed", message: "No handler is registered for the resource 'arn:aws:lambda:us-east-1:1:function:F'.",
    });
    await expect(bare.invokeTask({ ...task, resource: "arn:aws:states:::states:startExecution" })).rejects.toMatchObject({ name: "States.Runtime" });
  });

  it("forgets an execution's mocks when it closes", async () => {
    h = await createHarness({ mockConfig, handlers: { [FN]: () => 1 } });
    const arn = await h.machine("W", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 5, End: true } } });
    await h.machine("M", twoTasks);
    const m = await h.call("StartExecution", { stateMachineArn: `${smArn("M")}#HappyPath` });
    await h.idle();
    expect(h.tasks.runtime.mocks.has(m.executionArn as string)).toBe(false);
    h.tasks.runtime.mocks.set(execArn("W", "w"), () => undefined);
    await h.call("StartExecution", { stateMachineArn: arn, name: "w" });
    await h.call("StopExecution", { executionArn: execArn("W", "w") });
    expect(h.tasks.runtime.mocks.size).toBe(0);
  });
});
