/** @module Runs benchmark jobs in child processes (one per engine and workload) for clean peak RSS. */
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import "./polyfills.mjs";

const CHILD_ENTRY = fileURLToPath(new URL("./child-entry.mjs", import.meta.url));

/**
 * Runs `job` (`{ section, ... }`) in a fresh Node process with --expose-gc. With `cpuProfDir`, the
 * child writes a V8 CPU profile there. Resolves with the section's job result, or with
 * `{ ...job, error }` when the child crashed.
 */
export function runJobInChild(job, { cpuProfDir } = {}) {
  const execArgv = ["--expose-gc"];
  if (cpuProfDir) {
    mkdirSync(cpuProfDir, { recursive: true });
    execArgv.push("--cpu-prof", "--cpu-prof-dir", cpuProfDir, "--cpu-prof-name", `${job.workload ?? "job"}.${job.engine ?? "x"}.cpuprofile`);
  }
  return new Promise((resolve) => {
    const child = fork(CHILD_ENTRY, [JSON.stringify(job)], { execArgv, stdio: ["ignore", "inherit", "pipe", "ipc"] });
    let result;
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4000);
      process.stderr.write(d);
    });
    child.on("message", (m) => {
      result = m;
    });
    child.on("exit", (code, signal) => {
      if (result && code === 0) resolve(result);
      else resolve({ ...job, ...result, error: result?.error ?? `child process ended (code ${code}, signal ${signal}): ${stderr.trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}
