import { describe, it, expect, afterEach } from "vitest";
import { createHarness, execArn, taskMachine, T0, type Harness } from "./test-support.js";

let h: Harness;
afterEach(() => h.close());

const CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
const ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";

/** Starts an execution whose task waits for a callback and returns it with the token the handler saw. */
async function startCallback(extra: Record<string, unknown> = {}): Promise<{ executionArn: string; token: string }> {
  const tokens: string[] = [];
  h = await createHarness({ handlers: { [CALLBACK]: (_input, request) => (tokens.push(request.taskToken!), null) } });
  const arn = await h.machine("CB", taskMachine(CALLBACK, extra));
  const { executionArn } = await h.call("StartExecution", { stateMachineArn: arn, name: "cb" });
  await h.idle();
  expect(tokens).toHaveLength(1);
  return { executionArn: executionArn as string, token: tokens[0]! };
}

/** Resolves an operation that long-polls, moving the manual clock a second at a time. */
async function drive<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const p = work.finally(() => (done = true));
  for (let i = 0; i < 200 && !done; i++) {
    await new Promise((r) => setTimeout(r, 1));
    if (!done) h.clock.advance(1000);
  }
  return p;
}

describe("SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat", () => {
  it("completes a waiting task with the output", async () => {
    const { executionArn, token } = await startCallback();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "RUNNING" });
    expect(await h.call("SendTaskSuccess", { taskToken: token, output: '{"answer":42}' })).toEqual({});
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "SUCCEEDED", output: '{"answer":42}' });
    await expect(h.call("SendTaskSuccess", { taskToken: token, output: "{}" })).rejects.toMatchObject({
      code: "TaskTimedOut", message: "Task Timed Out: 'Provided task does not exist anymore'",
    });
  });

  it("fails a waiting task with error and cause", async () => {
    const { executionArn, token } = await startCallback();
    expect(await h.call("SendTaskFailure", { taskToken: token, error: "Nope", cause: "declined" })).toEqual({});
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "FAILED", error: "Nope", cause: "declined" });
    await expect(h.call("SendTaskFailure", { taskToken: token })).rejects.toMatchObject({ code: "TaskTimedOut" });
  });

  it("keeps a task alive with heartbeats, and checks output and tokens", async () => {
    const { executionArn, token } = await startCallback({ HeartbeatSeconds: 10 });
    expect(await h.call("SendTaskHeartbeat", { taskToken: token })).toEqual({});
    await expect(h.call("SendTaskSuccess", { taskToken: token, output: "not json" })).rejects.toMatchObject({
      code: "InvalidOutput", message: expect.stringMatching(/^Invalid State Machine Execution Output: '/),
    });
    await expect(h.call("SendTaskSuccess", { taskToken: "garbage", output: "{}" })).rejects.toMatchObject({
      code: "InvalidToken", message: "Invalid Token: 'Invalid token'",
    });
    await expect(h.call("SendTaskHeartbeat", { taskToken: "00000000-0000-4000-8000-999999999999" })).rejects.toMatchObject({ code: "TaskTimedOut" });
    await expect(h.call("SendTaskSuccess", { taskToken: token })).rejects.toMatchObject({ code: "ValidationException" });
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "RUNNING" });
  });
});

