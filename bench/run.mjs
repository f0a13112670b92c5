#!/usr/bin/env node
/**
 * @module `npm run bench`: runs the benchmark sections, prints their tables and writes
 * bench/results.json. Exits 1 when any engine's result did not match a workload's expectations.
 *
 *   node bench/run.mjs [--only=pass-chain,task-chain|durable-engine] [--engines=stepwise,plain-js] [--section=in-process]
 *                      [--quick] [--scale] [--no-fork] [--gc-each-run] [--cpu-prof[=DIR]] [--out=FILE]
 *
 * --only takes workload (job) names and section names: a section named there runs whole.
 * --quick: small budgets, for a fast look. --scale: the scale section fills its 1,000,000-execution
 * stores when no cached one exists (slow; see bench/README.md). --no-fork: run every job in this process (no clean RSS).
 * --gc-each-run: in-process, a forced full gc() before every run, outside the timed part (the old method:
 *   it moves GC work out of the timing and, in V8, deoptimises code whose maps only the last run held).
 * --cpu-prof: each child writes a V8 CPU profile (default dir: $TMPDIR/stepwise-bench-profiles);
 * summarise one with `node bench/profile-summary.mjs FILE`. With workload filters, --engines, --quick,
 * --cpu-prof, --no-fork or --gc-each-run the results go to bench/results.partial.json unless --out is given;
 * a run of whole sections (--section=S or --only=S) replaces those sections in bench/results.json.
 */
import "./lib/polyfills.mjs";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
    else if (key === "scale") opts.scale = true;
    else if (key === "no-fork") opts.fork = false;
    else if (key === "gc-each-run") opts.gcEachRun = true;
    else if (key === "cpu-prof") opts.cpuProfDir = resolve(value || join(os.tmpdir(), "stepwise-bench-profiles"));
    else if (key === "out") opts.out = resolve(value);
    else if (key === "help" || key === "h") opts.help = true;
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run.mjs)`);
  }
  // --only names sections as well as workloads: a section named there runs whole.
  if (opts.only) {
    const named = opts.only.filter((n) => sectionNames().includes(n));
    if (named.length) {
      opts.wholeSections = named;
      opts.sections = [...new Set([...(opts.sections ?? []), ...named])];
      opts.only = opts.only.filter((n) => !named.includes(n));
      if (opts.only.length === 0) delete opts.only;
    }
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log("usage: node bench/run.mjs [--only=w1,w2|section] [--engines=e1,e2] [--section=s] [--quick] [--scale] [--no-fork] [--gc-each-run] [--cpu-prof[=DIR]] [--out=FILE]");
    return 0;
  }
  const partial = Boolean(opts.only || opts.engines || opts.quick || opts.cpuProfDir || !opts.fork || opts.gcEachRun);
  // Whole sections only (--section / --only=SECTION): merged into results.json, other sections kept.
  const mergeSections = !partial && Boolean(opts.sections) && !opts.out;
  const out = opts.out ?? join(BENCH_DIR, partial ? "results.partial.json" : "results.json");
  const started = performance.now();
  const report = { machine: machineInfo(), options: { ...opts, partial }, sections: {}, ok: true };
  console.log(`Stepwise benchmarks: Node ${report.machine.node}, ${report.machine.cpu.count} x ${report.machine.cpu.model}, ${report.machine.platform}`);
  const failures = [];
  const loadWarning = () => {
    const load = os.loadavg()[0];
    return load > report.machine.cpu.count * 0.75 ? `  warning: other work is running (load ${load.toFixed(2)} on ${report.machine.cpu.count} CPUs), wall times will be noisy; see the CPU-time figures.` : "";
  };
  const loadText = () => os.loadavg().map((x) => x.toFixed(2)).join(" / ");
  console.log(`load average (1 / 5 / 15 min): ${loadText()}${loadWarning()}`);

  for (const sectionName of opts.sections ?? sectionNames()) {
    const section = await loadSection(sectionName);
    if (section.needsSharedBench && !sharedBenchPresent()) {
      console.log(`\n== ${section.title}: skipped, the shared benchmark workloads are not here (${SHARED_BENCH} with workloads/ and task-impls.mjs).`);
      continue;
    }
    const planned = await section.plan(opts.wholeSections?.includes(sectionName) ? { ...opts, only: undefined } : opts);
    const jobs = Array.isArray(planned) ? planned : planned.jobs;
    const planNotes = Array.isArray(planned) ? [] : planned.notes ?? [];
    const sectionStarted = performance.now();
    console.log(`\n== ${section.title} (${jobs.length} jobs)\nload average at start: ${loadText()}${loadWarning()}`);
    for (const n of planNotes) console.log(`  ${n}`);
    const results = [];
    for (const job of jobs) {
      const r = opts.fork ? await runJobInChild(job, { cpuProfDir: opts.cpuProfDir }) : await runInProcess(section, job);
      const status = r.error ? `ERROR: ${r.error.split("\n")[0]}` : r.problems.length ? `MISMATCH (${r.problems.length} distinct)` : "checked ok";
      const label = [job.workload, job.engine, job.concurrency !== undefined ? `${job.concurrency} in flight` : undefined].filter(Boolean).join(" / ");
      if (r.error || r.progress === undefined) {
        const timing = r.error ? "" : `${fmtMs(r.medianMs)} median of ${r.runs} (after ${r.warmups} warm-up)  `;
        process.stderr.write(`  ${label}: ${timing}${status}\n`);
      } else process.stderr.write(`  ${label}: ${r.progress}\n`);
      results.push(r);
    }
    const summary = section.summarize(results, opts, { notes: planNotes });
    const sectionLoad = os.loadavg().map((x) => Number(x.toFixed(2)));
    console.log(`\n${summary.table}\n`);
    console.log(`  load average at end of section (1 / 5 / 15 min): ${loadText()}`);
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
    report.sections[sectionName] = {
      ...summary.results, failures: summary.failures, targetsMissed: summary.misses, notes: summary.notes,
      measured: { date: new Date().toISOString(), seconds: Number(((performance.now() - sectionStarted) / 1000).toFixed(1)), loadAverageAtEnd: sectionLoad },
    };
  }

  report.ok = failures.length === 0;
  report.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  report.elapsedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  if (mergeSections && existsSync(out)) {
    try {
      const previous = JSON.parse(readFileSync(out, "utf8"));
      report.sections = { ...previous.sections, ...report.sections };
      report.sectionsKeptFromEarlierRuns = Object.keys(report.sections).filter((k) => !(opts.sections ?? []).includes(k));
    } catch {
      // An unreadable previous file is replaced.
    }
  }
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
