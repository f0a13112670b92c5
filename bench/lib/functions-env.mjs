/**
 * @module The functions section's setting: the built function runtime (dist/runtime createFunctionRuntime),
 * echo handlers for Node.js and Python written to temp code folders, specs to invoke them, and one
 * timed invocation with its report's durationMs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { ROOT, importFile } from "./paths.mjs";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const PAYLOAD = JSON.stringify({ hello: "world", n: 42, items: [1, 2, 3] });

/** An echo handler per runtime: returns its event. */
export const RUNTIMES = {
  nodejs: { runtime: "nodejs20.x", handler: "index.handler", files: { "index.js": "exports.handler = async (event) => event;\n" } },
  python: { runtime: "python3.12", handler: "handler.handler", files: { "handler.py": "def handler(event, context):\n    return event\n" } },
};

/** Writes the runtime's handler into a new temp folder; returns `{ dir, remove }`. */
export function writeCode(kind) {
  const dir = mkdtempSync(join(tmpdir(), `stepwise-bench-fn-${kind}-`));
  for (const [name, content] of Object.entries(RUNTIMES[kind].files)) writeFileSync(join(dir, name), content);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A FunctionSpec (shape of src/runtime/types.ts) for `kind`'s echo handler. */
export function spec(kind, codeDir, functionName, revisionId = "r1") {
  return {
    functionName,
    functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    version: "$LATEST",
    runtime: RUNTIMES[kind].runtime,
    handler: RUNTIMES[kind].handler,
    codeDir,
    revisionId,
    memorySize: 128,
    timeoutSeconds: 10,
    environment: {},
    region: REGION,
    accountId: ACCOUNT,
    reservedConcurrency: undefined,
  };
}

/** `$STEPWISE_BENCH_ISOLATION` (auto, bwrap or none; default auto, as createFunctionRuntime's). */
export function isolationOption() {
  const value = process.env.STEPWISE_BENCH_ISOLATION ?? "auto";
  if (!["auto", "bwrap", "none"].includes(value)) throw new Error(`STEPWISE_BENCH_ISOLATION must be auto, bwrap or none (got ${value})`);
  return value;
}

/** How sandboxes are isolated in this run: "bwrap" or "none" (what "auto" resolves to here). */
export async function isolationInEffect() {
  const { bubblewrapAvailable } = await importFile(join(ROOT, "dist", "runtime", "index.js"));
  const option = isolationOption();
  return option === "auto" ? (bubblewrapAvailable() ? "bwrap" : "none") : option;
}

/** A runtime on the built package; logs are counted, not kept. */
export async function startRuntime({ prestart }) {
  const { createFunctionRuntime } = await importFile(join(ROOT, "dist", "runtime", "index.js"));
  const tmpRoot = mkdtempSync(join(tmpdir(), "stepwise-bench-lambda-"));
  let logEvents = 0;
  const runtime = createFunctionRuntime({ logSink: { append: (_g, _s, events) => void (logEvents += events.length) }, tmpRoot, prestart, isolation: isolationOption() });
  return {
    runtime,
    logEvents: () => logEvents,
    close: async () => {
      await runtime.close();
      rmSync(tmpRoot, { recursive: true, force: true });
    },
  };
}

/** One invocation, timed: `{ ms, result }`. */
export async function timedInvoke(runtime, fnSpec, payload = PAYLOAD) {
  const s = performance.now();
  const result = await runtime.invoke(fnSpec, payload, { requestId: randomUUID() });
  return { ms: performance.now() - s, result };
}

/** A problem string when the echo did not come back, else undefined. */
export function checkEcho(result, payload = PAYLOAD) {
  if (result.functionError) return `function error: ${result.payload.slice(0, 200)}`;
  try {
    return JSON.stringify(JSON.parse(result.payload)) === JSON.stringify(JSON.parse(payload)) ? undefined : `payload ${result.payload.slice(0, 200)}`;
  } catch {
    return `payload not JSON: ${result.payload.slice(0, 200)}`;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
