import { describe, it, expect } from "vitest";
import { ServiceError, type CallContext, type OperationTable } from "../services/index.js";
import { createApp, type AppOptions } from "./app.js";
import type { Logger } from "./logger.js";
import { webApp } from "./test-support.js";

const TARGET = "AWSStepFunctions.";
const JSON_1_0 = "application/x-amz-json-1.0";

interface Call {
  readonly op: string;
  readonly input: Record<string, unknown>;
  readonly call: CallContext;
}

function fakeStates(calls: Call[]): OperationTable {
  return {
    DescribeExecution: async (input, call) => {
      calls.push({ op: "DescribeExecution", input, call });
      if (input["executionArn"] === "missing") {
        throw new ServiceError("ExecutionDoesNotExist", "Execution Does Not Exist: 'missing'");
      }
      return { executionArn: input["executionArn"], status: "SUCCEEDED", startDate: 1700000000.123 };
    },
    ListStateMachines: async (input, call) => {
      calls.push({ op: "ListStateMachines", input, call });
      return { stateMachines: [] };
    },
    StartExecution: async (input, call) => {
      calls.push({ op: "StartExecution", input, call });
      throw new ServiceError("ValidationException", "1 validation error detected", 400, { reason: "MISSING_REQUIRED_PARAMETER" });
    },
    StopExecution: async () => {
      throw new TypeError("boom");
    },
  };
}

function setup(options: Partial<AppOptions> = {}) {
  const calls: Call[] = [];
  const logged: { message: string; error: unknown }[] = [];
  const logger: Logger = { info: () => undefined, error: (message, error) => logged.push({ message, error }) };
  let n = 0;
  const app = webApp(createApp({ services: { states: fakeStates(calls) }, logger, requestId: () => `req-${++n}`, ...options }));
  return { app, calls, logged };
}