describe("activities", () => {
  it("creates idempotently, describes, lists and deletes", async () => {
    h = await createHarness();
    const created = await h.call("CreateActivity", { name: "work" });
    expect(created).toEqual({ activityArn: ACTIVITY, creationDate: T0 / 1000 });
    h.clock.advance(1000);
    expect(await h.call("CreateActivity", { name: "work" })).toEqual(created);
    expect(await h.call("DescribeActivity", { activityArn: ACTIVITY })).toEqual({ activityArn: ACTIVITY, name: "work", creationDate: T0 / 1000 });
    await h.call("CreateActivity", { name: "other" });
    const page = await h.call("ListActivities", { maxResults: 1 });
    expect(page.activities).toEqual([{ activityArn: "arn:aws:states:us-east-1:123456789012:activity:other", name: "other", creationDate: T0 / 1000 + 1 }]);
    expect((await h.call("ListActivities", { nextToken: page.nextToken })).activities).toEqual([{ activityArn: ACTIVITY, name: "work", creationDate: T0 / 1000 }]);
    expect(await h.call("DeleteActivity", { activityArn: ACTIVITY })).toEqual({});
    await expect(h.call("DescribeActivity", { activityArn: ACTIVITY })).rejects.toMatchObject({
      code: "ActivityDoesNotExist", message: `Activity Does Not Exist: '${ACTIVITY}'`,
    });
    await expect(h.call("CreateActivity", { name: "bad name" })).rejects.toMatchObject({ code: "InvalidName" });
    await expect(h.call("DescribeActivity", { activityArn: execArn("M", "e") })).rejects.toMatchObject({ code: "InvalidArn" });
  });

  it("hands an activity task to a worker, whose result completes the execution", async () => {
    h = await createHarness();
    await h.call("CreateActivity", { name: "work" });
    const arn = await h.machine("A", taskMachine(ACTIVITY));
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: arn, input: '{"job":1}' });
    await h.idle();
    const task = await h.call("GetActivityTask", { activityArn: ACTIVITY, workerName: "w1" });
    expect(task).toEqual({ taskToken: expect.any(String), input: '{"job":1}' });
    await h.call("SendTaskSuccess", { taskToken: task.taskToken, output: '{"done":1}' });
    await h.idle();
    expect(await h.call("DescribeExecution", { executionArn })).toMatchObject({ status: "SUCCEEDED", output: '{"done":1}' });
  });

  it("long-polls: a task scheduled while a worker waits reaches it; none within 60 s answers {}", async () => {
    h = await createHarness();
    await h.call("CreateActivity", { name: "work" });
    const arn = await h.machine("A", taskMachine(ACTIVITY));
    const waiting = h.call("GetActivityTask", { activityArn: ACTIVITY });
    await new Promise((r) => setTimeout(r, 5));
    await h.call("StartExecution", { stateMachineArn: arn, input: '{"late":true}' });
    await h.idle();
    expect(await drive(waiting)).toMatchObject({ input: '{"late":true}' });
    const start = h.clock.now();
    expect(await drive(h.call("GetActivityTask", { activityArn: ACTIVITY }))).toEqual({});
    expect(h.clock.now() - start).toBe(60_000);
  });

  it("stops long-polling with no task as soon as the request's signal aborts (client gone, server closing)", async () => {
    h = await createHarness();
    await h.call("CreateActivity", { name: "work" });
    const lifetime = new AbortController();
    const waiting = h.call("GetActivityTask", { activityArn: ACTIVITY }, { signal: lifetime.signal });
    await new Promise((r) => setTimeout(r, 5));
    const start = h.clock.now();
    lifetime.abort();
    expect(await waiting).toEqual({});
    expect(h.clock.now()).toBe(start);
    // The task that arrives afterwards is not taken by the aborted poll: the next worker gets it.
    const arn = await h.machine("A", taskMachine(ACTIVITY));
    await h.call("StartExecution", { stateMachineArn: arn, input: '{"n":1}' });
    await h.idle();
    expect(await h.call("GetActivityTask", { activityArn: ACTIVITY }, { signal: lifetime.signal })).toEqual({});
    expect(await h.call("GetActivityTask", { activityArn: ACTIVITY })).toMatchObject({ input: '{"n":1}' });
  });

  it("does not hand out tasks of stopped executions, nor poll unknown activities", async () => {
    h = await createHarness();
    await h.call("CreateActivity", { name: "work" });
    const { executionArn } = await h.call("StartExecution", { stateMachineArn: await h.machine("A", taskMachine(ACTIVITY)) });
    await h.idle();
    await h.call("StopExecution", { executionArn });
    expect(await drive(h.call("GetActivityTask", { activityArn: ACTIVITY }))).toEqual({});
    await expect(h.call("GetActivityTask", { activityArn: `${ACTIVITY}-nope` })).rejects.toMatchObject({ code: "ActivityDoesNotExist" });
  });
});
