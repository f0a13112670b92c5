/** End-to-end: Standard and Express executions, their history, and StartSyncExecution through the real AWS SDK v3. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  CreateStateMachineCommand, DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, GetExecutionHistoryCommand,
  ListExecutionsCommand, StartExecutionCommand, StartSyncExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const DOUBLE = "arn:aws:states:::stepwise:double";

const definitions = {
  pipeline: {
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Parameters: { "n.$": "$.n", "tag": "e2e" }, Next: "Double" },
      Double: { Type: "Task", Resource: DOUBLE, Next: "Done" },
      Done: { Type: "Succeed" },
    },
  },
  waiting: { StartAt: "Wait", States: { Wait: { Type: "Wait", Seconds: 3600, End: true } } },
  failing: { StartAt: "Boom", States: { Boom: { Type: "Fail", Error: "Custom.Boom", Cause: "on purpose" } } },
  express: { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, $.b)" }, End: true } } },
};

let sw: TestStepwise;
const arns: Record<string, string> = {};

beforeAll(async () => {
  sw = await startTestStepwise({ handlers: { [DOUBLE]: async (input) => ({ ...(input as object), n: (input as { n: number }).n * 2 }) } });
  for (const [name, definition] of Object.entries(definitions)) {
    const created = await sw.client.send(new CreateStateMachineCommand({
      name, definition: JSON.stringify(definition), roleArn: ROLE_ARN, ...(name === "express" ? { type: "EXPRESS" } : {}),
    }));
    arns[name] = created.stateMachineArn!;
  }
});
afterAll(async () => {
  expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  await sw.close();
});

const describeExecution = (executionArn: string) => sw.client.send(new DescribeExecutionCommand({ executionArn }));
const untilClosed = (executionArn: string) => eventually(() => describeExecution(executionArn), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");

async function fullHistory(executionArn: string, pageSize: number, reverseOrder = false): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sw.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: pageSize, reverseOrder, ...(nextToken ? { nextToken } : {}) }));
    expect(page.events!.length).toBeLessThanOrEqual(pageSize);
    events.push(...page.events!);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

describe("Standard executions (SDK)", () => {
  it("starts an execution, runs it to success and describes it", async () => {
    const started = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["pipeline"], name: "run-1", input: JSON.stringify({ n: 21 }) }));
    expect(started.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:pipeline:run-1`);
    expect(started.startDate).toBeInstanceOf(Date);

    const done = await untilClosed(started.executionArn!);
    expect(done).toMatchObject({
      executionArn: started.executionArn, stateMachineArn: arns["pipeline"], name: "run-1", status: "SUCCEEDED",
      input: JSON.stringify({ n: 21 }),
    });
    expect(JSON.parse(done.output!)).toEqual({ n: 42, tag: "e2e" });
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());

    const listed = await sw.client.send(new ListExecutionsCommand({ stateMachineArn: arns["pipeline"] }));
    expect(listed.executions?.find((e) => e.executionArn === started.executionArn)).toMatchObject({ name: "run-1", status: "SUCCEEDED" });
    const failedOnly = await sw.client.send(new ListExecutionsCommand({ stateMachineArn: arns["pipeline"], statusFilter: "FAILED" }));
    expect(failedOnly.executions).toEqual([]);
  });

  it("gives the history in pages, forwards and in reverse", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["pipeline"], name: "history", input: JSON.stringify({ n: 1 }) }));
    await untilClosed(executionArn!);
    const all = (await sw.client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(all.map((e) => e.type)).toEqual([
      "ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
      "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded",
    ]);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]!.timestamp).toBeInstanceOf(Date);
    expect(JSON.parse(all[0]!.executionStartedEventDetails!.input!)).toEqual({ n: 1 });
    expect(all[0]!.executionStartedEventDetails!.roleArn).toBe(ROLE_ARN);
    expect(JSON.parse(all.at(-1)!.executionSucceededEventDetails!.output!)).toEqual({ n: 2, tag: "e2e" });

    expect(await fullHistory(executionArn!, 3)).toEqual(all);
    const reversed = await fullHistory(executionArn!, 4, true);
    expect(reversed.map((e) => e.id)).toEqual(all.map((e) => e.id).reverse());
  });

  it("is idempotent on the execution name and refuses the name with another input", async () => {
    const first = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["waiting"], name: "same", input: "{}" }));
    const again = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["waiting"], name: "same", input: "{}" }));
    expect(again.executionArn).toBe(first.executionArn);
    const other = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["waiting"], name: "same", input: "{\"x\":1}" })).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ExecutionAlreadyExists);
    expect((other as Error).message).toBe(`Execution Already Exists: '${first.executionArn}'`);
  });

  it("stops a running execution", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["waiting"], name: "to-stop" }));
    expect((await describeExecution(executionArn!)).status).toBe("RUNNING");
    const stopped = await sw.client.send(new StopExecutionCommand({ executionArn, error: "Manual.Stop", cause: "test says so" }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const aborted = await untilClosed(executionArn!);
    expect(aborted).toMatchObject({ status: "ABORTED", error: "Manual.Stop", cause: "test says so" });
    const history = (await sw.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }))).events!;
    expect(history[0]).toMatchObject({ type: "ExecutionAborted", executionAbortedEventDetails: { error: "Manual.Stop", cause: "test says so" } });
  });

  it("reports a failed execution's error and cause", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["failing"] }));
    expect(await untilClosed(executionArn!)).toMatchObject({ status: "FAILED", error: "Custom.Boom", cause: "on purpose" });
  });

  it("answers ExecutionDoesNotExist for unknown executions", async () => {
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:pipeline:never`;
    const error = await describeExecution(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionDoesNotExist);
    expect((error as Error).message).toBe(`Execution Does Not Exist: '${missing}'`);
    await expect(sw.client.send(new GetExecutionHistoryCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(sw.client.send(new StopExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it("refuses input that is not JSON", async () => {
    await expect(sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["pipeline"], input: "{nope" }))).rejects.toMatchObject({
      name: "InvalidExecutionInput", $metadata: { httpStatusCode: 400 },
    });
  });
});

describe("Express executions and StartSyncExecution (SDK)", () => {
  it("runs an Express machine synchronously and returns its output", async () => {
    const result = await sw.client.send(new StartSyncExecutionCommand({ stateMachineArn: arns["express"], name: "sync-1", input: JSON.stringify({ a: 2, b: 40 }) }));
    expect(result).toMatchObject({ status: "SUCCEEDED", stateMachineArn: arns["express"], name: "sync-1" });
    expect(result.executionArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:express:sync-1:`));
    expect(JSON.parse(result.output!)).toEqual({ sum: 42 });
    expect(result.startDate).toBeInstanceOf(Date);
    expect(result.stopDate).toBeInstanceOf(Date);
  });

  it("reports a failure with status FAILED (HTTP 200)", async () => {
    const failing = await sw.client.send(new CreateStateMachineCommand({
      name: "express-fail", type: "EXPRESS", roleArn: ROLE_ARN,
      definition: JSON.stringify({ StartAt: "F", States: { F: { Type: "Fail", Error: "E.Sync", Cause: "sync cause" } } }),
    }));
    const result = await sw.client.send(new StartSyncExecutionCommand({ stateMachineArn: failing.stateMachineArn }));
    expect(result).toMatchObject({ status: "FAILED", error: "E.Sync", cause: "sync cause", $metadata: { httpStatusCode: 200 } });
  });

  it("refuses StartSyncExecution for a Standard machine", async () => {
    await expect(sw.client.send(new StartSyncExecutionCommand({ stateMachineArn: arns["pipeline"] }))).rejects.toMatchObject({
      name: "StateMachineTypeNotSupported",
    });
  });

  it("starts Express executions asynchronously with StartExecution", async () => {
    const started = await sw.client.send(new StartExecutionCommand({ stateMachineArn: arns["express"], input: JSON.stringify({ a: 1, b: 1 }) }));
    expect(started.executionArn).toMatch(/:express:express:/);
  });
});
