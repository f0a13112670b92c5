/** @module Smoke test of the benchmark workloads: each runs once through Stepwise's library with the right results. */
import { describe, it, expect } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileStateMachine, type JsonValue, type RunResult, type TaskHandler } from "../src/index.js";

const SHARED_BENCH = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "bench");
const WORKLOADS_DIR = join(SHARED_BENCH, "workloads");
const TASK_IMPLS = join(SHARED_BENCH, "task-impls.mjs");
const present = existsSync(WORKLOADS_DIR) && existsSync(TASK_IMPLS);

interface Expectation {
  status: string;
  output?: JsonValue;
  error?: string;
  cause?: string;
}
interface Workload {
  name: string;
  definition: unknown;
  input?: JsonValue;
  expected?: Expectation;
  executions?: { concurrency: number; inputs: JsonValue[]; expected: Expectation[] };
  options?: { zeroDelays?: boolean };
  statesEntered: number;
  taskInvocations: number;
}
type MakeTaskHandlers = (w: Workload) => { handlers: Record<string, TaskHandler>; counter: { calls: number } };

const workloadFiles = present ? readdirSync(WORKLOADS_DIR).filter((f) => f.endsWith(".json")).sort() : [];

/** Only the fields the workload gives an expectation for (a FAILED one checks error/cause only where present). */
function shapeLike(expected: Expectation, got: RunResult): Expectation {
  const shaped: Expectation = { status: got.status };
  if ("output" in expected) shaped.output = got.output;
  if ("error" in expected) shaped.error = got.error;
  if ("cause" in expected) shaped.cause = got.cause;
  return shaped;
}

(present ? describe : describe.skip)(
  present ? "benchmark workloads through Stepwise's library" : `benchmark workloads (skipped: ${SHARED_BENCH} is absent)`,
  () => {
    it("finds the workloads", () => {
      expect(workloadFiles.length).toBeGreaterThan(0);
    });

    for (const file of workloadFiles) {
      it(file.replace(/\.json$/, ""), async () => {
        const workload = JSON.parse(readFileSync(join(WORKLOADS_DIR, file), "utf8")) as Workload;
        const { makeTaskHandlers } = (await import(pathToFileURL(TASK_IMPLS).href)) as { makeTaskHandlers: MakeTaskHandlers };
        const compiled = compileStateMachine(workload.definition);
        if (!compiled.ok) throw new Error(`definition rejected: ${JSON.stringify(compiled.diagnostics)}`);
        const { handlers, counter } = makeTaskHandlers(workload);
        const zero = workload.options?.zeroDelays === true;
        const options = { handlers, clock: "virtual" as const, history: false, zeroRetryDelays: zero, zeroWaits: zero };
        const inputs = workload.executions?.inputs ?? [workload.input ?? {}];
        const expected = workload.executions?.expected ?? [workload.expected!];
        const concurrency = workload.executions?.concurrency ?? 1;

        let results: RunResult[];
        if (concurrency <= 1) {
          results = [];
          for (const input of inputs) results.push(await compiled.machine.run(input, options));
        } else {
          expect(concurrency).toBeGreaterThanOrEqual(inputs.length); // the shared workloads start all at once
          results = await Promise.all(inputs.map((input) => compiled.machine.run(input, options)));
        }

        expect(results.map((r, i) => shapeLike(expected[i]!, r))).toEqual(expected);
        expect(counter.calls).toBe(workload.taskInvocations);
      });
    }
  },
);

