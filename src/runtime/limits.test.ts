import { describe, it, expect, afterAll } from "vitest";
import { createFunctionRuntime } from "./index.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const sink = memorySink();
const runtime = createFunctionRuntime({ logSink: sink });
afterAll(async () => {
  await runtime.close();
  removeCodeDirs();
});

const COUNTER = "let n = 0;\nexports.handler = async (e) => { if (e.crash) process.exit(3); return ++n; };";

describe("timeouts, crashes and memory", () => {
  it("kills a sandbox that runs past its timeout and answers with AWS's timeout error", async () => {
    const fn = functionSpec({
      codeDir: codeDir({ "index.js": "let n = 0;\nexports.handler = async (e) => { n++; if (e.hang) await new Promise(() => setInterval(() => {}, 1000)); return n; };" }),
      timeoutSeconds: 1,
    });
    const warm = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(warm.payload).toBe("1");
    const started = Date.now();
    const timedOut = await runtime.invoke(fn, JSON.stringify({ hang: true }), { requestId: requestId() });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(timedOut.functionError).toBe("Unhandled");
    const body = JSON.parse(timedOut.payload);
    expect(body.errorType).toBe("Sandbox.Timedout");
    expect(body.errorMessage).toMatch(new RegExp(`^RequestId: ${timedOut.requestId} Error: Task timed out after 1\\.0\\d seconds$`));
    expect(timedOut.logTail).toMatch(/\d{4}-\d\d-\d\dT[\d:.]+Z \S+ Task timed out after 1\.0\d seconds\n/);
    expect(timedOut.logTail).toMatch(/REPORT RequestId: .*\tStatus: timeout\n$/);
    // The sandbox was replaced: the next call is a cold start with fresh module state.
    const after = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(after.payload).toBe("1");
    expect(after.initDurationMs).toBeGreaterThan(0);
  });

  it("reports a runtime that exits mid-invocation as Runtime.ExitError and replaces the sandbox", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": COUNTER }) });
    const bystander = functionSpec({ codeDir: codeDir({ "index.js": COUNTER }) });
    await runtime.invoke(fn, "{}", { requestId: requestId() });
    const [crashed, other] = await Promise.all([
      runtime.invoke(fn, JSON.stringify({ crash: true }), { requestId: requestId() }),
      runtime.invoke(bystander, "{}", { requestId: requestId() }),
    ]);
    expect(crashed.functionError).toBe("Unhandled");
    expect(JSON.parse(crashed.payload)).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${crashed.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(crashed.logTail).toContain(`RequestId: ${crashed.requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n`);
    expect(other.payload).toBe("1");
    const replaced = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(replaced.payload).toBe("1");
    expect(replaced.initDurationMs).toBeGreaterThan(0);
  });

  it("reports an unhandled rejection as Runtime.UnhandledPromiseRejection, then starts cold", async () => {
    const fn = functionSpec({
      codeDir: codeDir({
        "index.js": "exports.handler = async (e) => { if (e.reject) { Promise.reject(new Error('unhandled rej')); await new Promise((r) => setTimeout(r, 200)); } return 'ok'; };",
      }),
    });
    const result = await runtime.invoke(fn, JSON.stringify({ reject: true }), { requestId: requestId() });
    const body = JSON.parse(result.payload);
    expect(body).toMatchObject({ errorType: "Runtime.UnhandledPromiseRejection", errorMessage: "Error: unhandled rej" });
    expect(body.trace[0]).toBe("Runtime.UnhandledPromiseRejection: Error: unhandled rej");
    const next = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(next.payload).toBe('"ok"');
    expect(next.initDurationMs).toBeGreaterThan(0);
  });

  it("kills a sandbox that uses more than its memory size (Runtime.OutOfMemory)", async () => {
    const fn = functionSpec({
      codeDir: codeDir({ "index.js": "exports.handler = async (e) => { const b = Buffer.alloc(e.mb * 1024 * 1024, 1); await new Promise((r) => setTimeout(r, 2000)); return b.length; };" }),
      memorySize: 128,
      timeoutSeconds: 10,
    });
    const small = functionSpec({ ...fn, functionName: "small", functionArn: `${fn.functionArn}-small`, timeoutSeconds: 1 });
    const result = await runtime.invoke(fn, JSON.stringify({ mb: 300 }), { requestId: requestId() });
    expect(JSON.parse(result.payload)).toEqual({
      errorType: "Runtime.OutOfMemory",
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(result.durationMs).toBeLessThan(1_500);
    expect(result.maxMemoryUsedMB).toBeGreaterThan(128);
    const fine = await runtime.invoke({ ...small, timeoutSeconds: 5 }, JSON.stringify({ mb: 1 }), { requestId: requestId() });
    expect(fine.payload).toBe(String(1024 * 1024));
    expect(fine.maxMemoryUsedMB).toBeGreaterThan(10);
    expect(fine.maxMemoryUsedMB).toBeLessThan(128);
  });
});
