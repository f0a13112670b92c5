import { describe, it, expect, afterEach } from "vitest";
import { createHarness, execArn, passMachine, ROLE, smArn, T0, taskMachine, type Harness } from "./test-support.js";

let h: Harness;
afterEach(() => h.close());

const waitMachine = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, End: true } } };
const failMachine = { StartAt: "F", States: { F: { Type: "Fail", Error: "Boom", Cause: "it broke" } } };
const FN = "arn:aws:lambda:us-east-1:123456789012:function:Work";

describe("StartExecution", () => {
  it("starts with a random UUID name and answers ARN and start date", async () => {
    h = await createHarness();
    const arn = await h.machine("M", passMachine());
    const out = await h.call("StartExecution", { stateMachineArn: arn });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:M:[0-9a-f-]{36}$/);
    expect(out.startDate).toBe(T0 / 1000);
  });

  it("is idempotent for the same name and input while running; otherwise ExecutionAlreadyExists", async () => {
    h = await createHarness();
    const arn = await h.machine("W", waitMachine);
    const first = await h.call("StartExecution", { stateMachineArn: arn, name: "x", input: '{"a":1}' });
    h.clock.advance(1000);
    expect(await h.call("StartExecution", { stateMachineArn: arn, name: "x", input: '{"a":1}' })).toEqual(first);
    await expect(h.call("StartExecution", { stateMachineArn: arn, name: "x", input: '{"a":2}' })).rejects.toMatchObject({
      code: "ExecutionAlreadyExists", message: `Execution Already Exists: '${execArn("W", "x")}'`,
    });
    const p = await h.machine("P", passMachine());
    await h.call("StartExecution", { stateMachineArn: p, name: "done" });
    await h.idle();
    await expect(h.call("StartExecution", { stateMachineArn: p, name: "done" })).rejects.toMatchObject({ code: "ExecutionAlreadyExists" });
  });

  it("checks the input, the name and the machine", async () => {
    h = await createHarness();
    const arn = await h.machine("M", passMachine());
    await expect(h.call("StartExecution", { stateMachineArn: arn, input: "{bad" })).rejects.toMatchObject({
      code: "InvalidExecutionInput", message: expect.stringMatching(/^Invalid State Machine Execution Input: '/),
    });
    const big = JSON.stringify({ s: "x".repeat(262144) });
    await expect(h.call("StartExecution", { stateMachineArn: arn, input: big })).rejects.toMatchObject({ code: "InvalidExecutionInput" });
    await expect(h.call("StartExecution", { stateMachineArn: arn, name: "a b" })).rejects.toMatchObject({ code: "InvalidName" });
    await expect(h.call("StartExecution", { stateMachineArn: smArn("nope") })).rejects.toMatchObject({
      code: "StateMachineDoesNotExist", message: `State Machine Does Not Exist: '${smArn("nope")}'`,
    });
    await expect(h.call("StartExecution", { stateMachineArn: execArn("M", "e") })).rejects.toMatchObject({
      code: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: execution'",
    });
    await expect(h.call("StartExecution", {})).rejects.toMatchObject({ code: "ValidationException" });
  });

  it("runs the machine's definition as it was when the execution started", async () => {
    h = await createHarness();
    const arn = await h.machine("W", waitMachine);
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: arn, name: "e" });
    await h.call("UpdateStateMachine", { stateMachineArn: arn, definition: JSON.stringify(passMachine()) });
    const d = await h.call("DescribeStateMachineForExecution", { executionArn });
    expect(d).toMatchObject({ stateMachineArn: arn, name: "W", definition: JSON.stringify(waitMachine), roleArn: ROLE });
    expect(d.revisionId).toBeUndefined();
  });
});

