/**
 * @module Entry of the API section's server process: `node api-server-process.mjs stepwise|floor`.
 * `stepwise` runs Stepwise as `stepwise serve` does (dist/main.js startStepwise, embedded SQLite store
 * in a temp data folder, port 0); `floor` runs the bare node:http server with the canned answer.
 * It tells its parent `{ url }` once it listens, then answers requests sent over IPC:
 * `cpu` (this process's CPU time in ms), `profile-start` / `profile-stop` (a V8 CPU profile of this
 * process, in process with node:inspector) and `close`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, importFile } from "./paths.mjs";
import { startFloorServer } from "./api-env.mjs";
import { startCpuProfile } from "./cpu-profile.mjs";

const kind = process.argv[2];
let server;
let dir;
if (kind === "stepwise") {
  const [{ startStepwise }, { loadConfig }, { silentLogger }] = await Promise.all(
    ["main.js", "config.js", "api/index.js"].map((p) => importFile(join(ROOT, "dist", p))),
  );
  dir = mkdtempSync(join(tmpdir(), "stepwise-bench-api-server-"));
  server = await startStepwise(loadConfig(["--host", "127.0.0.1", "--port", "0", "--data", dir], {}, dir), { logger: silentLogger });
} else if (kind === "floor") {
  server = await startFloorServer();
} else {
  throw new Error(`unknown server kind ${kind} (stepwise or floor)`);
}

let profiler;
const handlers = {
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  "profile-start": async () => {
    profiler = await startCpuProfile();
  },
  "profile-stop": async () => {
    const profile = await profiler.stop();
    profiler = undefined;
    return profile;
  },
  close: async () => {
    await server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
  },
};

process.on("message", async ({ id, command }) => {
  try {
    process.send({ id, value: await handlers[command]() });
  } catch (e) {
    process.send({ id, error: e?.stack ?? String(e) });
  }
});
// The bench stops us with `close`; if it went away instead, so do we.
process.on("disconnect", () => process.exit(0));
process.send({ url: server.url });