/*
 * The benchmark sections beyond the in-process one, each job run once with tiny budgets ("smoke"),
 * in this process, on the built package (dist/, which `npm test` builds first). They must produce
 * checked results; the figures themselves mean nothing here.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const built = existsSync(join(ROOT, "dist", "main.js"));
const benchModule = async (path: string) => import(pathToFileURL(join(ROOT, "bench", path)).href);

interface JobResult {
  problems: string[];
  [key: string]: unknown;
}

(built ? describe : describe.skip)(built ? "benchmark sections (smoke budgets)" : "benchmark sections (skipped: build first)", () => {
  (present ? it : it.skip)("in-process: the task handlers alone replay every task call of a Stepwise run", async () => {
    const section = await benchModule("sections/in-process.mjs");
    const r = (await section.runJob({ section: "in-process", workload: "retry-catch", engine: "task-handlers", budget: "quick", forceGc: false })) as JobResult;
    expect(r.problems).toEqual([]);
    expect(r.taskInvocations).toBe(2800);
    expect(r.medianMs).toBeGreaterThan(0);
  });

  /** A durable throughput row on SQLite: checked clean, with every execution's states entered and commits counted. */
  async function durableRow(workload: string, concurrency: number, statesEntered: number, commits: number): Promise<JobResult> {
    const section = await benchModule("sections/durable-engine.mjs");
    const r = (await section.runJob({ section: "durable-engine", kind: "throughput", workload, engine: "sqlite", store: "sqlite", concurrency, budget: "smoke" })) as JobResult;
    expect(r.problems).toEqual([]);
    expect(r.executions).toBeGreaterThan(0);
    expect(r.statesEntered).toBe((r.executions as number) * statesEntered);
    expect(r.commits).toBe((r.executions as number) * commits);
    return r;
  }

  it("durable-engine: a task chain with 10 in flight on SQLite commits every event and checks out", async () => {
    await durableRow("task-chain-10", 10, 10, 11);
  });

  it("durable-engine: a 1,000-item Map (a large state, written as replay entries) commits every event and checks out", async () => {
    const r = await durableRow("map-1000", 1, 1001, 1001);
    // The state (about 600 KB) is written at the start and at the end, not with each of the 1,001 commits.
    expect(r.snapshotBytesPerCommit).toBeLessThan(10_000);
  });

  it("durable-engine: short executions all started at once all finish", async () => {
    const section = await benchModule("sections/durable-engine.mjs");
    const r = (await section.runJob({ section: "durable-engine", kind: "batch", workload: "start-10000", engine: "sqlite", store: "sqlite", machine: "hello-3", budget: "smoke" })) as JobResult;
    expect(r.problems).toEqual([]);
    expect(r.statesEntered).toBe((r.executions as number) * 3);
  });

  it("durable-engine: the plain SQLite insert loop measures commits", async () => {
    const { sqliteInsertLoop } = await benchModule("lib/store-limits.mjs");
    const r = sqliteInsertLoop({ synchronous: "NORMAL", perCommit: 10, ms: 50 });
    expect(r.commits).toBeGreaterThan(0);
    expect(Math.abs(r.transitionsPerSec - r.commitsPerSec * 10)).toBeLessThanOrEqual(10);
  });

  it("api: StartSyncExecution through the AWS SDK against an in-process server returns the machine's output", async () => {
    const section = await benchModule("sections/api.mjs");
    const r = (await section.runJob({ section: "api", kind: "callers", workload: "start-sync", engine: "sdk", client: "sdk", budget: "smoke" })) as JobResult;
    expect(r.problems).toEqual([]);
    const runs = r.runs as { callers: number; calls: number }[];
    expect(runs.map((x) => x.callers)).toEqual([1, 32]);
    for (const x of runs) expect(x.calls).toBeGreaterThan(0);
  });

  it("api: the SDK from two caller processes against Stepwise in its own process; the server's CPU is measured apart", async () => {
    const section = await benchModule("sections/api.mjs");
    const r = (await section.runJob({ section: "api", kind: "callers", workload: "start-sync", engine: "sdk-proc-2", client: "sdk-proc-2", budget: "smoke" })) as JobResult;
    expect(r.problems).toEqual([]);
    const runs = r.runs as { callers: number; calls: number; callerProcesses: number; serverCpuMsPerCall: number }[];
    expect(runs.map((x) => [x.callers, x.callerProcesses])).toEqual([[32, 2]]);
    expect(runs[0]!.calls).toBeGreaterThan(0);
    expect(runs[0]!.serverCpuMsPerCall).toBeGreaterThan(0);
  });

  it("scale: the service reads answer as expected on a small filled store", async () => {
    const { fillSqlite, serviceReads } = await benchModule("lib/scale-store.mjs");
    const { openStore } = await import(pathToFileURL(join(ROOT, "dist", "store", "index.js")).href);
    const { createEngine } = await import(pathToFileURL(join(ROOT, "dist", "engine", "index.js")).href);
    const { createStatesService } = await import(pathToFileURL(join(ROOT, "dist", "services", "index.js")).href);
    const { systemClock } = await import(pathToFileURL(join(ROOT, "dist", "shared", "clock.js")).href);
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const base = mkdtempSync(join(tmpdir(), "stepwise-bench-smoke-"));
    try {
      const n = 2000;
      await fillSqlite(join(base, "store"), n);
      const store = await openStore(join(base, "store"));
      const random = { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0.5 };
      const engine = createEngine({ store, clock: systemClock, random, compile: () => { throw new Error("unused"); }, invokeTask: () => Promise.reject(new Error("unused")) });
      const ops = createStatesService({ store, engine, clock: systemClock, random, accountId: "123456789012", region: "us-east-1" });
      const reads = serviceReads(ops, n) as [string, (i: number) => Promise<unknown>, (out: unknown) => string | undefined][];
      expect(reads.length).toBeGreaterThan(5);
      for (const [label, read, check] of reads) expect(`${label}: ${check(await read(1)) ?? "ok"}`).toBe(`${label}: ok`);
      await engine.close();
      await store.close();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
