#!/usr/bin/env node
/**
 * @module `npm run bench`: runs the benchmark sections, prints their tables and writes
 * bench/results.json. Exits 1 when any engine's result did not match a workload's expectations.
 *
 *   node bench/run.mjs [--only=pass-chain,task-chain] [--engines=stepwise,plain-js] [--section=in-process]
 *                      [--quick] [--no-fork] [--no-gc] [--cpu-prof[=DIR]] [--out=FILE]
 *
 * --quick: small budgets, for a fast look. --no-fork: run every job in this process (no clean RSS).
 * --no-gc: no forced gc() between runs (GC debt of one run may then land in the next).
 * --cpu-prof: each child writes a V8 CPU profile (default dir: $TMPDIR/stepwise-bench-profiles);
 * summarise one with `node bench/profile-summary.mjs FILE`. With --only/--engines/--quick/--cpu-prof
 * the results go to bench/results.partial.json unless --out is given.
 */
import "./lib/polyfills.mjs";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { runJobInChild } from "./lib/child.mjs";
import { machineInfo } from "./lib/machine.mjs";
import { BENCH_DIR, SHARED_BENCH, sharedBenchPresent } from "./lib/paths.mjs";
import { fmtMs } from "./lib/stats.mjs";
import { loadSection, sectionNames } from "./sections/index.mjs";

function parseArgs(argv) {
  const opts = { fork: true };
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, "").split(/=(.*)/s);
    const list = () => value.split(",").map((s) => s.trim()).filter(Boolean);
    if (key === "only") opts.only = list();
    else if (key === "engines") opts.engines = list();
    else if (key === "section") opts.sections = list();
    else if (key === "quick") opts.quick = true;
    else if (key === "no-fork") opts.fork = false;
    else if (key === "no-gc") opts.noGc = true;
    else if (key === "cpu-prof") opts.cpuProfDir = resolve(value || join(os.tmpdir(), "stepwise-bench-profiles"));
    else if (key === "out") opts.out = resolve(value);
    else if (key === "help" || key === "h") opts.help = true;
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run.mjs)`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log("usage: node bench/run.mjs [--only=w1,w2] [--engines=e1,e2] [--section=s] [--quick] [--no-fork] [--no-gc] [--cpu-prof[=DIR]] [--out=FILE]");
    return 0;
  }
  if (!sharedBenchPresent()) {
    console.log(`bench: the shared benchmark workloads are not here (${SHARED_BENCH} with workloads/ and task-impls.mjs); nothing to run.`);
    return 0;
  }
  const partial = Boolean(opts.only || opts.engines || opts.sections || opts.quick || opts.cpuProfDir || !opts.fork || opts.noGc);
  const out = opts.out ?? join(BENCH_DIR, partial ? "results.partial.json" : "results.json");
  const started = performance.now();
  const report = { machine: machineInfo(), options: { ...opts, partial }, sections: {}, ok: true };
  console.log(`Stepwise benchmarks: Node ${report.machine.node}, ${report.machine.cpu.count} x ${report.machine.cpu.model}, ${report.machine.platform}`);
  const failures = [];
  const load = os.loadavg()[0];
  if (load > report.machine.cpu.count * 0.75) {
    console.log(`warning: load average ${load.toFixed(2)} on ${report.machine.cpu.count} CPUs: other work is running, wall times will be noisy.`);
  }

  for (const sectionName of opts.sections ?? sectionNames()) {
    const section = await loadSection(sectionName);
    const jobs = section.plan(opts);
    console.log(`\n== ${section.title} (${jobs.length} jobs)`);
    const results = [];
    for (const job of jobs) {
      const r = opts.fork ? await runJobInChild(job, { cpuProfDir: opts.cpuProfDir }) : await runInProcess(section, job);
      const status = r.error ? `ERROR: ${r.error.split("\n")[0]}` : r.problems.length ? `MISMATCH (${r.problems.length} distinct)` : "checked ok";
      const timing = r.error ? "" : `${fmtMs(r.medianMs)} median of ${r.runs} (after ${r.warmups} warm-up)  `;
      process.stderr.write(`  ${job.workload} / ${job.engine}: ${timing}${status}\n`);
      results.push(r);
    }
    const summary = section.summarize(results, opts);
    console.log(`\n${summary.table}\n`);
    for (const n of summary.notes ?? []) console.log(`  note: ${n}`);
    if (summary.misses.length) {
      console.log("\nTargets missed:");
      for (const m of summary.misses) console.log(`  - ${m}`);
    }
    if (summary.failures.length) {
      console.log("\n!!! RESULT MISMATCHES / ERRORS (the benchmark fails):");
      for (const f of summary.failures) console.log(`  !!! ${f}`);
    }
    failures.push(...summary.failures);
    report.sections[sectionName] = { ...summary.results, failures: summary.failures, targetsMissed: summary.misses, notes: summary.notes };
  }

  report.ok = failures.length === 0;
  report.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  report.elapsedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${out} (${report.elapsedSeconds} s).${report.ok ? "" : ` ${failures.length} mismatch(es): exit code 1.`}`);
  return report.ok ? 0 : 1;
}

async function runInProcess(section, job) {
  try {
    return await section.runJob(job);
  } catch (e) {
    return { ...job, error: e?.stack ?? String(e) };
  }
}

process.exitCode = await main();