function post(op: string | undefined, body: string | undefined, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost:8083/", {
    method: "POST",
    headers: { "content-type": JSON_1_0, ...(op === undefined ? {} : { "x-amz-target": `${TARGET}${op}` }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

describe("awsJson1_0 success responses", () => {
  it("calls the operation with the parsed body and answers 200 JSON with a request id", async () => {
    const { app, calls } = setup();
    const res = await app(post("DescribeExecution", JSON.stringify({ executionArn: "arn:x" })));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(JSON_1_0);
    expect(res.headers.get("x-amzn-requestid")).toBe("req-1");
    expect(await res.json()).toEqual({ executionArn: "arn:x", status: "SUCCEEDED", startDate: 1700000000.123 });
    expect(calls).toEqual([{ op: "DescribeExecution", input: { executionArn: "arn:x" }, call: { accountId: "123456789012", region: "us-east-1", requestId: "req-1", signal: expect.any(AbortSignal) } }]);
  });

  it.each([[undefined], [""], ["  \n"]])("treats an empty body (%j) as {}", async (body) => {
    const { app, calls } = setup();
    const res = await app(post("ListStateMachines", body));
    expect(res.status).toBe(200);
    expect(calls[0]?.input).toEqual({});
  });

  it.each([[undefined], ["application/json"], ["text/plain"], ["application/x-amz-json-1.1"]])(
    "accepts content type %j leniently", async (contentType) => {
      const { app } = setup();
      const request = new Request("http://localhost/", {
        method: "POST",
        headers: { "x-amz-target": `${TARGET}ListStateMachines`, ...(contentType ? { "content-type": contentType } : {}) },
        body: "{}",
      });
      expect((await app(request)).status).toBe(200);
    });

  it("never looks at the Host: sync-localhost works like any other", async () => {
    const { app } = setup();
    const request = new Request("http://sync-localhost:8083/", { method: "POST", headers: { "x-amz-target": `${TARGET}ListStateMachines`, host: "sync-localhost:8083" }, body: "{}" });
    expect((await app(request)).status).toBe(200);
  });
});

describe("call context", () => {
  const auth = (scope: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=abcd` });

  it("takes the region from the SigV4 credential scope", async () => {
    const { app, calls } = setup();
    await app(post("ListStateMachines", "{}", auth("AKID/20240101/eu-central-1/states/aws4_request")));
    expect(calls[0]?.call).toEqual({ accountId: "123456789012", region: "eu-central-1", requestId: "req-1", signal: expect.any(AbortSignal) });
  });

  it("passes the request's signal, so operations can stop when the request ends", async () => {
    const { app, calls } = setup();
    const lifetime = new AbortController();
    const request = new Request("http://localhost/", {
      method: "POST", headers: { "x-amz-target": `${TARGET}ListStateMachines` }, body: "{}", signal: lifetime.signal,
    });
    await app(request);
    expect(calls[0]?.call.signal?.aborted).toBe(false);
    lifetime.abort();
    expect(calls[0]?.call.signal?.aborted).toBe(true);
  });

  it("falls back to the configured region and account without (usable) credentials", async () => {
    const { app, calls } = setup({ region: "ap-northeast-1", accountId: "000000000000" });
    await app(post("ListStateMachines", "{}"));
    await app(post("ListStateMachines", "{}", { authorization: "garbage" }));
    await app(post("ListStateMachines", "{}", auth("AKID/20240101/eu-west-1/lambda/aws4_request")));
    expect(calls.map((c) => c.call.region)).toEqual(["ap-northeast-1", "ap-northeast-1", "ap-northeast-1"]);
    expect(calls.every((c) => c.call.accountId === "000000000000")).toBe(true);
  });
});

describe("errors", () => {
  async function errorOf(res: Response) {
    return { status: res.status, type: res.headers.get("x-amzn-errortype"), contentType: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
  }

  it("serialises a ServiceError as {__type, message, ...fields} with its status", async () => {
    const { app } = setup();
    expect(await errorOf(await app(post("DescribeExecution", JSON.stringify({ executionArn: "missing" }))))).toEqual({
      status: 400, type: "ExecutionDoesNotExist", contentType: JSON_1_0,
      body: { __type: "ExecutionDoesNotExist", message: "Execution Does Not Exist: 'missing'" },
    });
    expect((await errorOf(await app(post("StartExecution", "{}")))).body).toEqual({
      __type: "ValidationException", message: "1 validation error detected", reason: "MISSING_REQUIRED_PARAMETER",
    });
  });

  it.each([["{"], ["{\"a\":}"], ["nul"], ["[1,2]"], ["\"text\""], ["42"], ["null"]])(
    "answers SerializationException to the body %j", async (body) => {
      const { app, calls } = setup();
      const error = await errorOf(await app(post("ListStateMachines", body)));
      expect(error).toMatchObject({ status: 400, type: "SerializationException", body: { __type: "SerializationException" } });
      expect(typeof error.body.message).toBe("string");
      expect(calls).toEqual([]);
    });

  it.each([["NoSuchOperation"], ["constructor"], ["__proto__"], ["toString"], [""]])("answers UnknownOperationException to %j", async (op) => {
    const { app } = setup();
    expect(await errorOf(await app(post(op, "{}")))).toMatchObject({ status: 400, type: "UnknownOperationException" });
  });

  it("answers UnknownOperationException to a missing or foreign X-Amz-Target", async () => {
    const { app } = setup();
    const missing = await errorOf(await app(post(undefined, "{}")));
    expect(missing).toMatchObject({ status: 400, type: "UnknownOperationException", body: { message: "Missing the X-Amz-Target header" } });
    const foreign = await errorOf(await app(post(undefined, "{}", { "x-amz-target": "DynamoDB_20120810.ListTables" })));
    expect(foreign).toMatchObject({ status: 400, type: "UnknownOperationException" });
  });

  it("answers 404 to other paths and methods", async () => {
    const { app } = setup();
    const res = await app(new Request("http://localhost/2015-03-31/functions", { method: "GET" }));
    expect(await errorOf(res)).toMatchObject({ status: 404, type: "UnknownOperationException" });
    const get = await app(new Request("http://localhost/", { method: "GET", headers: { "x-amz-target": `${TARGET}ListStateMachines` } }));
    expect(get.status).toBe(404);
  });

  it("refuses a body whose Content-Length is over the limit with 413", async () => {
    const { app, calls } = setup({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ executionArn: "x".repeat(2000) });
    const announced = await errorOf(await app(post("DescribeExecution", big)));
    expect(announced).toMatchObject({ status: 413, type: "RequestEntityTooLargeException", body: { __type: "RequestEntityTooLargeException" } });
    // A body without Content-Length is counted as it arrives (see node-server.test.ts: a chunked body).
    expect(calls).toEqual([]);
    // At the limit it passes.
    const { app: roomy } = setup({ maxBodyBytes: Buffer.byteLength(big) });
    expect((await roomy(post("DescribeExecution", big))).status).toBe(200);
  });

  it("turns an unexpected exception into a logged 500 InternalFailure", async () => {
    const { app, logged } = setup();
    const error = await errorOf(await app(post("StopExecution", "{}")));
    expect(error).toMatchObject({ status: 500, type: "InternalFailure", body: { __type: "InternalFailure" } });
    expect(JSON.stringify(error.body)).not.toContain("boom");
    expect(logged).toHaveLength(1);
    expect((logged[0]?.error as Error).message).toBe("boom");
  });

  it("does not let fields override __type and message", async () => {
    const app = webApp(createApp({
      services: { states: { X: async () => { throw new ServiceError("A", "real", 400, { __type: "B", message: "fake", extra: "e" }); } } },
    }));
    expect(await (await app(post("X", "{}"))).json()).toEqual({ __type: "A", message: "real", extra: "e" });
  });
});

describe("health", () => {
  it("answers GET /health with 200", async () => {
    const { app } = setup();
    const res = await app(new Request("http://localhost/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
