/**
 * End-to-end Lambda: the real @aws-sdk/client-lambda and the AWS CLI v2 against a running Stepwise with
 * real sandboxes (node, python3, a custom bootstrap). Each CLI call costs about a second of Python
 * start-up, so independent calls run concurrently.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateAliasCommand, CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, InvokeCommand, ListVersionsByFunctionCommand,
  PublishVersionCommand, PutFunctionConcurrencyCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient,
  type InvokeCommandOutput,
} from "@aws-sdk/client-lambda";
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";
import { aws, awsCliAvailable } from "./helpers/aws-cli.js";
import { lambdaClient, zipOf } from "./helpers/lambda.js";
import { functionsCommand } from "../../src/cli/commands/functions.js";

const ECHO = `export const handler = async (event, context) => {
  console.log("got", JSON.stringify(event));
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  if (event.fail) { const e = new Error(event.fail); e.name = "CustomError"; throw e; }
  if (event.exit) process.exit(3);
  return {
    echo: event, version: context.functionVersion, greeting: process.env.GREETING ?? null, requestId: context.awsRequestId,
    endpoints: [process.env.AWS_ENDPOINT_URL_SFN, process.env.AWS_ENDPOINT_URL_LAMBDA, process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS],
  };
};
`;
const arnOf = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");
const json = (out: InvokeCommandOutput) => JSON.parse(text(out.Payload)) as Record<string, unknown>;

describe("Lambda end to end", { timeout: 60_000 }, () => {
  let sw: TestStepwise;
  let lambda: LambdaClient;
  const work = mkdtempSync(join(tmpdir(), "stepwise-lambda-e2e-"));

  beforeAll(async () => {
    sw = await startTestStepwise();
    lambda = lambdaClient(sw.url);
    await lambda.send(new CreateFunctionCommand({
      FunctionName: "echo", Runtime: "nodejs20.x", Role: ROLE_ARN, Handler: "index.handler", Timeout: 1,
      Environment: { Variables: { GREETING: "hello" } }, Code: { ZipFile: await zipOf({ "index.mjs": ECHO }) },
    }));
  });
  afterAll(async () => {
    expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
    lambda?.destroy();
    await sw?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("creates a function from a zip and invokes it (RequestResponse), with the log tail", async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from('{"a":1}'), LogType: "Tail" }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe("$LATEST");
    const body = json(out);
    expect(body).toMatchObject({ echo: { a: 1 }, version: "$LATEST", greeting: "hello", endpoints: [sw.url, sw.url, sw.url] });
    expect(body.requestId).toBe(out.$metadata.requestId);
    const tail = Buffer.from(out.LogResult!, "base64").toString("utf8");
    expect(tail).toMatch(/START RequestId: .* Version: \$LATEST/);
    expect(tail).toMatch(/got \{"a":1\}/);
    expect(tail).toMatch(/REPORT RequestId: .*Duration: /);
  });

  it("reports function errors, timeouts and crashes as AWS does", async () => {
    const failed = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from('{"fail":"boom"}') }));
    expect(failed.FunctionError).toBe("Unhandled");
    expect(json(failed)).toMatchObject({ errorType: "CustomError", errorMessage: "boom" });
    const timedOut = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from('{"sleepMs":3000}') }));
    expect(timedOut.FunctionError).toBe("Unhandled");
    expect(json(timedOut)).toMatchObject({ errorType: "Sandbox.Timedout", errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/) });
    const crashed = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from('{"exit":true}') }));
    expect(crashed.FunctionError).toBe("Unhandled");
    expect(json(crashed)).toMatchObject({ errorType: "Runtime.ExitError" });
    const again = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from('{"after":"crash"}') }));
    expect(json(again)).toMatchObject({ echo: { after: "crash" } });
  });

  it("queues Event invocations (202) and runs them", async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: "echo", InvocationType: "Event", Payload: Buffer.from('{"marker":"async-7731"}') }));
    expect(out.StatusCode).toBe(202);
    const dry = await lambda.send(new InvokeCommand({ FunctionName: "echo", InvocationType: "DryRun" }));
    expect(dry.StatusCode).toBe(204);
    const found = await eventually(
      () => fetch(`${sw.url}/`, {
        method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Logs_20140328.FilterLogEvents" },
        body: JSON.stringify({ logGroupName: "/aws/lambda/echo", filterPattern: '"async-7731"' }),
      }).then((r) => r.json() as Promise<{ events?: unknown[] }>),
      (r) => (r.events?.length ?? 0) > 0, 10_000,
    );
    expect(found.events!.length).toBe(1);
  });

  it("publishes versions, routes aliases, and runs each version's own code", async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: "versioned", Runtime: "nodejs20.x", Role: ROLE_ARN, Handler: "index.handler", Publish: true,
      Code: { ZipFile: await zipOf({ "index.mjs": "export const handler = async () => 'one';" }) },
    }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "versioned", ZipFile: await zipOf({ "index.mjs": "export const handler = async () => 'two';" }) }));
    expect(text((await lambda.send(new InvokeCommand({ FunctionName: "versioned" }))).Payload)).toBe('"two"');
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: "versioned" }));
    expect(v2.Version).toBe("2");
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "versioned", Environment: { Variables: { X_VAR: "x" } } }));
    await lambda.send(new CreateAliasCommand({ FunctionName: "versioned", Name: "live", FunctionVersion: "1" }));
    const viaAlias = await lambda.send(new InvokeCommand({ FunctionName: "versioned", Qualifier: "live" }));
    expect([text(viaAlias.Payload), viaAlias.ExecutedVersion]).toEqual(['"one"', "1"]);
    const v2run = await lambda.send(new InvokeCommand({ FunctionName: `${arnOf("versioned")}:2` }));
    expect([text(v2run.Payload), v2run.ExecutedVersion]).toEqual(['"two"', "2"]);
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "versioned" }));
    expect(versions.Versions!.map((v) => v.Version)).toEqual(["$LATEST", "1", "2"]);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "versioned", Qualifier: "1" }));
    const zip = await fetch(got.Code!.Location!);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
  });

  it("throttles over the reserved concurrency with 429 TooManyRequestsException", async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: "limited", Runtime: "nodejs20.x", Role: ROLE_ARN, Handler: "index.handler", Timeout: 10, Code: { ZipFile: await zipOf({ "index.mjs": ECHO }) },
    }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "limited", ReservedConcurrentExecutions: 0 }));
    const zero = await lambda.send(new InvokeCommand({ FunctionName: "limited" })).catch((e: Error & { $metadata?: { httpStatusCode?: number }; Reason?: string }) => e);
    expect(zero).toMatchObject({ name: "TooManyRequestsException", Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", $metadata: { httpStatusCode: 429 } });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "limited", ReservedConcurrentExecutions: 1 }));
    const both = await Promise.allSettled([0, 1].map(() => lambda.send(new InvokeCommand({ FunctionName: "limited", Payload: Buffer.from('{"sleepMs":1500}') }))));
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.name).toBe("TooManyRequestsException");
  });

  it("creates functions from templates and deploys folders with the stepwise CLI (Python and Node)", async () => {
    const io = { out: () => undefined, err: () => undefined, cwd: work };
    expect(await functionsCommand(["create", "py-hello", "--template", "hello-world-python", "--endpoint", sw.url, "--save", "py"], io, { env: {} })).toBe(0);
    const hello = await lambda.send(new InvokeCommand({ FunctionName: "py-hello", Payload: Buffer.from('{"name":"Ada"}') }));
    expect(json(hello)).toMatchObject({ message: "Hello, Ada!" });
    expect(readFileSync(join(work, "py", "lambda_function.py"), "utf8")).toContain("def lambda_handler");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(work, "py", "lambda_function.py"), "def lambda_handler(event, context):\n    return {'deployed': True}\n");
    expect(await functionsCommand(["deploy", "py", "--name", "py-hello", "--endpoint", sw.url], io, { env: {} })).toBe(0);
    expect(json(await lambda.send(new InvokeCommand({ FunctionName: "py-hello" })))).toEqual({ deployed: true });
    expect(await functionsCommand(["create", "task", "--template", "stepfunctions-task-nodejs", "--endpoint", sw.url], io, { env: {} })).toBe(0);
  });

  it("runs Lambda tasks of Step Functions executions", async () => {
    const definition = {
      StartAt: "Price", States: {
        Price: { Type: "Task", Resource: arnOf("task"), Next: "Wrapped" },
        Wrapped: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "echo", "Payload.$": "$" }, OutputPath: "$.Payload", End: true },
      },
    };
    const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "lambda-tasks", definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
    const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ orderId: "o-1", items: [{ price: 2, quantity: 3 }] }) }));
    const done = await eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING", 20_000);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toMatchObject({ echo: { orderId: "o-1", total: 6, status: "PRICED" }, version: "$LATEST" });
  });

  describe.runIf(awsCliAvailable())("through the AWS CLI v2", () => {
    it("creates, invokes, lists and reads logs", async () => {
      const zipPath = join(work, "cli.zip");
      const { writeFileSync } = await import("node:fs");
      writeFileSync(zipPath, await zipOf({ "index.mjs": ECHO }));
      const created = await aws(sw.url, ["lambda", "create-function", "--function-name", "cli-fn", "--runtime", "nodejs22.x", "--role", ROLE_ARN,
        "--handler", "index.handler", "--zip-file", `fileb://${zipPath}`]);
      expect(created.stderr).toBe("");
      expect(created.json).toMatchObject({ FunctionName: "cli-fn", State: "Active", Runtime: "nodejs22.x" });
      const [invoked, listed, missing] = await Promise.all([
        aws(sw.url, ["lambda", "invoke", "--function-name", "cli-fn", "--cli-binary-format", "raw-in-base64-out", "--payload", '{"cli":"marker-5521"}',
          "--log-type", "Tail", join(work, "out.json")]),
        aws(sw.url, ["lambda", "list-functions"]),
        aws(sw.url, ["lambda", "get-function", "--function-name", "nope"]),
      ]);
      expect(invoked.code).toBe(0);
      expect(invoked.json).toMatchObject({ StatusCode: 200, ExecutedVersion: "$LATEST", LogResult: expect.any(String) });
      expect(JSON.parse(readFileSync(join(work, "out.json"), "utf8"))).toMatchObject({ echo: { cli: "marker-5521" } });
      expect((listed.json!.Functions as { FunctionName: string }[]).map((f) => f.FunctionName)).toContain("cli-fn");
      expect(missing.code).toBe(254);
      expect(missing.stderr).toMatch(/ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope/);

      const [filtered, tail, groups, streams] = await Promise.all([
        aws(sw.url, ["logs", "filter-log-events", "--log-group-name", "/aws/lambda/cli-fn", "--filter-pattern", '"marker-5521"']),
        aws(sw.url, ["logs", "tail", "/aws/lambda/cli-fn", "--since", "1h"]),
        aws(sw.url, ["logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/cli"]),
        aws(sw.url, ["logs", "describe-log-streams", "--log-group-name", "/aws/lambda/cli-fn", "--order-by", "LastEventTime", "--descending"]),
      ]);
      expect(filtered.code).toBe(0);
      expect((filtered.json!.events as { message: string }[]).map((e) => e.message).join("")).toContain("marker-5521");
      expect(tail.code).toBe(0);
      expect(tail.stdout).toMatch(/START RequestId/);
      expect((groups.json!.logGroups as { logGroupName: string }[]).map((g) => g.logGroupName)).toEqual(["/aws/lambda/cli-fn"]);
      expect((streams.json!.logStreams as unknown[]).length).toBeGreaterThan(0);
      const deleted = await aws(sw.url, ["lambda", "delete-function", "--function-name", "cli-fn"]);
      expect(deleted.code).toBe(0);
    });
  });

  it("deletes functions", async () => {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "limited" }));
    const gone = await lambda.send(new GetFunctionCommand({ FunctionName: "limited" })).catch((e: Error) => e);
    expect(gone).toMatchObject({ name: "ResourceNotFoundException" });
  });
});
