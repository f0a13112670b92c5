import { describe, expect, it } from "vitest";
import { ServiceError, type OperationTable } from "../services/index.js";
import { createApp } from "./app.js";
import { webApp } from "./test-support.js";

interface Seen { op: string; input: Record<string, unknown>; service: string }

function setup(overrides: Partial<Record<string, (input: Record<string, unknown>) => Record<string, unknown>>> = {}) {
  const seen: Seen[] = [];
  const record = (op: string, answer: (input: Record<string, unknown>) => Record<string, unknown> = () => ({})) =>
    async (input: Record<string, unknown>, call: { region: string }) => {
      seen.push({ op, input, service: call.region });
      return (overrides[op] ?? answer)(input);
    };
  const lambda: OperationTable = Object.fromEntries(
    ["CreateFunction", "ListFunctions", "GetFunction", "DeleteFunction", "GetFunctionConfiguration", "UpdateFunctionCode", "Invoke", "ListTags",
      "UntagResource", "PutFunctionConcurrency", "GetFunctionConcurrency", "GetAccountSettings", "GetAlias", "StepwiseGetCodePackage"].map((op) => [op, record(op)]),
  );
  const logs: OperationTable = { DescribeLogGroups: record("DescribeLogGroups", () => ({ logGroups: [] })) };
  let n = 0;
  const app = webApp(createApp({ services: { states: {}, lambda, logs }, requestId: () => `req-${++n}` }));
  const send = (method: string, path: string, init: { body?: string | Uint8Array; headers?: Record<string, string> } = {}) =>
    app(new Request(`http://localhost:8083${path}`, { method, ...(init.body !== undefined ? { body: init.body } : {}), headers: init.headers ?? {} }));
  return { app, seen, send };
}