describe("DescribeExecution", () => {
  it("describes succeeded, failed and running executions", async () => {
    h = await createHarness();
    const ok = await h.call("StartExecution", { stateMachineArn: await h.machine("P", passMachine()), name: "ok", input: '{"i":1}', traceHeader: "Root=1" });
    const bad = await h.call("StartExecution", { stateMachineArn: await h.machine("F", failMachine), name: "bad" });
    const run = await h.call("StartExecution", { stateMachineArn: await h.machine("W", waitMachine), name: "run" });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn: ok.executionArn })).toEqual({
      executionArn: execArn("P", "ok"), stateMachineArn: smArn("P"), name: "ok", status: "SUCCEEDED",
      startDate: T0 / 1000, stopDate: T0 / 1000, input: '{"i":1}', inputDetails: { included: true },
      output: '{"ok":true}', outputDetails: { included: true }, traceHeader: "Root=1",
      redriveCount: 0, redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution is SUCCEEDED and cannot be redriven",
    });
    expect(await h.call("DescribeExecution", { executionArn: bad.executionArn })).toMatchObject({
      status: "FAILED", error: "Boom", cause: "it broke", redriveStatus: "REDRIVABLE", redriveCount: 0,
    });
    const running = await h.call("DescribeExecution", { executionArn: run.executionArn, includedData: "METADATA_ONLY" });
    expect(running).toMatchObject({ status: "RUNNING", inputDetails: { included: false }, redriveStatusReason: "Execution is RUNNING and cannot be redriven" });
    expect(running.input).toBeUndefined();
    expect(running.stopDate).toBeUndefined();
  });

  it("answers ExecutionDoesNotExist, and InvalidArn for Express ARNs", async () => {
    h = await createHarness();
    await expect(h.call("DescribeExecution", { executionArn: execArn("M", "nope") })).rejects.toMatchObject({
      code: "ExecutionDoesNotExist", message: `Execution Does Not Exist: '${execArn("M", "nope")}'`,
    });
    const express = "arn:aws:states:us-east-1:123456789012:express:M:e:00000000-0000-4000-8000-000000000001";
    for (const op of ["DescribeExecution", "GetExecutionHistory", "StopExecution", "DescribeStateMachineForExecution"]) {
      await expect(h.call(op, { executionArn: express })).rejects.toMatchObject({
        code: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: express'",
      });
    }
  });
});

describe("ListExecutions", () => {
  it("lists newest first, filters by status, pages with tokens", async () => {
    h = await createHarness();
    const p = await h.machine("P", passMachine());
    const w = await h.machine("W", waitMachine);
    for (const name of ["a", "b", "c"]) {
      await h.call("StartExecution", { stateMachineArn: p, name });
      h.clock.advance(1000);
    }
    await h.call("StartExecution", { stateMachineArn: w, name: "w" });
    await h.idle();
    const all = await h.call("ListExecutions", { stateMachineArn: p });
    expect((all.executions as { name: string }[]).map((e) => e.name)).toEqual(["c", "b", "a"]);
    expect((all.executions as unknown[])[0]).toEqual({
      executionArn: execArn("P", "c"), stateMachineArn: p, name: "c", status: "SUCCEEDED",
      startDate: T0 / 1000 + 2, stopDate: T0 / 1000 + 2, redriveCount: 0,
    });
    const page = await h.call("ListExecutions", { stateMachineArn: p, maxResults: 2 });
    expect((page.executions as { name: string }[]).map((e) => e.name)).toEqual(["c", "b"]);
    const rest = await h.call("ListExecutions", { stateMachineArn: p, maxResults: 2, nextToken: page.nextToken });
    expect((rest.executions as { name: string }[]).map((e) => e.name)).toEqual(["a"]);
    expect(rest.nextToken).toBeUndefined();
    await expect(h.call("ListExecutions", { stateMachineArn: w, nextToken: page.nextToken })).rejects.toMatchObject({ code: "InvalidToken" });
    expect((await h.call("ListExecutions", { stateMachineArn: w, statusFilter: "RUNNING" })).executions).toHaveLength(1);
    expect((await h.call("ListExecutions", { stateMachineArn: w, statusFilter: "SUCCEEDED" })).executions).toEqual([]);
    await expect(h.call("ListExecutions", { stateMachineArn: w, statusFilter: "DONE" })).rejects.toMatchObject({ code: "ValidationException" });
  });

  it("refuses EXPRESS machines, unknown machines and a missing ARN", async () => {
    h = await createHarness();
    const x = await h.machine("X", passMachine(), { type: "EXPRESS" });
    await expect(h.call("ListExecutions", { stateMachineArn: x })).rejects.toMatchObject({ code: "StateMachineTypeNotSupported" });
    await expect(h.call("ListExecutions", { stateMachineArn: smArn("nope") })).rejects.toMatchObject({ code: "StateMachineDoesNotExist" });
    await expect(h.call("ListExecutions", {})).rejects.toMatchObject({ code: "ValidationException" });
  });
});

