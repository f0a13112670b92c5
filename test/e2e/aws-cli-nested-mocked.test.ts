/** End-to-end through the AWS CLI v2: nested executions (.sync) and Step Functions Local's mocked test cases (`#TestCase`). */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeExecutionCommand, type DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";
import { awsCliAvailable, awsStepFunctions, type CliResult } from "./helpers/aws-cli.js";

describe.runIf(awsCliAvailable())("the AWS CLI: nested executions and mocked test cases", { timeout: 60_000 }, () => {
  let sw: TestStepwise;
  let aws: (...args: string[]) => Promise<CliResult>;
  const dir = mkdtempSync(join(tmpdir(), "stepwise-cli-mock-"));

  beforeAll(async () => {
    const mockConfig = join(dir, "MockConfigFile.json");
    writeFileSync(mockConfig, JSON.stringify({
      StateMachines: { "cli-orders": { TestCases: { HappyPath: { Charge: "Charged" }, Declined: { Charge: "CardDeclined" } } } },
      MockedResponses: {
        Charged: { "0": { Return: { StatusCode: 200, Payload: { charged: true } } } },
        CardDeclined: { "0": { Throw: { Error: "Payment.Declined", Cause: "insufficient funds" } } },
      },
    }));
    sw = await startTestStepwise({ args: ["--mock-config", mockConfig] });
    aws = (...args) => awsStepFunctions(sw.url, args);
  });
  afterAll(async () => {
    await sw?.close();
  });

  const ok = (r: CliResult) => {
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return r.json ?? {};
  };
  const create = async (name: string, definition: unknown) =>
    ok(await aws("create-state-machine", "--name", name, "--definition", JSON.stringify(definition), "--role-arn", ROLE_ARN)).stateMachineArn as string;
  const untilClosed = (executionArn: string) =>
    eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");

  it("runs a parent that starts a child execution and waits for it (.sync:2)", async () => {
    const child = await create("cli-child", { StartAt: "Sum", States: { Sum: { Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, $.b)" }, End: true } } });
    const parent = await create("cli-parent", {
      StartAt: "Child",
      States: {
        Child: {
          Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2",
          Parameters: { StateMachineArn: child, "Input.$": "$" }, OutputPath: "$.Output", End: true,
        },
      },
    });
    const started = ok(await aws("start-execution", "--state-machine-arn", parent, "--input", '{"a": 2, "b": 3}'));
    await untilClosed(started.executionArn as string);
    const described = ok(await aws("describe-execution", "--execution-arn", started.executionArn as string));
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output as string)).toEqual({ sum: 5 });
    const children = ok(await aws("list-executions", "--state-machine-arn", child));
    expect((children.executions as unknown[]).length).toBe(1);
  });

  it("runs <stateMachineArn>#<TestCase> with the mocked responses", async () => {
    const orders = await create("cli-orders", {
      StartAt: "Charge",
      States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "charge", "Payload.$": "$" }, OutputPath: "$.Payload", End: true } },
    });
    const [happy, declined] = await Promise.all([
      aws("start-execution", "--state-machine-arn", `${orders}#HappyPath`, "--input", "{}"),
      aws("start-execution", "--state-machine-arn", `${orders}#Declined`, "--input", "{}"),
    ]);
    const happyArn = ok(happy).executionArn as string;
    const declinedArn = ok(declined).executionArn as string;
    await Promise.all([untilClosed(happyArn), untilClosed(declinedArn)]);
    const [h, d] = await Promise.all([aws("describe-execution", "--execution-arn", happyArn), aws("describe-execution", "--execution-arn", declinedArn)]);
    expect(ok(h)).toMatchObject({ status: "SUCCEEDED", output: JSON.stringify({ charged: true }) });
    expect(ok(d)).toMatchObject({ status: "FAILED", error: "Payment.Declined", cause: "insufficient funds" });
  });
});