describe("the Lambda protocol (restJson1)", () => {
  it("routes by method and path, decoding path segments and binding query parameters", async () => {
    const { seen, send } = setup();
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
    expect((await send("GET", `/2015-03-31/functions/${encodeURIComponent(arn)}?Qualifier=live`)).status).toBe(200);
    expect((await send("GET", "/2015-03-31/functions/?MaxItems=5&Marker=m&FunctionVersion=ALL")).status).toBe(200);
    expect((await send("GET", "/2016-08-19/account-settings/")).status).toBe(200);
    expect((await send("GET", "/2015-03-31/functions/f/configuration")).status).toBe(200);
    expect((await send("GET", "/2019-09-30/functions/f/concurrency")).status).toBe(200);
    expect((await send("GET", "/2015-03-31/functions/f/aliases/live")).status).toBe(200);
    expect(seen.map((s) => [s.op, s.input])).toEqual([
      ["GetFunction", { FunctionName: arn, Qualifier: "live" }],
      ["ListFunctions", { MaxItems: "5", Marker: "m", FunctionVersion: "ALL" }],
      ["GetAccountSettings", {}],
      ["GetFunctionConfiguration", { FunctionName: "f" }],
      ["GetFunctionConcurrency", { FunctionName: "f" }],
      ["GetAlias", { FunctionName: "f", Name: "live" }],
    ]);
  });

  it("answers with the operation's status: 201 for creations, 204 with no body for deletions", async () => {
    const { send, seen } = setup({ CreateFunction: (input) => ({ FunctionName: input.FunctionName }) });
    const created = await send("POST", "/2015-03-31/functions", { body: JSON.stringify({ FunctionName: "f", Runtime: "nodejs20.x" }), headers: { "content-type": "application/json" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    expect(created.headers.get("x-amzn-requestid")).toBe("req-1");
    expect(await created.json()).toEqual({ FunctionName: "f" });
    const deleted = await send("DELETE", "/2015-03-31/functions/f?Qualifier=1");
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    const untag = await send("DELETE", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af?tagKeys=a&tagKeys=b");
    expect(untag.status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ op: "UntagResource", input: { Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", TagKeys: ["a", "b"] } });
  });

  it("binds Invoke's headers and raw payload (with or without a content type) and its response headers", async () => {
    const { send, seen } = setup({
      Invoke: (input) => ({ StatusCode: 200, FunctionError: "Unhandled", LogResult: "bG9n", ExecutedVersion: "3", Payload: `{"echo":${input.Payload as string}}` }),
    });
    const res = await send("POST", "/2015-03-31/functions/f/invocations?Qualifier=3", {
      body: '{"a":1}', headers: { "x-amz-invocation-type": "RequestResponse", "x-amz-log-type": "Tail", "x-amz-client-context": "e30=" },
    });
    expect(res.status).toBe(200);
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith("x-amz-")))).toEqual({
      "x-amz-function-error": "Unhandled", "x-amz-log-result": "bG9n", "x-amz-executed-version": "3",
    });
    expect(await res.text()).toBe('{"echo":{"a":1}}');
    expect(seen[0]!.input).toEqual({ FunctionName: "f", Qualifier: "3", Payload: '{"a":1}', InvocationType: "RequestResponse", LogType: "Tail", ClientContext: "e30=" });
  });

  it("takes the status of Event and DryRun invocations from the output", async () => {
    const { send } = setup({ Invoke: (input) => ({ StatusCode: input.InvocationType === "Event" ? 202 : 204 }) });
    const event = await send("POST", "/2015-03-31/functions/f/invocations", { body: "{}", headers: { "x-amz-invocation-type": "Event" } });
    expect([event.status, await event.text()]).toEqual([202, ""]);
    const dry = await send("POST", "/2015-03-31/functions/f/invocations", { body: "{}", headers: { "x-amz-invocation-type": "DryRun" } });
    expect([dry.status, await dry.text()]).toEqual([204, ""]);
  });

  it("reports errors as Lambda does: x-amzn-ErrorType, {Type, message|Message}, Retry-After", async () => {
    const { send } = setup({
      GetFunction: () => { throw new ServiceError("ResourceNotFoundException", "Function not found: x", 404); },
      Invoke: () => { throw new ServiceError("TooManyRequestsException", "Rate Exceeded.", 429, { Reason: "ReservedFunctionConcurrentInvocationLimitExceeded", retryAfterSeconds: "1" }); },
      GetFunctionConfiguration: () => { throw new TypeError("boom"); },
    });
    const missing = await send("GET", "/2015-03-31/functions/x");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(await missing.json()).toEqual({ Type: "User", Message: "Function not found: x" });
    const throttled = await send("POST", "/2015-03-31/functions/x/invocations", { body: "{}" });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("1");
    expect(await throttled.json()).toEqual({ Type: "User", message: "Rate Exceeded.", Reason: "ReservedFunctionConcurrentInvocationLimitExceeded" });
    const broken = await send("GET", "/2015-03-31/functions/x/configuration");
    expect(broken.status).toBe(500);
    expect(((await broken.json()) as { Type: string }).Type).toBe("Service");
    const badJson = await send("POST", "/2015-03-31/functions", { body: "{nope" });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get("x-amzn-errortype")).toBe("InvalidRequestContentException");
  });

  it("limits bodies per operation with AWS's messages", async () => {
    const { send } = setup();
    const big = await send("POST", "/2015-03-31/functions/f/invocations", { body: "x".repeat(6_291_457) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ Type: "User", message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation" });
    expect(big.headers.get("x-amzn-errortype")).toBe("RequestTooLargeException");
    const fine = await send("PUT", "/2015-03-31/functions/f/code", { body: JSON.stringify({ ZipFile: "A".repeat(3_000_000) }) });
    expect(fine.status).toBe(200);
  });

  it("makes GetFunction's Code.Location absolute on the request's host and serves the package there", async () => {
    const { send } = setup({
      GetFunction: () => ({ Configuration: {}, Code: { RepositoryType: "S3", Location: "/_stepwise/lambda/code/abc.zip" } }),
      StepwiseGetCodePackage: (input) => ({ ZipFile: new Uint8Array(Buffer.from(`zip ${input.Sha256 as string}`)) }),
    });
    const got = await send("GET", "/2015-03-31/functions/f", { headers: { host: "127.0.0.1:9999" } });
    expect(((await got.json()) as { Code: unknown }).Code).toEqual({ RepositoryType: "S3", Location: "http://127.0.0.1:9999/_stepwise/lambda/code/abc.zip" });
    const zip = await send("GET", "/_stepwise/lambda/code/abc.zip");
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(await zip.text()).toBe("zip abc.zip");
  });

  it("leaves unknown paths and methods to the app's 404, and serves CloudWatch Logs over awsJson1_1", async () => {
    const { send, app } = setup();
    expect((await send("PATCH", "/2015-03-31/functions/f")).status).toBe(404);
    expect((await send("GET", "/2015-03-31/nothing")).status).toBe(404);
    const logs = await app(new Request("http://localhost/", {
      method: "POST", body: "{}", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Logs_20140328.DescribeLogGroups" },
    }));
    expect(logs.status).toBe(200);
    expect(logs.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(await logs.json()).toEqual({ logGroups: [] });
  });
});
