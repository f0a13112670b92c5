/**
 * @module Section "functions": the function runtime (dist/runtime createFunctionRuntime) with an echo
 * handler in Node.js (nodejs20.x) and Python (python3.12): cold start latency (a new function for
 * every sample, served by the pre-started generic runtime, and with pre-start off), warm invoke
 * latency and its overhead over the handler's own duration, and invocations/s with 1 and 16 callers.
 */
import os from "node:os";
import { runCallers } from "../lib/callers.mjs";
import { PAYLOAD, RUNTIMES, checkEcho, isolationInEffect, sleep, spec, startRuntime, timedInvoke, writeCode } from "../lib/functions-env.mjs";
import { fmtMs, fmtRate, median, quantile, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";
import { jobFailures } from "../lib/check.mjs";

export const name = "functions";
export const title = "Functions: Invoke through the function runtime (Node.js 20 and Python 3.12 echo handlers)";

/** Targets from the issue: warm invoke overhead p50 under 1 ms, cold start p50 under 100 ms (both runtimes). */
export const TARGETS = { maxWarmOverheadP50Ms: 1, maxColdP50Ms: 100 };
const BUDGETS = {
  full: { coldSamples: 20, coldGapMs: 250, warmWarmup: 100, warmSamples: 300, throughputCalls: { 1: 300, 16: 500 }, throughputWarmup: 200, maxMs: 10_000 },
  quick: { coldSamples: 5, coldGapMs: 250, warmWarmup: 30, warmSamples: 100, throughputCalls: { 1: 100, 16: 200 }, throughputWarmup: 64, maxMs: 5_000 },
};
const LABELS = { nodejs: "Node.js (nodejs20.x, index.handler)", python: "Python (python3.12, handler.handler)" };

export function plan(options) {
  const budget = options.quick ? "quick" : "full";
  return Object.keys(RUNTIMES)
    .filter((kind) => (!options.engines || options.engines.includes(kind)) && (!options.only || options.only.includes(kind) || options.only.includes(name)))
    .map((kind) => ({ section: name, kind: "invoke", workload: "echo", engine: kind, budget }));
}

const stats = (xs) => ({ samples: xs.length, p50Ms: round(median(xs), 4), p99Ms: round(quantile(xs, 0.99), 4), maxMs: round(Math.max(...xs), 4) });

/**
 * Cold starts: every sample is a function the runtime has not seen (new name, or a new revisionId of
 * one name), evicted afterwards. With pre-start on, the runtime keeps one generic process per
 * (family, memory size) after the first cold start; the pause before each sample lets it finish booting,
 * so that sample is served by it. With pre-start off every sample starts a process.
 */
async function coldStarts(kind, code, budget, prestart, problems) {
  const env = await startRuntime({ prestart });
  try {
    const first = await timedInvoke(env.runtime, spec(kind, code.dir, `bench-${kind}-first`));
    const p = checkEcho(first.result);
    if (p) problems.add(`cold (first): ${p}`);
    await env.runtime.evict(spec(kind, code.dir, `bench-${kind}-first`).functionArn);
    const ms = [];
    const init = [];
    for (let i = 0; i < budget.coldSamples; i++) {
      await sleep(budget.coldGapMs);
      // Alternate: a new function name, or a new revision of one function (its old sandbox is not reused).
      const fn = i % 2 === 0 ? spec(kind, code.dir, `bench-${kind}-cold-${prestart ? "g" : "p"}-${i}`) : spec(kind, code.dir, `bench-${kind}-rev-${prestart ? "g" : "p"}`, `rev-${i}`);
      const { ms: t, result } = await timedInvoke(env.runtime, fn);
      const q = checkEcho(result);
      if (q) problems.add(`cold: ${q}`);
      if (result.initDurationMs === undefined) problems.add("cold: the report has no Init Duration (a warm sandbox was reused?)");
      ms.push(t);
      if (result.initDurationMs !== undefined) init.push(result.initDurationMs);
      if (i % 2 === 0) await env.runtime.evict(fn.functionArn);
    }
    return { prestart, servedByPrestartedGeneric: prestart, firstMs: round(first.ms, 4), ...stats(ms), initDurationP50Ms: round(median(init), 4) };
  } finally {
    await env.close();
  }
}

export async function runJob(job) {
  const budget = BUDGETS[job.budget] ?? BUDGETS.full;
  const kind = job.engine;
  const code = writeCode(kind);
  const problems = new Set();
  const load = os.loadavg()[0];
  const isolation = await isolationInEffect();
  try {
    const coldGeneric = await coldStarts(kind, code, budget, true, problems);
    const coldProcess = await coldStarts(kind, code, budget, false, problems);

    const env = await startRuntime({ prestart: true });
    try {
      const fn = spec(kind, code.dir, `bench-${kind}-warm`);
      for (let i = 0; i < budget.warmWarmup; i++) await timedInvoke(env.runtime, fn);
      const latency = [];
      const overhead = [];
      const duration = [];
      for (let i = 0; i < budget.warmSamples; i++) {
        const { ms, result } = await timedInvoke(env.runtime, fn);
        const p = checkEcho(result);
        if (p) problems.add(`warm: ${p}`);
        if (result.initDurationMs !== undefined) problems.add("warm: an invocation was a cold start");
        latency.push(ms);
        if (Number.isFinite(result.durationMs)) {
          duration.push(result.durationMs);
          overhead.push(ms - result.durationMs);
        }
      }
      const warm = { ...stats(latency), handlerDurationP50Ms: round(median(duration), 4) };
      const warmOverhead = overhead.length ? stats(overhead) : undefined;

      const throughput = [];
      for (const callers of [1, 16]) {
        const r = await runCallers({
          callers, maxCount: budget.throughputCalls[callers], maxMs: budget.maxMs, warmupCalls: callers === 1 ? 20 : budget.throughputWarmup,
          call: () => env.runtime.invoke(fn, PAYLOAD, { requestId: crypto.randomUUID() }), check: (result) => checkEcho(result),
        });
        for (const p of r.problems) problems.add(`${callers} caller(s): ${p}`);
        throughput.push({ callers, calls: r.calls, ms: r.ms, callsPerSec: r.callsPerSec, p50Ms: r.p50Ms, p99Ms: r.p99Ms, cpuMsPerCall: r.cpuMsPerCall });
      }
      const t = (c) => throughput.find((x) => x.callers === c);
      return {
        ...job, isolation, coldGeneric, coldProcess, warm, warmOverhead, throughput, problems: [...problems],
        loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
        progress: `isolation ${isolation}; cold p50 ${fmtMs(coldGeneric.p50Ms)} (generic) / ${fmtMs(coldProcess.p50Ms)} (new process); warm p50 ${fmtMs(warm.p50Ms)}, ` +
          `overhead p50 ${fmtMs(warmOverhead?.p50Ms)}; ${fmtRate(t(1).callsPerSec)} at 1, ${fmtRate(t(16).callsPerSec)} at 16` + (problems.size ? " MISMATCH" : " checked ok"),
      };
    } finally {
      await env.close();
    }
  } finally {
    code.remove();
  }
}

const mark = (ok) => (ok ? "ok" : "MISS");

export function summarize(jobResults) {
  const failures = jobFailures(jobResults);
  const misses = [];
  const ok = jobResults.filter((r) => !r.error);
  const rows = [];
  const targets = {};
  let allMet = ok.length === Object.keys(RUNTIMES).length;
  for (const r of ok) {
    const label = LABELS[r.engine];
    const check = (key, value, max, what) => {
      const met = value < max;
      targets[`${r.engine}.${key}`] = { max, value, met };
      if (!met) {
        allMet = false;
        misses.push(`${label} ${what}: p50 ${fmtMs(value)} (target < ${max} ms)`);
      }
      return `p50 < ${max} ms ${mark(met)}`;
    };
    const cg = r.coldGeneric;
    const cp = r.coldProcess;
    rows.push([label, "cold start, pre-started generic process served it", String(cg.samples), fmtMs(cg.p50Ms), fmtMs(cg.p99Ms), `init ${fmtMs(cg.initDurationP50Ms)}`,
      check("coldGenericP50", cg.p50Ms, TARGETS.maxColdP50Ms, "cold start (pre-started generic)")]);
    rows.push([label, "cold start, no pre-start (new process)", String(cp.samples), fmtMs(cp.p50Ms), fmtMs(cp.p99Ms), `init ${fmtMs(cp.initDurationP50Ms)}`,
      check("coldProcessP50", cp.p50Ms, TARGETS.maxColdP50Ms, "cold start (no pre-start)")]);
    rows.push([label, "warm invoke, sequential", String(r.warm.samples), fmtMs(r.warm.p50Ms), fmtMs(r.warm.p99Ms), `handler ${fmtMs(r.warm.handlerDurationP50Ms)}`, "-"]);
    if (r.warmOverhead) {
      rows.push([label, "warm overhead (latency - report durationMs)", String(r.warmOverhead.samples), fmtMs(r.warmOverhead.p50Ms), fmtMs(r.warmOverhead.p99Ms), "",
        check("warmOverheadP50", r.warmOverhead.p50Ms, TARGETS.maxWarmOverheadP50Ms, "warm invoke overhead")]);
    } else allMet = false;
    for (const t of r.throughput) {
      rows.push([label, `invocations/s, ${t.callers} caller${t.callers > 1 ? "s" : ""}, one function`, String(t.calls), fmtMs(t.p50Ms), fmtMs(t.p99Ms), fmtRate(t.callsPerSec), "-"]);
    }
  }
  const table = formatTable(["runtime", "measure", "samples", "p50", "p99", "other", "target"], rows);
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: { ...TARGETS, ...targets },
      allTargetsMet: allMet && failures.length === 0,
      runtimes: Object.fromEntries(ok.map((r) => [r.engine, {
        description: LABELS[r.engine], isolation: r.isolation, coldGeneric: r.coldGeneric, coldProcess: r.coldProcess, warm: r.warm, warmOverhead: r.warmOverhead, throughput: r.throughput, loadAverage: r.loadAverage,
      }])),
    },
    notes: [
      "Cold start = wall time of runtime.invoke for a function the runtime has not run yet (alternately a new function name and a new revisionId of one function; each sample evicted after), echo payload checked and the report must carry an Init Duration. 'pre-started generic': createFunctionRuntime's default (prestart on) keeps one generic process per (runtime family, memory size) after the first cold start; a pause before each sample lets it finish booting, so every measured sample is served by it (the untimed first invocation is not). 'no pre-start': prestart: false, every sample starts a process. init = the report's Init Duration p50.",
      "Warm = the same function invoked sequentially after a warm-up, in-process (no HTTP): latency p50/p99; overhead = latency - the report's durationMs per call (the runtime's own cost around the handler). invocations/s: closed-loop callers on one function after a warm-up (16 callers keep up to 16 sandboxes warm).",
      `The p99 of cold starts comes from about 20 samples per row: read it as the slowest of them. Isolation: ${[...new Set(ok.map((r) => r.isolation))].join(", ") || "-"} (createFunctionRuntime's 'auto' is bubblewrap when it works here; $STEPWISE_BENCH_ISOLATION=none|bwrap forces one).`,
    ],
  };
}
