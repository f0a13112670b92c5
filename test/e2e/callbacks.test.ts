/** End-to-end: `.waitForTaskToken` callbacks and activity workers through the real AWS SDK v3. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  CreateActivityCommand, CreateStateMachineCommand, DeleteActivityCommand, DescribeActivityCommand, DescribeExecutionCommand,
  GetActivityTaskCommand, GetExecutionHistoryCommand, ListActivitiesCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand,
  SendTaskSuccessCommand, StartExecutionCommand, type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const CALLBACK = "arn:aws:states:::stepwise:notify.waitForTaskToken";

let sw: TestStepwise;
/** Tokens handed to the callback resource, by the execution's `id` input. */
const tokens = new Map<string, string>();

beforeAll(async () => {
  sw = await startTestStepwise({
    handlers: {
      [CALLBACK]: async (input) => {
        const { id, token } = input as { id: string; token: string };
        tokens.set(id, token);
        return {};
      },
    },
  });
});
afterAll(async () => {
  expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  await sw.close();
});

const describeExecution = (executionArn: string) => sw.client.send(new DescribeExecutionCommand({ executionArn }));
const untilClosed = (executionArn: string) => eventually(() => describeExecution(executionArn), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");
const tokenFor = (id: string) => eventually(async () => tokens.get(id), (t) => t !== undefined);

describe("callbacks (.waitForTaskToken)", () => {
  let machineArn: string;
  beforeAll(async () => {
    const definition = {
      StartAt: "Notify",
      States: {
        Notify: {
          Type: "Task", Resource: CALLBACK, HeartbeatSeconds: 600,
          Parameters: { "id.$": "$.id", "token.$": "$$.Task.Token" }, ResultPath: "$.reply", End: true,
        },
      },
    };
    machineArn = (await sw.client.send(new CreateStateMachineCommand({ name: "callback", definition: JSON.stringify(definition), roleArn: ROLE_ARN }))).stateMachineArn!;
  });

  it("waits for SendTaskSuccess and continues with its output", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ id: "ok" }) }));
    const token = await tokenFor("ok");
    expect(token).toEqual(expect.any(String));
    expect((await describeExecution(executionArn!)).status).toBe("RUNNING");

    await sw.client.send(new SendTaskHeartbeatCommand({ taskToken: token! }));
    await sw.client.send(new SendTaskSuccessCommand({ taskToken: token!, output: JSON.stringify({ approved: true }) }));
    const done = await untilClosed(executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ id: "ok", reply: { approved: true } });

    const types = (await sw.client.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["TaskScheduled", "TaskStarted", "TaskSucceeded", "ExecutionSucceeded"]));

    // The token is spent.
    await expect(sw.client.send(new SendTaskSuccessCommand({ taskToken: token!, output: "{}" }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 }, name: expect.stringMatching(/^(TaskTimedOut|TaskDoesNotExist|InvalidToken)$/),
    });
  });

  it("fails the task with SendTaskFailure's error and cause", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ id: "no" }) }));
    const token = await tokenFor("no");
    await sw.client.send(new SendTaskFailureCommand({ taskToken: token!, error: "Review.Rejected", cause: "not this time" }));
    expect(await untilClosed(executionArn!)).toMatchObject({ status: "FAILED", error: "Review.Rejected", cause: "not this time" });
  });

  it("refuses output that is not JSON, and unknown tokens", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify({ id: "bad-output" }) }));
    const token = await tokenFor("bad-output");
    await expect(sw.client.send(new SendTaskSuccessCommand({ taskToken: token!, output: "{not json" }))).rejects.toMatchObject({ name: "InvalidOutput" });
    expect((await describeExecution(executionArn!)).status).toBe("RUNNING");
    await expect(sw.client.send(new SendTaskSuccessCommand({ taskToken: "no-such-token", output: "{}" }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 }, name: expect.stringMatching(/^(InvalidToken|TaskDoesNotExist|TaskTimedOut)$/),
    });
  });
});

describe("activities", () => {
  it("hands a task to a worker (GetActivityTask) and takes its result (SendTaskSuccess)", async () => {
    const activity = await sw.client.send(new CreateActivityCommand({ name: "review" }));
    const activityArn = `arn:aws:states:${REGION}:${ACCOUNT}:activity:review`;
    expect(activity.activityArn).toBe(activityArn);
    expect(activity.creationDate).toBeInstanceOf(Date);
    expect(await sw.client.send(new DescribeActivityCommand({ activityArn }))).toMatchObject({ activityArn, name: "review" });
    expect((await sw.client.send(new ListActivitiesCommand({}))).activities?.map((a) => a.activityArn)).toContain(activityArn);

    const definition = { StartAt: "Review", States: { Review: { Type: "Task", Resource: activityArn, TimeoutSeconds: 600, End: true } } };
    const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "with-activity", definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ doc: 7 }) }));

    const task = await sw.client.send(new GetActivityTaskCommand({ activityArn, workerName: "worker-1" }));
    expect(task.taskToken).toEqual(expect.any(String));
    expect(JSON.parse(task.input!)).toEqual({ doc: 7 });
    await sw.client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken!, output: JSON.stringify({ verdict: "fine" }) }));

    const done = await untilClosed(executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ verdict: "fine" });
    const types = (await sw.client.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"]));

    await sw.client.send(new DeleteActivityCommand({ activityArn }));
    await expect(sw.client.send(new DescribeActivityCommand({ activityArn }))).rejects.toMatchObject({ name: "ActivityDoesNotExist" });
  });
});
