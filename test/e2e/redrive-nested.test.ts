/** End-to-end: RedriveExecution and nested executions (states:startExecution, .sync, .sync:2) through the real AWS SDK v3. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, RedriveExecutionCommand, StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { eventually, ROLE_ARN, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const FLAKY = "arn:aws:states:::stepwise:flaky";
let failing = true;
let sw: TestStepwise;

beforeAll(async () => {
  sw = await startTestStepwise({
    handlers: {
      [FLAKY]: async (input) => {
        if (failing) throw Object.assign(new Error("the service is down"), { name: "Outage" });
        return { ok: input };
      },
    },
  });
});
afterAll(async () => {
  await sw.close();
});

const create = async (name: string, definition: unknown) =>
  (await sw.client.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE_ARN }))).stateMachineArn!;
const untilClosed = (executionArn: string) =>
  eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");
const historyTypes = async (executionArn: string) =>
  (await sw.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!.map((e) => e.type);

describe("RedriveExecution (SDK)", () => {
  it("runs a failed execution again from the state that failed", async () => {
    const arn = await create("redrive-me", {
      StartAt: "Prepare",
      States: { Prepare: { Type: "Pass", Result: 1, ResultPath: "$.prepared", Next: "Call" }, Call: { Type: "Task", Resource: FLAKY, End: true } },
    });
    failing = true;
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
    expect(await untilClosed(executionArn!)).toMatchObject({ status: "FAILED", error: "Outage", redriveCount: 0 });
    failing = false;
    const redriven = await sw.client.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    const done = await untilClosed(executionArn!);
    expect(done).toMatchObject({ status: "SUCCEEDED", redriveCount: 1 });
    expect(JSON.parse(done.output!)).toEqual({ ok: { prepared: 1 } });
    const types = await historyTypes(executionArn!);
    expect(types.filter((t) => t === "PassStateEntered")).toHaveLength(1);
    expect(types).toContain("ExecutionRedriven");
    await expect(sw.client.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({ name: "ExecutionNotRedrivable" });
  });
});

describe("nested executions (SDK)", () => {
  it("starts a child execution and waits for it with .sync and .sync:2", async () => {
    const child = await create("nested-child", { StartAt: "Echo", States: { Echo: { Type: "Pass", Parameters: { "doubled.$": "States.MathAdd($.n, $.n)" }, End: true } } });
    const parent = await create("nested-parent", {
      StartAt: "Sync",
      States: {
        Sync: {
          Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync",
          Parameters: { StateMachineArn: child, "Input.$": "$" }, ResultSelector: { "output.$": "$.Output", "status.$": "$.Status" }, ResultPath: "$.sync", Next: "Sync2",
        },
        Sync2: {
          Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2",
          Parameters: { StateMachineArn: child, Input: { n: 5 } }, ResultSelector: { "output.$": "$.Output" }, ResultPath: "$.sync2", Next: "Fire",
        },
        Fire: {
          Type: "Task", Resource: "arn:aws:states:::states:startExecution",
          Parameters: { StateMachineArn: child, Input: { n: 1 } }, ResultSelector: { "arn.$": "$.ExecutionArn" }, ResultPath: "$.fired", End: true,
        },
      },
    });
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: parent, input: JSON.stringify({ n: 21 }) }));
    const done = await untilClosed(executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    const output = JSON.parse(done.output!);
    // .sync gives the child's output as JSON text, .sync:2 as JSON.
    expect(output.sync).toEqual({ output: JSON.stringify({ doubled: 42 }), status: "SUCCEEDED" });
    expect(output.sync2).toEqual({ output: { doubled: 10 } });
    expect(output.fired.arn).toMatch(/:execution:nested-child:/);
    const fired = await untilClosed(output.fired.arn);
    expect(JSON.parse(fired.output!)).toEqual({ doubled: 2 });
  });
});
