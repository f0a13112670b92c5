/** End-to-end: malformed and unusual requests get AWS-shaped 4xx answers, over a real socket and through the SDK. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { CreateActivityCommand, CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient, SFNServiceException, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { ACCOUNT, CREDENTIALS, ROLE_ARN, rawRequest, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

let sw: TestStepwise;
let machineArn: string;
beforeAll(async () => {
  sw = await startTestStepwise();
  const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
  machineArn = (await sw.client.send(new CreateStateMachineCommand({ name: "target", definition, roleArn: ROLE_ARN }))).stateMachineArn!;
});
afterAll(async () => {
  expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  await sw.close();
});

function expectAwsError(res: { status: number; headers: Headers; json: Record<string, unknown> }, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.0");
  expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers.get("x-amzn-errortype")).toBe(type);
  expect(res.json["__type"]).toBe(type);
  expect(typeof res.json["message"]).toBe("string");
}

describe("bad requests over HTTP", () => {
  it("malformed JSON → 400 SerializationException", async () => {
    expectAwsError(await rawRequest(sw.url, "AWSStepFunctions.ListStateMachines", "{\"maxResults\": "), 400, "SerializationException");
    expectAwsError(await rawRequest(sw.url, "AWSStepFunctions.ListStateMachines", "[]"), 400, "SerializationException");
  });

  it("members of the wrong type → 400", async () => {
    const res = await rawRequest(sw.url, "AWSStepFunctions.DescribeStateMachine", JSON.stringify({ stateMachineArn: 42 }));
    expect(res.status).toBe(400);
    expect(res.json["__type"]).toMatch(/^(SerializationException|ValidationException)$/);
    const list = await rawRequest(sw.url, "AWSStepFunctions.ListStateMachines", JSON.stringify({ maxResults: "ten" }));
    expect(list.status).toBe(400);
    expect(list.json["__type"]).toMatch(/^(SerializationException|ValidationException)$/);
  });

  it("unknown operation or missing X-Amz-Target → 400 UnknownOperationException", async () => {
    expectAwsError(await rawRequest(sw.url, "AWSStepFunctions.LaunchRocket", "{}"), 400, "UnknownOperationException");
    expectAwsError(await rawRequest(sw.url, undefined, "{}"), 400, "UnknownOperationException");
  });

  it("a body over the size limit → 413, and the server keeps serving", async () => {
    const huge = JSON.stringify({ stateMachineArn: machineArn, input: JSON.stringify({ blob: "x".repeat(3 * 1024 * 1024) }) });
    expectAwsError(await rawRequest(sw.url, "AWSStepFunctions.StartExecution", huge), 413, "RequestEntityTooLargeException");
    expect((await rawRequest(sw.url, "AWSStepFunctions.ListStateMachines", "{}")).status).toBe(200);
  });

  it("accepts missing and unusual content types, and Host: sync-localhost", async () => {
    const res = await fetch(`${sw.url}/`, { method: "POST", headers: { "x-amz-target": "AWSStepFunctions.ListStateMachines" }, body: "" });
    expect(res.status).toBe(200);
    const json = await rawRequest(sw.url, "AWSStepFunctions.ListStateMachines", "{}", { "content-type": "application/json" });
    expect(json.status).toBe(200);
  });

  it("GET /health → 200", async () => {
    expect((await fetch(`${sw.url}/health`)).status).toBe(200);
  });
});

describe("bad requests through the SDK", () => {
  it("wrong member types come back as a modeled 400 error", async () => {
    const error = await sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: 42 as unknown as string })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SFNServiceException);
    expect((error as SFNServiceException).$metadata.httpStatusCode).toBe(400);
  });

  it("a missing required member → ValidationException", async () => {
    await expect(sw.client.send(new StartExecutionCommand({} as never))).rejects.toMatchObject({
      name: "ValidationException", $metadata: { httpStatusCode: 400 },
    });
  });

  it("input over 256 KiB → InvalidExecutionInput; a body over the HTTP limit → 413", async () => {
    const big = JSON.stringify({ blob: "x".repeat(300 * 1024) });
    await expect(sw.client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: big }))).rejects.toMatchObject({
      name: "InvalidExecutionInput", $metadata: { httpStatusCode: 400 },
    });
    const huge = JSON.stringify({ blob: "x".repeat(3 * 1024 * 1024) });
    await expect(sw.client.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: huge }))).rejects.toMatchObject({
      name: "RequestEntityTooLargeException", $metadata: { httpStatusCode: 413 },
    });
  });

  // The API passes the SigV4 scope's region in CallContext (see src/api/app.test.ts); new resources live there.
  it("takes the region from the request's SigV4 credential scope", async () => {
    const paris = new SFNClient({ endpoint: sw.url, region: "eu-west-3", credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
      const created = await paris.send(new CreateStateMachineCommand({ name: "in-paris", definition, roleArn: ROLE_ARN }));
      expect(created.stateMachineArn).toBe(`arn:aws:states:eu-west-3:${ACCOUNT}:stateMachine:in-paris`);
      const started = await paris.send(new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, name: "e1" }));
      expect(started.executionArn).toBe(`arn:aws:states:eu-west-3:${ACCOUNT}:execution:in-paris:e1`);
      const activity = await paris.send(new CreateActivityCommand({ name: "paris-worker" }));
      expect(activity.activityArn).toBe(`arn:aws:states:eu-west-3:${ACCOUNT}:activity:paris-worker`);
    } finally {
      paris.destroy();
    }
  });
});