describe("GetExecutionHistory", () => {
  it("pages events, in reverse too, and can leave out execution data", async () => {
    h = await createHarness();
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("P", passMachine()), input: '{"in":1}' });
    await h.idle();
    const all = await h.call("GetExecutionHistory", { executionArn });
    const events = all.events as Record<string, unknown>[];
    expect(events.map((e) => e.type)).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
    expect(events[0]).toEqual({
      timestamp: T0 / 1000, type: "ExecutionStarted", id: 1, previousEventId: 0,
      executionStartedEventDetails: { input: '{"in":1}', inputDetails: { truncated: false }, roleArn: ROLE },
    });
    const first = await h.call("GetExecutionHistory", { executionArn, maxResults: 3, reverseOrder: true });
    expect((first.events as { id: number }[]).map((e) => e.id)).toEqual([4, 3, 2]);
    const second = await h.call("GetExecutionHistory", { executionArn, maxResults: 3, reverseOrder: true, nextToken: first.nextToken });
    expect(second).toEqual({ events: [events[0]] });
    await expect(h.call("GetExecutionHistory", { executionArn, nextToken: first.nextToken })).rejects.toMatchObject({ code: "InvalidToken" });
    const bare = await h.call("GetExecutionHistory", { executionArn, includeExecutionData: false });
    expect((bare.events as Record<string, unknown>[])[0]).toEqual({
      timestamp: T0 / 1000, type: "ExecutionStarted", id: 1, previousEventId: 0,
      executionStartedEventDetails: { inputDetails: { truncated: false }, roleArn: ROLE },
    });
    expect((bare.events as Record<string, unknown>[])[3]).toEqual({
      timestamp: T0 / 1000, type: "ExecutionSucceeded", id: 4, previousEventId: 3, executionSucceededEventDetails: { outputDetails: { truncated: false } },
    });
    await expect(h.call("GetExecutionHistory", { executionArn: execArn("P", "nope") })).rejects.toMatchObject({ code: "ExecutionDoesNotExist" });
  });

  it("shows a Wait state's timer firing when time passes", async () => {
    h = await createHarness();
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("W", waitMachine), name: "w" });
    await h.engine.resume();
    h.clock.advance(60_000);
    for (let i = 0; i < 100 && (await h.call("DescribeExecution", { executionArn })).status === "RUNNING"; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "SUCCEEDED", stopDate: T0 / 1000 + 60 });
  });
});

describe("StopExecution", () => {
  it("aborts a running execution with error and cause; a closed one keeps its stop date", async () => {
    h = await createHarness();
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("W", waitMachine), name: "w" });
    h.clock.advance(3000);
    expect(await h.call("StopExecution", { executionArn, error: "Stopped", cause: "by test" })).toEqual({ stopDate: T0 / 1000 + 3 });
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({
      status: "ABORTED", error: "Stopped", cause: "by test", stopDate: T0 / 1000 + 3, redriveStatus: "REDRIVABLE",
    });
    const history = (await h.call("GetExecutionHistory", { executionArn, reverseOrder: true, maxResults: 1 })).events as Record<string, unknown>[];
    expect(history[0]).toMatchObject({ type: "ExecutionAborted", executionAbortedEventDetails: { error: "Stopped", cause: "by test" } });
    h.clock.advance(3000);
    expect(await h.call("StopExecution", { executionArn })).toEqual({ stopDate: T0 / 1000 + 3 });
    await expect(h.call("StopExecution", { executionArn: execArn("W", "nope") })).rejects.toMatchObject({ code: "ExecutionDoesNotExist" });
    await expect(h.call("StopExecution", { executionArn, error: "e".repeat(257) })).rejects.toMatchObject({ code: "ValidationException" });
  });
});

