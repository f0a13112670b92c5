/** @module Loads the shared workloads and gives each one a uniform list of executions to run. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TASK_IMPLS, WORKLOADS_DIR, importFile } from "./paths.mjs";

/** Workload names in a stable order: the order of the shared README's table, then any others. */
const ORDER = ["pass-chain", "choice-loop", "choice-loop-task", "map-fanout-c0", "map-fanout-c10", "parallel", "task-chain", "retry-catch", "call-center", "call-center-concurrent"];

export function listWorkloadNames() {
  const names = readdirSync(WORKLOADS_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5));
  const rank = (n) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Reads one workload. Adds `runs`: `{ concurrency, inputs, expected }` for every workload (a
 * single-execution workload becomes one execution at concurrency 1).
 */
export function loadWorkload(name) {
  const w = JSON.parse(readFileSync(join(WORKLOADS_DIR, `${name}.json`), "utf8"));
  const runs = w.executions
    ? { concurrency: w.executions.concurrency ?? 1, inputs: w.executions.inputs, expected: w.executions.expected }
    : { concurrency: 1, inputs: [w.input ?? {}], expected: [w.expected] };
  if (runs.inputs.length !== runs.expected.length) {
    throw new Error(`workload ${name}: ${runs.inputs.length} inputs but ${runs.expected.length} expectations`);
  }
  return { ...w, name: w.name ?? name, runs, zeroDelays: w.options?.zeroDelays === true };
}

let taskImpls;
/** `makeTaskHandlers(workload)` from the shared task-impls.mjs: fresh handlers and a call counter. */
export async function loadTaskImpls() {
  taskImpls ??= await importFile(TASK_IMPLS);
  return taskImpls;
}

/**
 * Runs `runOne` over every input: one after another at concurrency 1, else with at most
 * `concurrency` executions in flight (all at once when concurrency >= the number of inputs).
 */
export async function runExecutions(inputs, concurrency, runOne) {
  const results = new Array(inputs.length);
  if (concurrency <= 1) {
    for (let i = 0; i < inputs.length; i++) results[i] = await runOne(inputs[i]);
    return results;
  }
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await runOne(inputs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}
