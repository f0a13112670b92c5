import { describe, it, expect, afterEach } from "vitest";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { OperationTable } from "../services/index.js";
import { createApp } from "./app.js";
import { startServer, type RunningServer } from "./node-server.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(states: OperationTable, options: { maxBodyBytes?: number; drainTimeoutMs?: number } = {}) {
  const app = createApp({ services: { states }, ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}) });
  const server = await startServer(app, { host: "127.0.0.1", port: 0, ...(options.drainTimeoutMs ? { drainTimeoutMs: options.drainTimeoutMs } : {}) });
  servers.push(server);
  return server;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, op: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method: "POST", path: "/", headers: { "x-amz-target": `AWSStepFunctions.${op}`, "content-type": "application/x-amz-json-1.0", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("startServer", () => {
  it("serves the app on a random port and reports its URL", async () => {
    const server = await start({ Echo: async (input) => ({ got: input }) });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await send(server.port, "Echo", JSON.stringify({ a: [1, "ü"] }));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(res.body)).toEqual({ got: { a: [1, "ü"] } });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const head = await fetch(`${server.url}/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("serves requests whose Host is sync-localhost (the SDK's and CLI's sync- host prefix)", async () => {
    const server = await start({ StartSyncExecution: async () => ({ status: "SUCCEEDED" }) });
    const res = await send(server.port, "StartSyncExecution", "{}", { host: `sync-localhost:${server.port}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "SUCCEEDED" });
  });

  it("answers 413 to an oversized body and the client still reads the answer", async () => {
    let called = false;
    const server = await start({ Echo: async () => ((called = true), {}) }, { maxBodyBytes: 64 * 1024 });
    const big = Buffer.from(JSON.stringify({ input: "x".repeat(1024 * 1024) }));
    const res = await send(server.port, "Echo", big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ __type: "RequestEntityTooLargeException" });
    expect(called).toBe(false);
    // The connection is still usable afterwards for new requests.
    expect((await send(server.port, "Echo", "{}")).status).toBe(200);
  });

  it("answers 413 to a chunked body (no Content-Length) over the limit, counting as it arrives", async () => {
    let called = false;
    const server = await start({ Echo: async () => ((called = true), {}) }, { maxBodyBytes: 1024 });
    const res = await new Promise<Raw>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: server.port, method: "POST", path: "/", headers: { "x-amz-target": "AWSStepFunctions.Echo", "transfer-encoding": "chunked" } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks).toString() }));
      });
      req.on("error", reject);
      for (let i = 0; i < 10; i++) req.write("x".repeat(500));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ __type: "RequestEntityTooLargeException" });
    expect(called).toBe(false);
    expect((await send(server.port, "Echo", "{}")).status).toBe(200);
  });

  it("survives a client that disconnects in the middle of a body", async () => {
    const server = await start({ Echo: async () => ({}) });
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Echo\r\nContent-Length: 1000\r\n\r\n{\"a\":");
        setTimeout(() => { socket.destroy(); resolve(); }, 50);
      });
    });
    expect((await send(server.port, "Echo", "{}")).status).toBe(200);
  });

  it("close() stops accepting and waits for in-flight requests", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const server = await start({ Slow: async () => { started(); await gate; return { done: true }; } });
    const inFlight = send(server.port, "Slow", "{}");
    await running;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    await expect(send(server.port, "Slow", "{}")).rejects.toThrow(/ECONNREFUSED/);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
  });

  it("close() gives up on requests that outlast the drain timeout", async () => {
    const server = await start({ Never: () => new Promise(() => undefined) }, { drainTimeoutMs: 100 });
    const inFlight = send(server.port, "Never", "{}").catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 30));
    const t0 = Date.now();
    await server.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await inFlight).toBeInstanceOf(Error);
  });

  it("close() aborts the signal of requests in flight, so long polls answer at once", async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const server = await start({
      Poll: async (_input, call) => {
        started();
        await new Promise<void>((resolve) => call.signal!.addEventListener("abort", () => resolve(), { once: true }));
        return { stopped: true };
      },
    }, { drainTimeoutMs: 10_000 });
    const inFlight = send(server.port, "Poll", "{}");
    await running;
    const t0 = Date.now();
    await server.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ stopped: true });
  });

  it("aborts a request's signal when its client goes away, and not when it is answered", async () => {
    const signals: AbortSignal[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let aborted!: () => void;
    const abortSeen = new Promise<void>((r) => (aborted = r));
    const server = await start({
      Poll: async (_input, call) => {
        signals.push(call.signal!);
        started();
        await new Promise<void>((resolve) => call.signal!.addEventListener("abort", () => (aborted(), resolve()), { once: true }));
        return {};
      },
      Echo: async (_input, call) => (signals.push(call.signal!), {}),
    });
    const socket = connect(server.port, "127.0.0.1", () => {
      socket.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.Poll\r\nContent-Length: 2\r\n\r\n{}");
    });
    await running;
    socket.destroy();
    await abortSeen;
    expect(signals[0]!.aborted).toBe(true);
    expect((await send(server.port, "Echo", "{}")).status).toBe(200);
    expect(signals[1]!.aborted).toBe(false);
  });

  it("routes POST /?query like POST /, answers 404 to other paths, and HEAD /health without a body", async () => {
    const server = await start({ Echo: async (input) => ({ got: input }) });
    const query = await fetch(`${server.url}/?a=1`, { method: "POST", headers: { "x-amz-target": "AWSStepFunctions.Echo" }, body: "{\"b\":2}" });
    expect([query.status, await query.json()]).toEqual([200, { got: { b: 2 } }]);
    const other = await fetch(`${server.url}/somewhere`, { method: "POST", body: "x".repeat(10_000) });
    expect(other.status).toBe(404);
    expect(other.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(await other.json()).toMatchObject({ __type: "UnknownOperationException", message: "No operation for POST /somewhere" });
    const head = await fetch(`${server.url}/health`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(JSON.stringify({ status: "ok" }))));
    expect(await head.text()).toBe("");
  });

  it("answers a response node:http refuses to send (a header value with a newline) with a logged 500", async () => {
    const errors: string[] = [];
    const app = createApp({
      services: { states: {}, lambda: { Invoke: async () => ({ StatusCode: 200, FunctionError: "bad\nvalue", Payload: "{}" }) } },
    });
    const server = await startServer(app, { host: "127.0.0.1", port: 0, logger: { info: () => undefined, error: (m) => errors.push(m) } });
    servers.push(server);
    const res = await fetch(`${server.url}/2015-03-31/functions/f/invocations`, { method: "POST", body: "{}" });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ __type: "InternalFailure" });
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(errors).toHaveLength(1);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it("refuses to start on a port in use", async () => {
    const server = await start({});
    const app = createApp({ services: { states: {} } });
    await expect(startServer(app, { host: "127.0.0.1", port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