describe("RedriveExecution", () => {
  it("redrives a failed execution from the failed state, within 14 days only", async () => {
    let calls = 0;
    h = await createHarness({
      handlers: {
        [FN]: () => {
          if (++calls === 1) throw Object.assign(new Error("first try"), { name: "Flaky" });
          return { done: true };
        },
      },
    });
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("T", taskMachine(FN)), name: "r" });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "FAILED", error: "Flaky", redriveStatus: "REDRIVABLE" });
    h.clock.advance(5000);
    expect(await h.call("RedriveExecution", { executionArn })).toEqual({ redriveDate: T0 / 1000 + 5 });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({
      status: "SUCCEEDED", output: '{"done":true}', redriveCount: 1, redriveDate: T0 / 1000 + 5,
    });
    await expect(h.call("RedriveExecution", { executionArn })).rejects.toMatchObject({
      code: "ExecutionNotRedrivable", message: `Execution '${executionArn}' cannot be redriven: Execution is SUCCEEDED and cannot be redriven`,
    });
    const listed = await h.call("ListExecutions", { stateMachineArn: smArn("T"), redriveFilter: "REDRIVEN" });
    expect((listed.executions as unknown[]).length).toBe(1);
    expect((await h.call("ListExecutions", { stateMachineArn: smArn("T"), redriveFilter: "NOT_REDRIVEN" })).executions).toEqual([]);
  });

  it("refuses executions closed more than 14 days ago", async () => {
    h = await createHarness();
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("F", failMachine) });
    await h.idle();
    h.clock.advance(15 * 24 * 3600_000);
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({
      redriveStatus: "NOT_REDRIVABLE", redriveStatusReason: "Execution redrivable period exceeded",
    });
    await expect(h.call("RedriveExecution", { executionArn })).rejects.toMatchObject({ code: "ExecutionNotRedrivable" });
    await expect(h.call("RedriveExecution", { executionArn: execArn("F", "nope") })).rejects.toMatchObject({ code: "ExecutionDoesNotExist" });
  });
});

describe("Express executions", () => {
  it("StartExecution answers an express ARN and runs in memory (no stored execution)", async () => {
    h = await createHarness({ handlers: { [FN]: (input) => ({ echoed: input }) } });
    const arn = await h.machine("X", taskMachine(FN), { type: "EXPRESS" });
    const out = await h.call("StartExecution", { stateMachineArn: arn, name: "fast", input: '{"a":1}' });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:X:fast:[0-9a-f-]{36}$/);
    expect(await h.store.getExecution(out.executionArn as string)).toBeUndefined();
    // Names of Express executions need not be unique.
    const again = await h.call("StartExecution", { stateMachineArn: arn, name: "fast", input: '{"a":1}' });
    expect(again.executionArn).not.toBe(out.executionArn);
  });

  it("StartSyncExecution returns the result, with status FAILED as a normal answer", async () => {
    h = await createHarness({ handlers: { [FN]: (input) => ({ echoed: input }) } });
    const arn = await h.machine("X", taskMachine(FN), { type: "EXPRESS" });
    const out = await h.call("StartSyncExecution", { stateMachineArn: arn, name: "s", input: '{"a":1}' });
    expect(out).toEqual({
      executionArn: expect.stringMatching(/:express:X:s:/), stateMachineArn: arn, name: "s", startDate: T0 / 1000, stopDate: T0 / 1000,
      status: "SUCCEEDED", input: '{"a":1}', inputDetails: { included: true }, output: '{"echoed":{"a":1}}', outputDetails: { included: true },
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
    });
    const failing = await h.machine("XF", failMachine, { type: "EXPRESS" });
    expect(await h.call("StartSyncExecution", { stateMachineArn: failing })).toMatchObject({ status: "FAILED", error: "Boom", cause: "it broke" });
    const noHandler = await h.machine("XN", taskMachine("arn:aws:lambda:us-east-1:123456789012:function:Missing"), { type: "EXPRESS" });
    expect(await h.call("StartSyncExecution", { stateMachineArn: noHandler })).toMatchObject({ status: "FAILED", error: "States.TaskFailed" });
  });

  it("StartSyncExecution refuses STANDARD machines", async () => {
    h = await createHarness();
    const arn = await h.machine("S", passMachine());
    await expect(h.call("StartSyncExecution", { stateMachineArn: arn })).rejects.toMatchObject({ code: "StateMachineTypeNotSupported" });
  });
});
