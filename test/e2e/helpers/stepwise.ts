/** @module Starts Stepwise in-process on a random port with a temporary data folder, and an SFNClient for it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SFNClient } from "@aws-sdk/client-sfn";
import { loadConfig } from "../../../src/config.js";
import { startStepwise, type StepwiseOverrides } from "../../../src/main.js";
import type { Logger } from "../../../src/api/index.js";

// The SDK warns once per process that its 2027 releases need Node 22; the pinned version works on Node 20.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/StepwiseTestRole`;
export const CREDENTIALS = { accessKeyId: "AKIDSTEPWISETEST", secretAccessKey: "stepwise-test-secret" } as const;

export interface TestStepwise {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly client: SFNClient;
  /** Lines the server logged (errors are a test failure unless expected). */
  readonly logs: string[];
  close(): Promise<void>;
}

export interface TestStepwiseOptions extends Omit<StepwiseOverrides, "logger"> {
  /** Extra `stepwise serve` flags, e.g. ["--mock-config", path]. */
  readonly args?: readonly string[];
}

/** A fresh server: port 0, its own temp data folder (SQLite), removed on close. */
export async function startTestStepwise(options: TestStepwiseOptions = {}): Promise<TestStepwise> {
  const dataDir = mkdtempSync(join(tmpdir(), "stepwise-e2e-"));
  const logs: string[] = [];
  const logger: Logger = {
    info: (message) => logs.push(message),
    error: (message, error) => logs.push(`ERROR ${message}${error === undefined ? "" : `: ${error instanceof Error ? error.stack : String(error)}`}`),
  };
  const { args = [], ...overrides } = options;
  let server;
  try {
    const config = loadConfig(["--host", "127.0.0.1", "--port", "0", "--data", dataDir, ...args], {}, dataDir);
    server = await startStepwise(config, { drainTimeoutMs: 2000, ...overrides, logger });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const client = sfnClient(server.url);
  return {
    url: server.url, port: server.port, dataDir, client, logs,
    async close() {
      client.destroy();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real AWS SDK v3 client, pointed at Stepwise. `disableHostPrefix` keeps StartSyncExecution on our host. */
export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region: REGION, credentials: CREDENTIALS, disableHostPrefix: true, maxAttempts: 1 });
}

/** Polls `read` until `done` holds (or fails after `timeoutMs`). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sends a raw awsJson1_0 request (for bodies the SDK would never send). */
export async function rawRequest(
  url: string, target: string | undefined, body: string | Uint8Array, headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", ...(target === undefined ? {} : { "x-amz-target": target }), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
