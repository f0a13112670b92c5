import { describe, it, expect, afterAll, beforeAll } from "vitest";
import { createFunctionRuntime, bubblewrapAvailable, type FunctionRuntime, type Isolation } from "./index.js";
import { join } from "node:path";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const isolations: Isolation[] = bubblewrapAvailable() ? ["bwrap", "none"] : ["none"];
afterAll(removeCodeDirs);

describe.each(isolations)("Node.js handlers (isolation: %s)", (isolation) => {
  const sink = memorySink();
  let runtime: FunctionRuntime;
  beforeAll(() => {
    runtime = createFunctionRuntime({ logSink: sink, isolation });
  });
  afterAll(() => runtime.close());

  const invoke = async (files: Record<string, string>, event: unknown, spec: Partial<Parameters<typeof functionSpec>[0]> = {}) => {
    const fn = functionSpec({ codeDir: codeDir(files), ...spec });
    const result = await runtime.invoke(fn, JSON.stringify(event), { requestId: requestId() });
    return { fn, result, body: JSON.parse(result.payload) as Record<string, unknown> };
  };

  it("runs a CommonJS async handler and returns its value as JSON", async () => {
    const { result, body } = await invoke({ "index.js": "exports.handler = async (event) => ({ doubled: event.n * 2 });" }, { n: 21 });
    expect(body).toEqual({ doubled: 42 });
    expect(result.functionError).toBeUndefined();
    expect(result.executedVersion).toBe("$LATEST");
  });

  it("runs ES module handlers (.mjs, and .js under \"type\": \"module\") in nested folders", async () => {
    const mjs = await invoke({ "src/app.mjs": "export const handler = async (e) => ({ kind: 'mjs', e });" }, 1, { handler: "src/app.handler" });
    expect(mjs.body).toEqual({ kind: "mjs", e: 1 });
    const typed = await invoke(
      { "package.json": '{"type":"module"}', "index.js": "import { sep } from 'node:path';\nexport async function handler() { return { sep }; }" },
      {},
    );
    expect(typed.body).toEqual({ sep: "/" });
  });

  it("supports callback handlers, waiting for the event loop unless told not to", async () => {
    const flags = await invoke(
      {
        "index.js": `const state = { late: false };
exports.handler = (e, ctx, cb) => {
  setTimeout(() => { state.late = true; }, 200);
  if (e.dontWait) ctx.callbackWaitsForEmptyEventLoop = false;
  cb(null, state);
};`,
      },
      { dontWait: true },
    );
    // Serialized at once: the timer had not fired yet.
    expect(flags.body).toEqual({ late: false });
    const waited = await invoke(
      { "index.js": "const state = { late: false };\nexports.handler = (e, ctx, cb) => { setTimeout(() => { state.late = true; }, 100); cb(null, 'x'); };" },
      {},
    );
    expect(waited.body).toBe("x");
    expect(waited.result.durationMs).toBeGreaterThanOrEqual(90);
  });

  it("supports legacy context.succeed/fail and sync handlers that never call back (null)", async () => {
    const succeed = await invoke({ "index.js": "exports.handler = (e, ctx) => { ctx.succeed({ legacy: true }); };" }, {});
    expect(succeed.body).toEqual({ legacy: true });
    const none = await invoke({ "index.js": "exports.handler = (e, ctx) => { };" }, {});
    expect(none.result.payload).toBe("null");
    const fail = await invoke({ "index.js": "exports.handler = (e, ctx) => { ctx.fail(new TypeError('nope')); };" }, {});
    expect(fail.result.functionError).toBe("Unhandled");
    expect(fail.body).toMatchObject({ errorType: "TypeError", errorMessage: "nope" });
  });

  it("gives the handler AWS's context", async () => {
    const { fn, result, body } = await invoke(
      {
        "index.js": `exports.handler = async (e, c) => ({
  awsRequestId: c.awsRequestId, functionName: c.functionName, functionVersion: c.functionVersion,
  invokedFunctionArn: c.invokedFunctionArn, memoryLimitInMB: c.memoryLimitInMB, logGroupName: c.logGroupName,
  logStreamName: c.logStreamName, remaining: c.getRemainingTimeInMillis(), waits: c.callbackWaitsForEmptyEventLoop,
  trace: process.env._X_AMZN_TRACE_ID, hasDone: typeof c.done, hasSucceed: typeof c.succeed, hasFail: typeof c.fail });`,
      },
      {},
      { memorySize: 256, timeoutSeconds: 7 },
    );
    expect(body).toMatchObject({
      awsRequestId: result.requestId,
      functionName: fn.functionName,
      functionVersion: "$LATEST",
      invokedFunctionArn: fn.functionArn,
      memoryLimitInMB: "256",
      logGroupName: `/aws/lambda/${fn.functionName}`,
      waits: true,
      hasDone: "function",
      hasSucceed: "function",
      hasFail: "function",
    });
    expect(body.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(body.remaining).toBeGreaterThan(6_000);
    expect(body.remaining).toBeLessThanOrEqual(7_000);
    expect(body.trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0/);
  });

  it("passes the client context and the invoked (qualified) ARN", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": "exports.handler = async (e, c) => ({ cc: c.clientContext, arn: c.invokedFunctionArn });" }) });
    const clientContext = Buffer.from(JSON.stringify({ custom: { k: "v" } })).toString("base64");
    const result = await runtime.invoke(fn, "{}", { requestId: requestId(), clientContext, invokedFunctionArn: `${fn.functionArn}:prod` });
    expect(JSON.parse(result.payload)).toEqual({ cc: { custom: { k: "v" } }, arn: `${fn.functionArn}:prod` });
  });

  it("sets Lambda's environment variables plus the function's own", async () => {
    const { fn, body } = await invoke(
      { "index.js": "exports.handler = async () => process.env;" },
      {},
      { environment: { GREETING: "hello", AWS_REGION: "ignored" }, region: "eu-west-1" },
    );
    expect(body).toMatchObject({
      GREETING: "hello",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
      _HANDLER: "index.handler",
      TZ: ":UTC",
      LANG: "en_US.UTF-8",
    });
    expect(body.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(body.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(body.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(body.AWS_SESSION_TOKEN).toBeTruthy();
    expect(body.LAMBDA_TASK_ROOT).toEqual(isolation === "bwrap" ? "/var/task" : expect.stringMatching(/\/task$/));
    expect(body.LAMBDA_RUNTIME_DIR).toBeTruthy();
    expect(String(body.PATH)).toContain("/usr/bin");
    expect(body.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("gives each function its own /tmp and its own copy of the code", async () => {
    const writer = await invoke(
      {
        "index.js": `const fs = require('fs'), os = require('os'), path = require('path');
exports.handler = async () => { fs.writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'mine');
  let codeWritable = true; try { fs.writeFileSync(path.join(process.env.LAMBDA_TASK_ROOT, 'x'), '1'); } catch { codeWritable = false; }
  return { tmp: os.tmpdir(), files: fs.readdirSync(os.tmpdir()), codeWritable }; };`,
      },
      {},
    );
    expect(writer.body.files).toContain("secret.txt");
    const reader = await invoke(
      { "index.js": "const fs = require('fs'), os = require('os');\nexports.handler = async () => ({ tmp: os.tmpdir(), files: fs.readdirSync(os.tmpdir()) });" },
      {},
    );
    expect(reader.body.files).not.toContain("secret.txt");
    if (isolation === "bwrap") {
      expect(reader.body.tmp).toBe("/tmp");
      expect(writer.body.codeWritable).toBe(false);
    } else expect(reader.body.tmp).not.toBe(writer.body.tmp);
  });

  it("serializes errors as AWS does: {errorType, errorMessage, trace}", async () => {
    const thrown = await invoke(
      { "index.js": "class CustomError extends Error { constructor(m) { super(m); this.name = 'CustomError'; } }\nexports.handler = async () => { throw new CustomError('boom'); };" },
      {},
    );
    expect(thrown.result.functionError).toBe("Unhandled");
    expect(thrown.body.errorType).toBe("CustomError");
    expect(thrown.body.errorMessage).toBe("boom");
    expect((thrown.body.trace as string[])[0]).toBe("CustomError: boom");
    expect((thrown.body.trace as string[])[1]).toMatch(/^ {4}at .*index\.js:2:\d+/);
    const text = await invoke({ "index.js": "exports.handler = async () => { throw 'plain string'; };" }, {});
    expect(text.body).toEqual({ errorType: "string", errorMessage: "plain string", trace: [] });
    const callback = await invoke({ "index.js": "exports.handler = (e, c, cb) => cb(new RangeError('cb'));" }, {});
    expect(callback.body).toMatchObject({ errorType: "RangeError", errorMessage: "cb" });
    expect(thrown.result.logTail).toContain("\tERROR\tInvoke Error \t");
    // Its name travels in a header too: a line break or a character beyond Latin-1 must not break the call.
    const named = await invoke({ "index.js": "exports.handler = async () => { const e = new Error('odd'); e.name = 'Bad\\r\\nName€'; throw e; };" }, {});
    expect(named.body).toMatchObject({ errorType: "Bad\r\nName€", errorMessage: "odd" });
  });

  it("carries events and results of several MB over its kept-alive connection; an oversized result is Function.ResponseSizeTooLarge", async () => {
    const fn = functionSpec({
      codeDir: codeDir({ "index.js": "exports.handler = async (e) => (e.grow ? e.text.repeat(e.grow) : { length: e.text.length, main: require.main === undefined });" }),
      memorySize: 512,
    });
    const text = "é".repeat(2_500_000);
    const big = await runtime.invoke(fn, JSON.stringify({ text }), { requestId: requestId() });
    expect(JSON.parse(big.payload)).toEqual({ length: text.length, main: true });
    const large = await runtime.invoke(fn, JSON.stringify({ text: "ab", grow: 1_500_000 }), { requestId: requestId() });
    expect(JSON.parse(large.payload)).toBe("ab".repeat(1_500_000));
    const tooLarge = await runtime.invoke(fn, JSON.stringify({ text: "abc", grow: 2_200_000 }), { requestId: requestId() });
    expect(tooLarge.functionError).toBe("Unhandled");
    expect(JSON.parse(tooLarge.payload)).toEqual({ errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." });
    const after = await runtime.invoke(fn, JSON.stringify({ text: "still warm" }), { requestId: requestId() });
    expect(JSON.parse(after.payload)).toEqual({ length: 10, main: true });
    expect(after.initDurationMs).toBeUndefined();
  });

  it("reports init errors with AWS's types", async () => {
    const notFound = await invoke({ "index.js": "exports.other = async () => 1;" }, {});
    expect(notFound.result.functionError).toBe("Unhandled");
    expect(notFound.body).toMatchObject({ errorType: "Runtime.HandlerNotFound", errorMessage: "index.handler is undefined or not exported" });
    const missing = await invoke({ "other.js": "" }, {});
    expect(missing.body.errorType).toBe("Runtime.ImportModuleError");
    expect(missing.body.errorMessage).toMatch(/^Error: Cannot find module 'index'/);
    const syntax = await invoke({ "index.js": "exports.handler = async () => {" }, {});
    expect(syntax.body.errorType).toBe("Runtime.UserCodeSyntaxError");
    expect(syntax.body.errorMessage).toMatch(/^SyntaxError: /);
    const dependency = await invoke({ "index.js": "require('no-such-package'); exports.handler = async () => 1;" }, {});
    expect(dependency.body.errorType).toBe("Runtime.ImportModuleError");
    expect(dependency.body.errorMessage).toContain("no-such-package");
    const malformed = await invoke({ "index.js": "" }, {}, { handler: "index" });
    expect(malformed.body.errorType).toBe("Runtime.MalformedHandlerName");
    expect(syntax.result.initDurationMs).toBeGreaterThan(0);
  });
});

describe.runIf(bubblewrapAvailable())("Node.js handlers under bubblewrap with hidden paths", () => {
  it("sees its package at /var/task even when the package lies in a hidden folder (the server's data directory), and nothing else there", async () => {
    const data = codeDir({ "secret.txt": "not for functions", "functions/abc/index.js": "const fs = require('fs');\nexports.handler = async () => ({ task: process.cwd(), files: fs.readdirSync('/var/task'), secret: fs.existsSync(process.env.DATA_DIR + '/secret.txt') });" });
    const runtime = createFunctionRuntime({ logSink: memorySink(), isolation: "bwrap", hidePaths: [data], prestart: false });
    try {
      const fn = functionSpec({ codeDir: join(data, "functions", "abc"), environment: { DATA_DIR: data } });
      const result = await runtime.invoke(fn, "{}", { requestId: requestId() });
      expect(JSON.parse(result.payload)).toEqual({ task: "/var/task", files: ["index.js"], secret: false });
    } finally {
      await runtime.close();
    }
  });
});
