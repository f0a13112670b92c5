/** End-to-end: Distributed Map runs (DescribeMapRun, ListMapRuns, UpdateMapRun), TestState and long-poll shutdown, through the real AWS SDK v3. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  CreateActivityCommand, CreateStateMachineCommand, DescribeExecutionCommand, DescribeMapRunCommand, GetActivityTaskCommand, ListExecutionsCommand,
  ListMapRunsCommand, StartExecutionCommand, TestStateCommand, UpdateMapRunCommand, type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, sfnClient, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Square`;

let sw: TestStepwise;
beforeAll(async () => {
  sw = await startTestStepwise({ handlers: { [FN]: async (x) => (x as number) * (x as number) } });
});
afterAll(async () => {
  expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  await sw.close();
});

describe("Distributed Map runs", () => {
  let executionArn: string;
  let mapRunArn: string;

  beforeAll(async () => {
    const definition = {
      StartAt: "Squares",
      States: {
        Squares: {
          Type: "Map", Label: "Sq", MaxConcurrency: 2, ToleratedFailurePercentage: 10,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Square", States: { Square: { Type: "Task", Resource: FN, End: true } } },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "squares", definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
    executionArn = (await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: "[1,2,3,4]" }))).executionArn!;
    const done = await eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");
    expect(done).toMatchObject({ status: "SUCCEEDED", output: "[1,4,9,16]" });
    const { mapRuns } = await sw.client.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    mapRunArn = mapRuns![0]!.mapRunArn!;
  });

  it("lists and describes the run", async () => {
    expect(mapRunArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:mapRun:squares/Sq:`));
    const { mapRuns } = await sw.client.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns![0]).toMatchObject({ executionArn, stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:squares/Sq` });
    expect(mapRuns![0]!.startDate).toBeInstanceOf(Date);
    const run = await sw.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(run).toMatchObject({
      mapRunArn, executionArn, status: "SUCCEEDED", maxConcurrency: 2, toleratedFailurePercentage: 10, toleratedFailureCount: 0, redriveCount: 0,
      itemCounts: { pending: 0, running: 0, succeeded: 4, failed: 0, timedOut: 0, aborted: 0, total: 4, resultsWritten: 0 },
      executionCounts: { succeeded: 4, total: 4 },
    });
    expect(run.startDate).toBeInstanceOf(Date);
    expect(run.stopDate).toBeInstanceOf(Date);
  });

  it("lists the run's child executions, each tied to the run", async () => {
    const { executions } = await sw.client.send(new ListExecutionsCommand({ mapRunArn }));
    expect(executions).toHaveLength(4);
    for (const child of executions!) {
      expect(child).toMatchObject({ mapRunArn, status: "SUCCEEDED", itemCount: 1 });
      const described = await sw.client.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
      expect(described.mapRunArn).toBe(mapRunArn);
    }
  });

  it("refuses to update a finished run, and knows no unknown run", async () => {
    await expect(sw.client.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5 }))).rejects.toMatchObject({
      name: "ValidationException", $metadata: { httpStatusCode: 400 },
    });
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:squares/Sq:00000000-0000-4000-8000-000000000000`;
    await expect(sw.client.send(new DescribeMapRunCommand({ mapRunArn: unknown }))).rejects.toMatchObject({ name: "ResourceNotFound" });
    await expect(sw.client.send(new DescribeMapRunCommand({ mapRunArn: executionArn }))).rejects.toMatchObject({ name: "InvalidArn" });
  });
});

describe("TestState", () => {
  it("runs a state on its own and shows the data after each step (DEBUG)", async () => {
    const definition = { Type: "Pass", InputPath: "$.in", Result: { v: 1 }, ResultPath: "$.r", Next: "Next" };
    const out = await sw.client.send(new TestStateCommand({
      definition: JSON.stringify(definition), roleArn: ROLE_ARN, input: '{"in":{"a":1}}', inspectionLevel: "DEBUG",
    }));
    expect(out).toMatchObject({
      // ResultPath places the result into the state's raw input.
      status: "SUCCEEDED", nextState: "Next", output: '{"in":{"a":1},"r":{"v":1}}',
      inspectionData: { input: '{"in":{"a":1}}', afterInputPath: '{"a":1}', result: '{"v":1}', afterResultPath: '{"in":{"a":1},"r":{"v":1}}' },
    });
  });

  it("runs a Task through the server's handlers, or a mock with Retry and Catch", async () => {
    const task = (extra: object) => JSON.stringify({ Type: "Task", Resource: FN, End: true, ...extra });
    expect(await sw.client.send(new TestStateCommand({ definition: task({}), roleArn: ROLE_ARN, input: "7" }))).toMatchObject({ status: "SUCCEEDED", output: "49" });
    const guarded = task({ Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handle" }] });
    const mock = { errorOutput: { error: "Boom", cause: "mocked" } };
    expect(await sw.client.send(new TestStateCommand({ definition: guarded, mock, inspectionLevel: "DEBUG" }))).toMatchObject({
      status: "RETRIABLE", error: "Boom", inspectionData: { errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 1 } },
    });
    expect(await sw.client.send(new TestStateCommand({ definition: guarded, mock, stateConfiguration: { retrierRetryCount: 2 } }))).toMatchObject({
      status: "CAUGHT_ERROR", nextState: "Handle", output: '{"Error":"Boom","Cause":"mocked"}',
    });
  });

  it("tests a state of a whole machine picked by stateName, and refuses bad requests as AWS does", async () => {
    const machine = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } });
    expect(await sw.client.send(new TestStateCommand({ definition: machine, stateName: "A", roleArn: ROLE_ARN }))).toMatchObject({ status: "SUCCEEDED", nextState: "B" });
    await expect(sw.client.send(new TestStateCommand({ definition: '{"Type":"Nope"}', roleArn: ROLE_ARN }))).rejects.toMatchObject({ name: "InvalidDefinition" });
    await expect(sw.client.send(new TestStateCommand({ definition: '{"Type":"Pass","End":true}', roleArn: ROLE_ARN, mock: { result: "{}" } }))).rejects.toMatchObject({
      name: "ValidationException", message: "State type 'Pass' is not supported when a mock is specified",
    });
  });
});

describe("GetActivityTask and shutdown", () => {
  it("answers a waiting worker at once (no task) when the server closes", async () => {
    const other = await startTestStepwise();
    // A client of its own: the helper's close() destroys its client's sockets first.
    const worker = sfnClient(other.url);
    let closed = false;
    try {
      const { activityArn } = await other.client.send(new CreateActivityCommand({ name: "idle" }));
      const polling = worker.send(new GetActivityTaskCommand({ activityArn }));
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      await other.close();
      closed = true;
      // Well under the helper's 2 s drain timeout: the poll stopped rather than being cut off.
      expect(Date.now() - t0).toBeLessThan(1500);
      const answer = await polling;
      expect(answer.taskToken).toBeUndefined();
    } finally {
      worker.destroy();
      if (!closed) await other.close();
    }
  });
});
