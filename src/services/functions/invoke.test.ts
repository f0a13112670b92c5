import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { ACCOUNT, REGION, arnOf, createTestLambda, helloZip, rejectionOf, throttle, type TestLambda } from "./test-support.js";

let l: TestLambda;
beforeEach(async () => (l = await createTestLambda()));
afterEach(async () => l.close());

describe("Invoke (RequestResponse)", () => {
  it("runs the function in the runtime with its spec and returns the payload", async () => {
    await l.create("echo", { Timeout: 7, MemorySize: 512, Environment: { Variables: { GREETING: "hi" } } });
    const out = await l.call("Invoke", { FunctionName: "echo", Payload: '{"a":1}' });
    expect(out).toEqual({ StatusCode: 200, ExecutedVersion: "$LATEST", Payload: '{"a":1}' });
    const { spec, payload, options } = l.runtime.calls[0]!;
    expect(payload).toBe('{"a":1}');
    expect(options.requestId).toMatch(/^req-/);
    expect(spec).toEqual({
      functionName: "echo", functionArn: arnOf("echo"), version: "$LATEST", runtime: "nodejs20.x", handler: "index.handler",
      codeDir: join(l.codeDir, createHash("sha256").update(await helloZip()).digest("hex")), revisionId: expect.any(String), memorySize: 512,
      timeoutSeconds: 7, environment: { GREETING: "hi" }, region: REGION, accountId: ACCOUNT, reservedConcurrency: undefined,
    });
  });

  it("passes function errors through with X-Amz-Function-Error, and the log tail when asked", async () => {
    await l.create("fail");
    const error = '{"errorType":"Error","errorMessage":"boom","trace":[]}';
    l.runtime.behaviour = () => ({ payload: error, functionError: "Unhandled", logTail: "START\nboom\nEND\n" });
    const out = await l.call("Invoke", { FunctionName: "fail", LogType: "Tail" });
    expect(out).toEqual({ StatusCode: 200, FunctionError: "Unhandled", LogResult: Buffer.from("START\nboom\nEND\n").toString("base64"), ExecutedVersion: "$LATEST", Payload: error });
    expect(l.runtime.calls[0]!.payload).toBe("{}");
  });

  it("runs versions and aliases (weighted) and reports the executed version", async () => {
    await l.create("v");
    await l.call("PublishVersion", { FunctionName: "v" });
    await l.call("UpdateFunctionConfiguration", { FunctionName: "v", Timeout: 9 });
    await l.call("PublishVersion", { FunctionName: "v" });
    await l.call("CreateAlias", { FunctionName: "v", Name: "live", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.3 } } });
    expect((await l.call("Invoke", { FunctionName: "v", Qualifier: "2" })).ExecutedVersion).toBe("2");
    expect(l.runtime.calls.at(-1)!.spec).toMatchObject({ version: "2", timeoutSeconds: 9 });
    l.setDraw(0.29);
    expect((await l.call("Invoke", { FunctionName: "v:live" })).ExecutedVersion).toBe("2");
    l.setDraw(0.31);
    expect((await l.call("Invoke", { FunctionName: `${arnOf("v")}:live` })).ExecutedVersion).toBe("1");
    expect(l.runtime.calls.at(-1)!.spec).toMatchObject({ version: "1", timeoutSeconds: 3 });
    const missing = await rejectionOf(l.call("Invoke", { FunctionName: "v", Qualifier: "7" }));
    expect(missing).toMatchObject({ code: "ResourceNotFoundException", message: `Function not found: ${arnOf("v")}:7` });
  });

  it("refuses payloads that are not JSON, or too large, before running anything", async () => {
    await l.create("f");
    const bad = await rejectionOf(l.call("Invoke", { FunctionName: "f", Payload: "not json" }));
    expect(bad).toMatchObject({ code: "InvalidRequestContentException", status: 400, message: expect.stringMatching(/^Could not parse request body into json/) });
    const big = await rejectionOf(l.call("Invoke", { FunctionName: "f", Payload: JSON.stringify("x".repeat(6_291_456)) }));
    expect(big).toMatchObject({ code: "RequestTooLargeException", status: 413, message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation" });
    expect(l.runtime.calls).toEqual([]);
  });

  it("throttles with 429 TooManyRequestsException: reserved concurrency 0, or the runtime's limit", async () => {
    await l.create("t");
    await l.call("PutFunctionConcurrency", { FunctionName: "t", ReservedConcurrentExecutions: 0 });
    const zero = await rejectionOf(l.call("Invoke", { FunctionName: "t" }));
    expect(zero).toMatchObject({ code: "TooManyRequestsException", status: 429, message: "Rate Exceeded.", fields: { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", retryAfterSeconds: "1" } });
    expect(l.runtime.calls).toEqual([]);
    await l.call("PutFunctionConcurrency", { FunctionName: "t", ReservedConcurrentExecutions: 2 });
    l.runtime.behaviour = throttle;
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "t" }))).fields.Reason).toBe("ReservedFunctionConcurrentInvocationLimitExceeded");
    expect(l.runtime.calls[0]!.spec.reservedConcurrency).toBe(2);
    await l.call("DeleteFunctionConcurrency", { FunctionName: "t" });
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "t" }))).fields.Reason).toBe("ConcurrentInvocationLimitExceeded");
  });

  it("turns an oversized response into Function.ResponseSizeTooLarge", async () => {
    await l.create("big");
    l.runtime.behaviour = () => ({ payload: JSON.stringify("x".repeat(6_300_000)) });
    const out = await l.call("Invoke", { FunctionName: "big" });
    expect(out.FunctionError).toBe("Unhandled");
    expect(JSON.parse(out.Payload as string)).toEqual({ errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." });
  });

  it("answers DryRun with 204 without running anything", async () => {
    await l.create("d");
    expect(await l.call("Invoke", { FunctionName: "d", InvocationType: "DryRun" })).toEqual({ StatusCode: 204 });
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "d", InvocationType: "DryRun", Qualifier: "3" }))).code).toBe("ResourceNotFoundException");
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "nope", InvocationType: "DryRun" }))).code).toBe("ResourceNotFoundException");
    // Invoke names the version it looked for, as AWS's message does.
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "nope" }))).message).toBe(`Function not found: ${arnOf("nope")}:$LATEST`);
    expect(l.runtime.calls).toEqual([]);
  });

  it("unpacks code from the store when this node has not got it (another node created the function)", async () => {
    await l.create("n");
    const { rmSync, readdirSync } = await import("node:fs");
    for (const d of readdirSync(l.codeDir)) rmSync(join(l.codeDir, d), { recursive: true });
    await l.call("Invoke", { FunctionName: "n" });
    expect(readdirSync(l.runtime.calls[0]!.spec.codeDir)).toEqual(["index.mjs"]);
  });
});
