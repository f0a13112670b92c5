/** End-to-end: the server's --mock-config (Step Functions Local's `#TestCase` runs) and --tasks options. */
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const dir = mkdtempSync(join(tmpdir(), "stepwise-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const untilClosed = (sw: TestStepwise, executionArn: string) =>
  eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING");

describe("--mock-config", () => {
  it("runs `<stateMachineArn>#<TestCase>` with that test case's mocked responses", async () => {
    const mockConfig = join(dir, "MockConfigFile.json");
    writeFileSync(mockConfig, JSON.stringify({
      StateMachines: { Orders: { TestCases: { HappyPath: { Charge: "Charged" }, Declined: { Charge: "CardDeclined" } } } },
      MockedResponses: {
        Charged: { "0": { Return: { StatusCode: 200, Payload: { charged: true } } } },
        CardDeclined: { "0": { Throw: { Error: "Payment.Declined", Cause: "insufficient funds" } } },
      },
    }));
    const sw = await startTestStepwise({ args: ["--mock-config", mockConfig] });
    try {
      const definition = {
        StartAt: "Charge",
        States: {
          Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "charge", "Payload.$": "$" }, OutputPath: "$.Payload", End: true },
        },
      };
      const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "Orders", definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
      const happy = await sw.client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#HappyPath`, input: "{}" }));
      const declined = await sw.client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#Declined`, input: "{}" }));
      const happyDone = await untilClosed(sw, happy.executionArn!);
      expect(happyDone.status).toBe("SUCCEEDED");
      expect(JSON.parse(happyDone.output!)).toEqual({ charged: true });
      expect(await untilClosed(sw, declined.executionArn!)).toMatchObject({ status: "FAILED", error: "Payment.Declined", cause: "insufficient funds" });
      await expect(sw.client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#NoSuchCase` }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 400 },
      });
    } finally {
      await sw.close();
    }
  });

  it("refuses to start with an invalid mock config", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    await expect(startTestStepwise({ args: ["--mock-config", broken] })).rejects.toThrow(/broken\.json/);
  });
});

describe("--tasks", () => {
  it("loads Task handlers keyed by Resource from a module", async () => {
    const tasks = join(dir, "tasks.mjs");
    writeFileSync(tasks, `export default { "arn:aws:states:::stepwise:greet": async (input) => ({ greeting: "hello " + input.name }) };\n`);
    const sw = await startTestStepwise({ args: ["--tasks", tasks] });
    try {
      const definition = { StartAt: "Greet", States: { Greet: { Type: "Task", Resource: "arn:aws:states:::stepwise:greet", End: true } } };
      const { stateMachineArn } = await sw.client.send(new CreateStateMachineCommand({ name: "greeter", definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
      const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ name: "tasks" }) }));
      const done = await untilClosed(sw, executionArn!);
      expect(JSON.parse(done.output!)).toEqual({ greeting: "hello tasks" });
    } finally {
      await sw.close();
    }
  });

  it("refuses a module that exports no handler object", async () => {
    const bad = join(dir, "bad-tasks.mjs");
    writeFileSync(bad, "export const nothing = 1;\n");
    await expect(startTestStepwise({ args: ["--tasks", bad] })).rejects.toThrow(/must default-export/);
  });
});
