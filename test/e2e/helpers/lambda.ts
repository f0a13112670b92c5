/** @module Lambda end-to-end helpers: the real @aws-sdk/client-lambda, zips of inline code, and the AWS CLI v2 for any service. */
import { execFile } from "node:child_process";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { zipFiles } from "../../../src/services/index.js";
import { AWS_CLI, type CliResult } from "./aws-cli.js";
import { CREDENTIALS, REGION } from "./stepwise.js";

export function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
}

/** A deployment package of `files` (path → source; `{content, mode}` for an executable bootstrap). */
export const zipOf = zipFiles;

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
