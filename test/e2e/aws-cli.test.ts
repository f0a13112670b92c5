/**
 * End-to-end through the real AWS CLI v2 (/usr/bin/aws 2.9.19), as users will drive Stepwise.
 * Each CLI call costs about a second of Python start-up, so independent calls run concurrently.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";
import { awsCliAvailable, awsStepFunctions, syncHostResolves, type CliResult } from "./helpers/aws-cli.js";

const DOUBLE = "arn:aws:states:::stepwise:double";
const CALLBACK = "arn:aws:states:::stepwise:notify.waitForTaskToken";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/;
const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

const definitions = {
  "cli-pipeline": { StartAt: "Double", States: { Double: { Type: "Task", Resource: DOUBLE, Next: "Done" }, Done: { Type: "Succeed" } } },
  "cli-waiting": { StartAt: "Wait", States: { Wait: { Type: "Wait", Seconds: 3600, End: true } } },
  "cli-callback": {
    StartAt: "Notify",
    States: { Notify: { Type: "Task", Resource: CALLBACK, Parameters: { "token.$": "$$.Task.Token" }, End: true } },
  },
  "cli-express": { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "greeting.$": "States.Format('hello {}', $.who)" }, End: true } } },
};

describe.runIf(awsCliAvailable())("the AWS CLI against Stepwise", { timeout: 60_000 }, () => {
  let sw: TestStepwise;
  let aws: (...args: string[]) => Promise<CliResult>;
  const tokens: string[] = [];
  const files = mkdtempSync(join(tmpdir(), "stepwise-cli-"));

  beforeAll(async () => {
    sw = await startTestStepwise({
      handlers: {
        [DOUBLE]: async (input) => ({ n: (input as { n: number }).n * 2 }),
        [CALLBACK]: async (input) => (tokens.push((input as { token: string }).token), {}),
      },
    });
    aws = (...args) => awsStepFunctions(sw.url, args);
  });
  afterAll(async () => {
    expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
    await sw.close();
  });

  const ok = (r: CliResult) => {
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return r.json ?? {};
  };
  const untilClosed = (executionArn: string) =>
    eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");

  it("creates, describes, lists and updates state machines; reports errors as the CLI shows AWS's", async () => {
    // One machine through the CLI; the others through the SDK (each CLI call costs a Python start-up).
    const [viaSdk, created, missing, invalid] = await Promise.all([
      Promise.all(Object.entries(definitions).filter(([name]) => name !== "cli-pipeline").map(([name, definition]) =>
        sw.client.send(new CreateStateMachineCommand({
          name, definition: JSON.stringify(definition), roleArn: ROLE_ARN, ...(name === "cli-express" ? { type: "EXPRESS" } : {}),
        })))),
      aws("create-state-machine", "--name", "cli-pipeline", "--definition", JSON.stringify(definitions["cli-pipeline"]), "--role-arn", ROLE_ARN),
      aws("describe-state-machine", "--state-machine-arn", smArn("nope")),
      aws("create-state-machine", "--name", "cli-bad", "--definition", "{\"StartAt\":\"A\",\"States\":{}}", "--role-arn", ROLE_ARN),
    ]);
    expect(viaSdk).toHaveLength(3);
    const out = ok(created);
    expect(out["stateMachineArn"]).toBe(smArn("cli-pipeline"));
    expect(out["creationDate"]).toMatch(ISO);
    expect(missing.code).toBe(254);
    expect(missing.stderr.trim()).toBe(
      `An error occurred (StateMachineDoesNotExist) when calling the DescribeStateMachine operation: State Machine Does Not Exist: '${smArn("nope")}'`,
    );
    expect(invalid.code).toBe(254);
    expect(invalid.stderr).toMatch(/An error occurred \(InvalidDefinition\) when calling the CreateStateMachine operation: Invalid State Machine Definition: /);

    const updatedDefinition = JSON.stringify({ ...definitions["cli-waiting"], Comment: "updated" });
    const [described, listed, updated] = await Promise.all([
      aws("describe-state-machine", "--state-machine-arn", smArn("cli-pipeline")),
      aws("list-state-machines"),
      aws("update-state-machine", "--state-machine-arn", smArn("cli-waiting"), "--definition", updatedDefinition),
    ]);
    expect(ok(described)).toMatchObject({ name: "cli-pipeline", type: "STANDARD", status: "ACTIVE", roleArn: ROLE_ARN, definition: JSON.stringify(definitions["cli-pipeline"]) });
    const names = (ok(listed)["stateMachines"] as { name: string }[]).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(definitions)));
    expect(ok(updated)["updateDate"]).toMatch(ISO);
  });

  it("starts, describes, lists and stops executions and reads their history", async () => {
    const bigInput = join(files, "big-input.json");
    writeFileSync(bigInput, JSON.stringify({ blob: "x".repeat(300 * 1024) }));
    const [started, waiting, tooBig] = await Promise.all([
      aws("start-execution", "--state-machine-arn", smArn("cli-pipeline"), "--name", "cli-run", "--input", "{\"n\":21}"),
      aws("start-execution", "--state-machine-arn", smArn("cli-waiting"), "--name", "cli-wait"),
      aws("start-execution", "--state-machine-arn", smArn("cli-pipeline"), "--input", `file://${bigInput}`),
    ]);
    const executionArn = ok(started)["executionArn"] as string;
    expect(executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:cli-pipeline:cli-run`);
    expect(tooBig.code).toBe(254);
    expect(tooBig.stderr).toContain("(InvalidExecutionInput)");
    await untilClosed(executionArn);

    const waitingArn = ok(waiting)["executionArn"] as string;
    const [described, pagedHistory, reversed, listed, stopped] = await Promise.all([
      aws("describe-execution", "--execution-arn", executionArn),
      aws("get-execution-history", "--execution-arn", executionArn, "--page-size", "2"),
      aws("get-execution-history", "--execution-arn", executionArn, "--reverse-order", "--max-items", "2"),
      aws("list-executions", "--state-machine-arn", smArn("cli-pipeline")),
      aws("stop-execution", "--execution-arn", waitingArn, "--error", "Cli.Stop", "--cause", "from the CLI"),
    ]);
    const execution = ok(described);
    expect(execution).toMatchObject({ executionArn, status: "SUCCEEDED", input: "{\"n\":21}", name: "cli-run" });
    expect(JSON.parse(execution["output"] as string)).toEqual({ n: 42 });
    expect(execution["startDate"]).toMatch(ISO);
    expect(execution["stopDate"]).toMatch(ISO);

    // --page-size 2 makes the CLI follow nextToken across several requests and join the pages.
    const events = ok(pagedHistory)["events"] as { id: number; type: string; timestamp: string }[];
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
      "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.timestamp).toMatch(ISO);
    const lastTwo = ok(reversed);
    expect((lastTwo["events"] as { id: number }[]).map((e) => e.id)).toEqual([events.length, events.length - 1]);
    expect(lastTwo["NextToken"]).toEqual(expect.any(String));

    expect((ok(listed)["executions"] as { executionArn: string; status: string }[])).toEqual([
      expect.objectContaining({ executionArn, status: "SUCCEEDED" }),
    ]);
    expect(ok(stopped)["stopDate"]).toMatch(ISO);
    expect(await untilClosed(waitingArn)).toMatchObject({ status: "ABORTED", error: "Cli.Stop", cause: "from the CLI" });
  });

  it("completes a .waitForTaskToken task with send-task-success", async () => {
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn: smArn("cli-callback"), input: "{}" }));
    const token = await eventually(async () => tokens[0], (t) => t !== undefined);
    ok(await aws("send-task-success", "--task-token", token!, "--task-output", "{\"answer\":42}"));
    const done = await untilClosed(executionArn!);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ answer: 42 });
  });

  it("serves an activity worker: create-activity, get-activity-task, send-task-success, delete-activity", async () => {
    const activityArn = `arn:aws:states:${REGION}:${ACCOUNT}:activity:cli-activity`;
    const activity = ok(await aws("create-activity", "--name", "cli-activity"));
    expect(activity).toMatchObject({ activityArn, creationDate: expect.stringMatching(ISO) });
    const definition = JSON.stringify({ StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true } } });
    const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "cli-worker", definition, roleArn: ROLE_ARN }));
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: "{\"job\":1}" }));
    const task = ok(await aws("get-activity-task", "--activity-arn", activityArn, "--worker-name", "cli-worker-1"));
    expect(JSON.parse(task["input"] as string)).toEqual({ job: 1 });
    const [sent, deletedMachine] = await Promise.all([
      aws("send-task-success", "--task-token", task["taskToken"] as string, "--task-output", "{\"done\":true}"),
      aws("delete-state-machine", "--state-machine-arn", smArn("cli-pipeline")),
    ]);
    ok(sent);
    ok(deletedMachine);
    const done = await untilClosed(executionArn!);
    expect(JSON.parse(done.output!)).toEqual({ done: true });
    ok(await aws("delete-activity", "--activity-arn", activityArn));
  });

  it("runs start-sync-execution (needs sync-localhost to resolve to the loopback)", async (context) => {
    if (!(await syncHostResolves())) return context.skip();
    // The CLI prefixes the endpoint's host with "sync-": http://localhost:PORT becomes http://sync-localhost:PORT.
    const result = await awsStepFunctions(`http://localhost:${sw.port}`, [
      "start-sync-execution", "--state-machine-arn", smArn("cli-express"), "--input", "{\"who\":\"cli\"}",
    ]);
    const out = ok(result);
    expect(out).toMatchObject({ status: "SUCCEEDED", stateMachineArn: smArn("cli-express") });
    expect(JSON.parse(out["output"] as string)).toEqual({ greeting: "hello cli" });
  });
});
