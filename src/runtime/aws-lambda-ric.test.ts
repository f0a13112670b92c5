/**
 * The acceptance test of our Runtime API: AWS's own Node runtime interface client (npm `aws-lambda-ric`,
 * whose native client is aws-lambda-cpp over libcurl) runs as a provided function's bootstrap.
 * Locally it is skipped, with the reason printed, when the package's native addon was not built;
 * under CI=true it always runs.
 */
import { describe, it, expect, afterAll } from "vitest";
import { cpSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createFunctionRuntime, bubblewrapAvailable, type Isolation } from "./index.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const RIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../node_modules/aws-lambda-ric");
const RIC_BIN = join(RIC_DIR, "bin/index.mjs");
const built = existsSync(RIC_BIN) && existsSync(join(RIC_DIR, "dist/rapid-client.node"));
const mustRun = process.env.CI === "true";
if (!built && !mustRun) {
  console.warn(
    `skipping the aws-lambda-ric acceptance test: ${RIC_DIR} is missing or its native addon was not built ` +
      "(npm install builds it with cmake, autoconf, automake and libtool: apt-get install -y cmake autoconf automake libtool)",
  );
}

/**
 * The bootstrap a custom runtime built on the RIC uses: `aws-lambda-ric <handler>` with cwd = the task
 * root. The RIC ships inside the function package (as it would on AWS): under bubblewrap the sandbox
 * must not depend on host paths that may sit in its private /tmp.
 */
const BOOTSTRAP = `#!/bin/sh\nexec "${process.execPath}" "$LAMBDA_TASK_ROOT/ric/bin/index.mjs" "$_HANDLER"\n`;

/** The RIC's runtime files (bin, dist with the native addon, package.json), copied into the package. */
function withRic(dir: string): string {
  for (const part of ["bin", "dist", "package.json"]) cpSync(join(RIC_DIR, part), join(dir, "ric", part), { recursive: true });
  return dir;
}

const HANDLERS = `
class CustomError extends Error { constructor(m) { super(m); this.name = "CustomError"; } }
let count = 0;
exports.hello = async (event, context) => {
  count++;
  console.log("hello from the RIC", event.name);
  return { greeting: "hello " + event.name, count, requestId: context.awsRequestId, functionName: context.functionName,
    memory: context.memoryLimitInMB, arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() };
};
exports.fails = async () => { throw new CustomError("boom"); };
exports.callback = (event, context, callback) => { setTimeout(() => callback(null, { viaCallback: event }), 20); };
`;

const isolations: Isolation[] = bubblewrapAvailable() ? ["bwrap", "none"] : ["none"];
afterAll(removeCodeDirs);

describe.skipIf(!built && !mustRun).each(isolations)("AWS's runtime interface client (aws-lambda-ric) against our Runtime API (isolation: %s)", (isolation) => {
  const sink = memorySink();
  const runtime = createFunctionRuntime({ logSink: sink, isolation });
  afterAll(() => runtime.close());

  const code = built ? withRic(codeDir({ "!bootstrap": BOOTSTRAP, "index.js": HANDLERS })) : codeDir({});
  const spec = (handler: string) => functionSpec({ codeDir: code, runtime: "provided.al2023", handler, timeoutSeconds: 10, functionName: `ric-${handler.split(".")[1]}` });

  it("is installed and built (npm install aws-lambda-ric needs cmake and autotools)", () => {
    expect(built, `${RIC_DIR}/dist/rapid-client.node is missing`).toBe(true);
  });

  it("receives the event and context, and its response comes back; warm calls reuse the process", async () => {
    const fn = spec("index.hello");
    const first = await runtime.invoke(fn, JSON.stringify({ name: "ric" }), { requestId: requestId() });
    expect(first.functionError).toBeUndefined();
    expect(JSON.parse(first.payload)).toMatchObject({
      greeting: "hello ric",
      count: 1,
      requestId: first.requestId,
      functionName: fn.functionName,
      memory: "128",
      arn: fn.functionArn,
    });
    expect(JSON.parse(first.payload).remaining).toBeGreaterThan(8_000);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(first.logTail).toMatch(new RegExp(`\\t${first.requestId}\\tINFO\\thello from the RIC ric\\n`));
    const second = await runtime.invoke(fn, JSON.stringify({ name: "again" }), { requestId: requestId() });
    expect(JSON.parse(second.payload)).toMatchObject({ greeting: "hello again", count: 2 });
    expect(second.initDurationMs).toBeUndefined();
  });

  it("reports a thrown error with the type from the body (the RIC sends no error-type header)", async () => {
    const result = await runtime.invoke(spec("index.fails"), "{}", { requestId: requestId() });
    expect(result.functionError).toBe("Unhandled");
    const body = JSON.parse(result.payload);
    expect(body).toMatchObject({ errorType: "CustomError", errorMessage: "boom" });
    expect(body.trace[0]).toBe("CustomError: boom");
  });

  it("runs callback handlers", async () => {
    const result = await runtime.invoke(spec("index.callback"), JSON.stringify([1]), { requestId: requestId() });
    expect(JSON.parse(result.payload)).toEqual({ viaCallback: [1] });
  });

  it("reports init errors posted to /init/error", async () => {
    const result = await runtime.invoke(spec("index.missing"), "{}", { requestId: requestId() });
    expect(result.functionError).toBe("Unhandled");
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: "Runtime.HandlerNotFound", errorMessage: "index.missing is undefined or not exported" });
  });
});
