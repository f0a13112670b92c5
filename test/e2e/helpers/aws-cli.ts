/** @module Runs the real AWS CLI v2 (/usr/bin/aws) against a Stepwise endpoint. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { CREDENTIALS, REGION } from "./stepwise.js";

/** Debian's AWS CLI v2. The `aws` first on PATH may be a different (v1) CLI: never use it. */
export const AWS_CLI = "/usr/bin/aws";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (undefined when empty). */
  readonly json: Record<string, unknown> | undefined;
}

/**
 * Whether the CLI tests can run. Absent CLI: skipped with a printed reason, except under CI=true,
 * where .ci/run installs it and its absence is a failure.
 */
export function awsCliAvailable(): boolean {
  if (existsSync(AWS_CLI)) return true;
  if (process.env["CI"] === "true") throw new Error(`${AWS_CLI} is missing under CI=true: .ci/run must install awscli`);
  console.warn(`skipping the AWS CLI tests: ${AWS_CLI} is not installed (apt-get install awscli)`);
  return false;
}

/** Whether sync-localhost resolves (the CLI sends StartSyncExecution to sync-<host>); prints why not. */
export async function syncHostResolves(): Promise<boolean> {
  try {
    const { address } = await lookup("sync-localhost", { family: 4 });
    if (address.startsWith("127.")) return true;
    console.warn(`skipping the AWS CLI start-sync-execution test: sync-localhost resolves to ${address}, not the loopback`);
  } catch {
    console.warn("skipping the AWS CLI start-sync-execution test: sync-localhost does not resolve (add `127.0.0.1 sync-localhost` to /etc/hosts)");
  }
  return false;
}

/** `aws --endpoint-url <endpoint> --output json <args...>` with dummy credentials, run in `cwd`. */
export function aws(endpoint: string, args: readonly string[], cwd?: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp",
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION, AWS_PAGER: "", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true",
  };
  return new Promise((resolve, reject) => {
    execFile(AWS_CLI, ["--endpoint-url", endpoint, "--output", "json", ...args], { env, timeout: 30_000, ...(cwd ? { cwd } : {}) }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      if (error && code === -1) return reject(error);
      let json: Record<string, unknown> | undefined;
      try {
        json = stdout.trim() === "" ? undefined : (JSON.parse(stdout) as Record<string, unknown>);
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/** `aws --endpoint-url <endpoint> --output json stepfunctions <args...>`. */
export const awsStepFunctions = (endpoint: string, args: readonly string[]): Promise<CliResult> => aws(endpoint, ["stepfunctions", ...args]);
