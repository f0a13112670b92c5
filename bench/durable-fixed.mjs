#!/usr/bin/env node
/**
 * @module A fixed amount of durable-engine work, for comparing two builds where wall time is too
 * noisy (a shared VM moves a 2 s round by ±25%): N executions of a durable workload, C in flight, on a
 * store kind, through the engine as the durable-engine section builds it. Prints CPU time and GC
 * time a state transition. Run under callgrind for an instruction count that two runs of one build
 * repeat within 0.02% (V8's helper threads off, its hash and random seeds fixed):
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
 *     node --single-threaded --hash-seed=1 --random-seed=1 bench/durable-fixed.mjs --executions=1500
 *
 * Start-up and JIT warm-up are in the count too, and differ between builds: compare builds by the
 * difference between two large counts of executions (bench/README.md).
 */
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDurable } from "./lib/durable-env.mjs";
import { DURABLE_WORKLOADS, HANDLERS } from "./lib/durable-workloads.mjs";

const { values } = parseArgs({
  options: {
    workload: { type: "string", default: "task-chain-10" },
    store: { type: "string", default: "sqlite-memory" },
    concurrency: { type: "string", default: "10" },
    executions: { type: "string", default: "2000" },
  },
});
const workload = DURABLE_WORKLOADS[values.workload];
if (!workload) throw new Error(`unknown workload ${values.workload}: ${Object.keys(DURABLE_WORKLOADS).join(", ")}`);
const executions = Number(values.executions);
const concurrency = Number(values.concurrency);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

const env = await openDurable(values.store, HANDLERS);
let left = executions;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (left-- > 0) await (await env.run("Fixed", workload.definition, workload.input)).closed;
}));
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const transitions = env.counts.statesEntered;
await env.close();
if (transitions !== executions * workload.statesEntered) throw new Error(`${transitions} states entered, expected ${executions * workload.statesEntered}`);
const perTransition = (x) => Number((x / transitions).toFixed(2));
console.log(JSON.stringify({
  workload: values.workload, store: values.store, concurrency, executions, transitions, wallMs: Math.round(ms),
  cpuUsPerTransition: perTransition(cpu.user + cpu.system), gcUsPerTransition: perTransition(gcMs * 1000),
}));
