import { describe, it, expect, afterAll } from "vitest";
import { createFunctionRuntime, TooManyRequests, type FunctionRuntime } from "./index.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

afterAll(removeCodeDirs);

/** Each sandbox has its own id (module state) and counts its invocations. */
const SANDBOX_ID = `const id = Math.random().toString(36).slice(2); let n = 0;
exports.handler = async (e) => { n++; if (e.sleep) await new Promise((r) => setTimeout(r, e.sleep)); return { id, n }; };`;

const call = async (runtime: FunctionRuntime, spec: ReturnType<typeof functionSpec>, event: unknown = {}) => {
  const result = await runtime.invoke(spec, JSON.stringify(event), { requestId: requestId() });
  return { ...result, body: JSON.parse(result.payload) as { id: string; n: number } };
};

describe("warm pool", () => {
  const runtime = createFunctionRuntime({ logSink: memorySink() });
  afterAll(() => runtime.close());

  it("reuses a warm sandbox: the second call has no init duration and keeps module state", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
    const first = await call(runtime, fn);
    const second = await call(runtime, fn);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
    expect(second.body).toEqual({ id: first.body.id, n: 2 });
  });

  it("starts more sandboxes when invocations overlap, then reuses them", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
    const overlapping = await Promise.all([1, 2, 3].map(() => call(runtime, fn, { sleep: 300 })));
    expect(new Set(overlapping.map((r) => r.body.id)).size).toBe(3);
    expect(overlapping.every((r) => r.initDurationMs !== undefined)).toBe(true);
    const again = await call(runtime, fn);
    expect(overlapping.map((r) => r.body.id)).toContain(again.body.id);
    expect(again.initDurationMs).toBeUndefined();
  });

  it("throttles beyond reserved concurrency with TooManyRequests", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }), reservedConcurrency: 2 });
    const running = [call(runtime, fn, { sleep: 400 }), call(runtime, fn, { sleep: 400 })];
    await expect(call(runtime, fn)).rejects.toThrow(TooManyRequests);
    await expect(call(runtime, fn)).rejects.toMatchObject({ reason: "ReservedFunctionConcurrentInvocationLimitExceeded", message: "Rate Exceeded." });
    await Promise.all(running);
    expect((await call(runtime, fn)).body.n).toBeGreaterThan(1);
    const throttled = functionSpec({ codeDir: fn.codeDir, reservedConcurrency: 0 });
    await expect(call(runtime, throttled)).rejects.toThrow(TooManyRequests);
  });

  it("starts a new sandbox for a new revision and stops the stale ones", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
    const old = await call(runtime, fn);
    const revised = await call(runtime, { ...fn, revisionId: "r2" });
    expect(revised.initDurationMs).toBeGreaterThan(0);
    expect(revised.body.id).not.toBe(old.body.id);
    const published = await call(runtime, { ...fn, version: "1" });
    expect(published.executedVersion).toBe("1");
    expect(published.body.id).not.toBe(revised.body.id);
  });

  it("evict stops a function's warm sandboxes", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
    const before = await call(runtime, fn);
    await runtime.evict(fn.functionArn);
    const after = await call(runtime, fn);
    expect(after.initDurationMs).toBeGreaterThan(0);
    expect(after.body.id).not.toBe(before.body.id);
  });
});

describe("limits of the pool", () => {
  it("throttles beyond the account's concurrency", async () => {
    const runtime = createFunctionRuntime({ logSink: memorySink(), accountConcurrency: 1, prestart: false });
    try {
      const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
      const other = functionSpec({ codeDir: fn.codeDir });
      const running = call(runtime, fn, { sleep: 300 });
      await expect(call(runtime, other)).rejects.toMatchObject({ name: "TooManyRequestsException", reason: "ConcurrentInvocationLimitExceeded" });
      await running;
    } finally {
      await runtime.close();
    }
  });

  it("reaps idle sandboxes after idleTimeoutMs", async () => {
    const runtime = createFunctionRuntime({ logSink: memorySink(), idleTimeoutMs: 150, prestart: false });
    try {
      const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
      const first = await call(runtime, fn);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = await call(runtime, fn);
      expect(second.initDurationMs).toBeGreaterThan(0);
      expect(second.body.id).not.toBe(first.body.id);
    } finally {
      await runtime.close();
    }
  });

  it("stops the least recently used idle sandbox to stay under maxSandboxes", async () => {
    const runtime = createFunctionRuntime({ logSink: memorySink(), maxSandboxes: 1, prestart: false });
    try {
      const a = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
      const b = functionSpec({ codeDir: a.codeDir });
      const firstA = await call(runtime, a);
      await call(runtime, b);
      const secondA = await call(runtime, a);
      expect(secondA.body.id).not.toBe(firstA.body.id);
      const running = call(runtime, b, { sleep: 300 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(call(runtime, a)).rejects.toThrow(TooManyRequests);
      await running;
    } finally {
      await runtime.close();
    }
  });

  const PROCESS_AGE = {
    node: { runtime: "nodejs20.x", handler: "index.handler", files: { "index.js": "exports.handler = async () => ({ uptimeMs: process.uptime() * 1000 });" } },
    python: {
      runtime: "python3.12",
      handler: "app.handler",
      files: {
        "app.py": `import os, time
def handler(e, c):
    started = int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    return {"uptimeMs": (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000}
`,
      },
    },
  };

  it.each(Object.keys(PROCESS_AGE) as (keyof typeof PROCESS_AGE)[])("cold-starts from a pre-started %s runtime once one is ready", async (kind) => {
    const runtime = createFunctionRuntime({ logSink: memorySink() });
    try {
      const { files, ...spec } = PROCESS_AGE[kind];
      const code = codeDir(files);
      await runtime.invoke(functionSpec({ codeDir: code, ...spec }), "{}", { requestId: requestId() });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const prestarted = await runtime.invoke(functionSpec({ codeDir: code, ...spec }), "{}", { requestId: requestId() });
      expect(prestarted.functionError).toBeUndefined();
      expect(prestarted.initDurationMs).toBeGreaterThan(0);
      // The process was started before this function existed: it is older than the wait.
      expect(JSON.parse(prestarted.payload).uptimeMs).toBeGreaterThan(900);
    } finally {
      await runtime.close();
    }
  });

  it("close() fails invocations in progress and stops every sandbox", async () => {
    const runtime = createFunctionRuntime({ logSink: memorySink(), prestart: false });
    const fn = functionSpec({ codeDir: codeDir({ "index.js": SANDBOX_ID }) });
    const running = call(runtime, fn, { sleep: 5_000 });
    running.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await runtime.close();
    await expect(running).rejects.toThrow(/closed/);
    await expect(call(runtime, fn)).rejects.toThrow(/closed/);
  });
});
