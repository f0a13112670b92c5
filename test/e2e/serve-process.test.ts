/** End-to-end: `stepwise serve` as a child process: prints its URL, serves, and exits 0 on SIGTERM after draining. */
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateStateMachineCommand, ListStateMachinesCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { ROLE_ARN, sfnClient } from "./helpers/stepwise.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/stepwise.mjs");

/** `bin/stepwise.mjs` runs dist/: it must be built from the current sources (`npm test` builds first). */
function buildIsCurrent(): boolean {
  const built = join(ROOT, "dist/main.js");
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return newest(path);
      return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? statSync(path).mtimeMs : 0;
    }));
  return newest(join(ROOT, "src")) <= builtAt;
}

const runnable = buildIsCurrent() || process.env["CI"] === "true";
if (!runnable) console.warn("skipping the `stepwise serve` process test: dist/ is missing or older than src/ (run `npm run build`)");

describe.runIf(runnable)("stepwise serve (child process)", () => {
  it("prints its URL, serves the SDK, drains in-flight requests on SIGTERM and exits 0 with its data kept", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stepwise-serve-"));
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--data", dataDir], {
      cwd: dataDir, env: { ...process.env, STEPWISE_HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed in time; stdout: ${stdout} stderr: ${stderr}`)), 15_000);
        child.stdout.on("data", () => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) { clearTimeout(timer); resolveUrl(m[1]!); }
        });
        void exited.then(() => reject(new Error(`exited early; stdout: ${stdout} stderr: ${stderr}`)));
      });
      const client = sfnClient(url);
      const definition = JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, Next: "P" }, P: { Type: "Pass", Result: "drained", End: true } } });
      const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "from-process", definition, roleArn: ROLE_ARN, type: "EXPRESS" }));
      const listed = await client.send(new ListStateMachinesCommand({}));
      expect(listed.stateMachines?.map((m) => m.name)).toEqual(["from-process"]);

      // SIGTERM while a request is in flight: it is answered before the process exits.
      const inFlight = client.send(new StartSyncExecutionCommand({ stateMachineArn }));
      await new Promise((r) => setTimeout(r, 300));
      child.kill("SIGTERM");
      const answered = await inFlight;
      expect(answered).toMatchObject({ status: "SUCCEEDED", output: "\"drained\"" });
      client.destroy();
      const { code, signal } = await exited;
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: "" });
      expect(stdout).toContain("Stepwise stopped.");
      expect(existsSync(join(dataDir, "stepwise.db"))).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
