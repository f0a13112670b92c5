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
