/** @module What the figures were measured on: machine, Node, package versions, commit. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return undefined;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: { model: cpus[0]?.model?.trim(), count: cpus.length, speedMHz: cpus[0]?.speed },
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    stepwise: { version: pkg.version, commit: gitCommit() },
  };
}
