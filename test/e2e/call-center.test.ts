/**
 * End-to-end: AWS's call-center tutorial (examples/call-center) with its five functions deployed through
 * the Lambda API — once in Node.js, once in Python — and the state machine run through the Step Functions API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateFunctionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, eventually, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";
import { lambdaClient, zipOf } from "./helpers/lambda.js";

const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples/call-center");
const FUNCTIONS = [
  ["OpenCaseFunction", "open-case", "open_case"],
  ["AssignCaseFunction", "assign-case", "assign_case"],
  ["WorkOnCaseFunction", "work-on-case", "work_on_case"],
  ["CloseCaseFunction", "close-case", "close_case"],
  ["EscalateCaseFunction", "escalate-case", "escalate_case"],
] as const;

let sw: TestStepwise;
let lambda: LambdaClient;

beforeAll(async () => {
  sw = await startTestStepwise();
  lambda = lambdaClient(sw.url);
}, 60_000);
afterAll(async () => {
  await sw?.close();
});

/** Deploys the five functions in one language under `prefix`, and the state machine pointing at them. */
async function deploy(language: "node" | "python", prefix: string): Promise<string> {
  for (const [name, nodeFile, pythonFile] of FUNCTIONS) {
    const file = language === "node" ? `${nodeFile}.mjs` : `${pythonFile}.py`;
    const code = readFileSync(join(EXAMPLE, language, file), "utf8");
    await lambda.send(new CreateFunctionCommand({
      FunctionName: `${prefix}${name}`, Role: ROLE_ARN, Runtime: language === "node" ? "nodejs20.x" : "python3.12",
      Handler: `${language === "node" ? nodeFile : pythonFile}.handler`, Code: { ZipFile: await zipOf({ [file]: code }) },
    }));
  }
  const definition = readFileSync(join(EXAMPLE, "state-machine.json"), "utf8")
    .replaceAll("arn:aws:lambda:us-east-1:123456789012:function:", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${prefix}`);
  const created = await sw.client.send(new CreateStateMachineCommand({ name: `${prefix}CallCenter`, definition, roleArn: ROLE_ARN }));
  return created.stateMachineArn!;
}

const run = async (stateMachineArn: string, caseId: string) => {
  const { executionArn } = await sw.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ inputCaseID: caseId }) }));
  return eventually(() => sw.client.send(new DescribeExecutionCommand({ executionArn })), (d: DescribeExecutionCommandOutput) => d.status !== "RUNNING", 30_000);
};

describe.each(["node", "python"] as const)("the call-center example, functions in %s", (language) => {
  let stateMachineArn: string;
  beforeAll(async () => {
    stateMachineArn = await deploy(language, `${language}-`);
  }, 60_000);

  it("closes a case that gets resolved", async () => {
    const done = await run(stateMachineArn, "001");
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output!)).toEqual({ Case: "001", Status: 1, Message: "Case 001: opened...assigned...resolved...closed." });
  }, 60_000);

  it("escalates a case that does not, and fails as the tutorial does", async () => {
    const done = await run(stateMachineArn, "002");
    expect(done).toMatchObject({ status: "FAILED", cause: "Engage Tier 2 Support." });
  }, 60_000);
});
