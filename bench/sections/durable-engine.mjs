/**
 * @module Section "durable-engine": Standard executions through the durable engine (createEngine over
 * openStore, as src/main.ts builds it) with full history, on SQLite (a file in a temp folder) and
 * PostgreSQL (a fresh schema). State transitions per second at 1, 10 and 100 executions in flight;
 * the time to start and finish 10,000 short executions; the plain-code commit limits of the same
 * machine, measured in the same run; and a CPU profile split into store / transition / snapshot work.
 */
import os from "node:os";
import { DURABLE_WORKLOADS, HANDLERS } from "../lib/durable-workloads.mjs";
import { openDurable } from "../lib/durable-env.mjs";
import { jobFailures, jsonEqual } from "../lib/check.mjs";
import { inUrl, isFunction, leafUnder, splitProfile, startCpuProfile } from "../lib/cpu-profile.mjs";
import { ioCounters, ioDelta } from "../lib/io-stats.mjs";
import { postgresUnreachable } from "../lib/postgres.mjs";
import { postgresInsertLoop, sqliteInsertLoop } from "../lib/store-limits.mjs";
import { fmtMs, fmtRate, fmtRatio, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";
import { durableNotes, profileLines } from "../lib/durable-report.mjs";

export const name = "durable-engine";
export const title = "Durable engine: Standard executions with full history (SQLite file, PostgreSQL)";

/** Target from the issue: at least 20,000 state transitions per second with history on SQLite, 2 cores. */
export const TARGETS = { sqliteTransitionsPerSec: 20_000 };
const CONCURRENCY = [1, 10, 100];
const STORES = ["sqlite", "postgres"];
const BUDGETS = {
  full: { warmupMs: 600, warmupExecutions: 100, measureMs: 2000, rounds: 3, limitMs: 1500, batch: 10_000, profileMs: 2000 },
  quick: { warmupMs: 200, warmupExecutions: 20, measureMs: 800, rounds: 1, limitMs: 500, batch: 2_000, profileMs: 800 },
  smoke: { warmupMs: 20, warmupExecutions: 2, measureMs: 100, rounds: 1, limitMs: 100, batch: 50, profileMs: 100 },
};

export async function plan(options) {
  const budget = options.quick ? "quick" : "full";
  const notes = [];
  const pgDown = await postgresUnreachable();
  if (pgDown) notes.push(`PostgreSQL skipped: ${pgDown}`);
  const stores = STORES.filter((s) => !(s === "postgres" && pgDown)).filter((s) => !options.engines || options.engines.includes(s));
  const wanted = (w) => !options.only || options.only.includes(w);
  const jobs = [];
  const job = (fields) => jobs.push({ section: name, budget, ...fields });
  if (wanted("limits")) job({ kind: "limits", workload: "limits", engine: "plain", postgres: stores.includes("postgres") });
  for (const store of stores) {
    for (const workload of ["pass-chain-10", "task-chain-10"]) {
      if (!wanted(workload)) continue;
      for (const concurrency of CONCURRENCY) job({ kind: "throughput", workload, engine: store, store, concurrency });
    }
    // A large state: one execution in flight (its 1,000 iterations are the concurrency).
    if (wanted("map-1000")) job({ kind: "throughput", workload: "map-1000", engine: store, store, concurrency: 1 });
    if (wanted("start-10000")) job({ kind: "batch", workload: "start-10000", engine: store, store, machine: "hello-3" });
  }
  // A reference, not Stepwise as shipped: SQLite in memory (no disk: the engine's own CPU ceiling).
  if (!options.engines || options.engines.includes("sqlite-memory")) {
    for (const workload of ["pass-chain-10", "task-chain-10"]) {
      if (!wanted(workload)) continue;
      for (const concurrency of [1, 10]) job({ kind: "throughput", workload, engine: "sqlite-memory", store: "sqlite-memory", concurrency });
    }
  }
  // The profile: where the time of a SQLite transition goes (skipped when --cpu-prof profiles every job anyway).
  // The same on SQLite in memory: the CPU side alone, without disk waits.
  if (!options.cpuProfDir && stores.includes("sqlite")) {
    for (const workload of ["task-chain-10", "pass-chain-10"]) {
      if (wanted("profile") || wanted(workload)) job({ kind: "profile", workload, engine: "sqlite", store: "sqlite", concurrency: 10 });
    }
    if (wanted("profile") || wanted("task-chain-10")) {
      job({ kind: "profile", workload: "task-chain-10", engine: "sqlite-memory", store: "sqlite-memory", concurrency: 10 });
      // One execution in flight: each commit waits for the one before (latency, not group commit).
      job({ kind: "profile", workload: "task-chain-10", engine: "sqlite", store: "sqlite", concurrency: 1 });
    }
  }
  return { jobs, notes };
}

export async function runJob(job) {
  const budget = BUDGETS[job.budget] ?? BUDGETS.full;
  if (job.kind === "limits") return runLimits(job, budget);
  if (job.kind === "throughput") return runThroughput(job, budget);
  if (job.kind === "batch") return runBatch(job, budget);
  if (job.kind === "profile") return runProfile(job, budget);
  throw new Error(`unknown job kind ${job.kind}`);
}

async function runLimits(job, budget) {
  const sqlite = [
    { synchronous: "NORMAL", perCommit: 1 },
    { synchronous: "FULL", perCommit: 1 },
    { synchronous: "NORMAL", perCommit: 10 },
    { synchronous: "NORMAL", perCommit: 100 },
  ].map((c) => sqliteInsertLoop({ ...c, ms: budget.limitMs }));
  const postgres = [];
  if (job.postgres) for (const connections of [1, 10]) postgres.push(await postgresInsertLoop({ connections, ms: budget.limitMs }));
  const n = sqlite[0];
  return { ...job, problems: [], limits: { sqlite, postgres }, progress: `${n.commitsPerSec.toLocaleString("en-US")} commits/s (SQLite NORMAL, 1 transition a commit)` };
}

/**
 * Keeps `concurrency` executions in flight until `ms` has passed (and, for a warm-up, at least
 * `minExecutions` were started, within 4 s), then lets them finish.
 */
async function drive(env, workload, concurrency, ms, minExecutions = 0) {
  const arns = [];
  const start = performance.now();
  let count = 0;
  const more = () => performance.now() < start + ms || (count < minExecutions && performance.now() < start + 4000);
  const worker = async () => {
    while (more()) {
      count++;
      const execution = await env.run("Bench", workload.definition, workload.input);
      arns.push(await execution.closed);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return arns;
}

/** Checks closed executions: status and output of a sample, the full history of a few, and the counts of all. */
async function verify(env, workload, arns, counts) {
  const problems = [];
  const sample = arns.length <= 200 ? arns : arns.filter((_, i) => i % Math.ceil(arns.length / 200) === 0);
  for (const arn of sample) {
    const r = await env.store.getExecution(arn);
    if (r?.status !== "SUCCEEDED") problems.push(`${arn}: status ${r?.status} (${r?.error ?? ""} ${r?.cause ?? ""})`);
    else if (!jsonEqual(JSON.parse(r.output), workload.output)) problems.push(`${arn}: output ${r.output}`);
  }
  for (const arn of sample.slice(0, 3)) {
    let stored = 0;
    for (let next, first = true; first || next; first = false) {
      const page = await env.store.listEvents(arn, { limit: 1000, after: next });
      stored += page.items.length;
      next = page.next;
    }
    if (stored !== workload.events) problems.push(`${arn}: ${stored} history events, expected ${workload.events}`);
  }
  if (counts) {
    const n = arns.length;
    if (counts.statesEntered !== n * workload.statesEntered) problems.push(`${counts.statesEntered} *StateEntered events committed for ${n} executions, expected ${n * workload.statesEntered}`);
    if (counts.events !== n * workload.events) problems.push(`${counts.events} history events committed for ${n} executions, expected ${n * workload.events}`);
    if (counts.commits !== n * workload.commits) problems.push(`${counts.commits} commits for ${n} executions, expected ${n * workload.commits}`);
  }
  return [...new Set(problems)].slice(0, 20);
}

/**
 * Throughput of one store, workload and concurrency: `budget.rounds` timed rounds on one warmed-up
 * engine, each checked on its own; the row reports the median round (by transitions/s) and the spread.
 */
async function runThroughput(job, budget) {
  const workload = DURABLE_WORKLOADS[job.workload];
  const env = await openDurable(job.store, HANDLERS);
  try {
    await drive(env, workload, job.concurrency, budget.warmupMs, budget.warmupExecutions);
    const rounds = [];
    for (let i = 0; i < (budget.rounds ?? 1); i++) rounds.push(await measureRound(env, workload, job, budget));
    const sorted = [...rounds].sort((a, b) => a.transitionsPerSec - b.transitionsPerSec);
    const median = sorted[Math.floor(sorted.length / 2)];
    const problems = [...new Set(rounds.flatMap((r) => r.problems))].slice(0, 20);
    const spread = rounds.length > 1 ? `, rounds ${sorted.map((r) => fmtRate(r.transitionsPerSec)).join(" / ")}` : "";
    return {
      ...job,
      ...median,
      roundsTransitionsPerSec: rounds.map((r) => r.transitionsPerSec),
      problems,
      progress: `${fmtRate(median.transitionsPerSec)} state transitions (median round: ${median.executions} executions in ${fmtMs(median.ms)}, CPU ${fmtMs(median.cpuMs)}${spread})${problems.length ? " MISMATCH" : " checked ok"}`,
    };
  } finally {
    await env.close();
  }
}

/** One timed round: `concurrency` executions in flight for `budget.measureMs`, then counted and checked. */
async function measureRound(env, workload, job, budget) {
  globalThis.gc?.();
  env.resetCounts();
  const load = os.loadavg()[0];
  const io0 = ioCounters();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const arns = await drive(env, workload, job.concurrency, budget.measureMs);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const io = ioDelta(io0, ioCounters());
  const counts = { ...env.counts };
  const problems = await verify(env, workload, arns, counts);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perSec = (x) => Math.round(x / (ms / 1000));
  return {
    executions: arns.length,
    ms: round(ms, 5),
    cpuMs: round(cpuMs, 5),
    statesEntered: counts.statesEntered,
    events: counts.events,
    commits: counts.commits,
    transitionsPerSec: perSec(counts.statesEntered),
    transitionsPerCpuSec: Math.round(counts.statesEntered / (cpuMs / 1000)),
    eventsPerSec: perSec(counts.events),
    commitsPerSec: perSec(counts.commits),
    executionsPerSec: perSec(arns.length),
    // From the call until the promise settles: waiting for the group's turn, the statements, the COMMIT.
    storeWriteMsPerCommit: round(counts.writeMs / counts.commits, 3),
    writesPerGroup: round(counts.commits / Math.max(1, counts.settleTurns), 3),
    snapshotBytesPerCommit: Math.round(counts.snapshotBytes / counts.commits),
    bytesWrittenPerCommit: io ? Math.round(io.writeBytes / counts.commits) : undefined,
    cpuShare: round(cpuMs / ms, 3),
    loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
    problems,
  };
}

async function runBatch(job, budget) {
  const workload = DURABLE_WORKLOADS[job.machine];
  const env = await openDurable(job.store, HANDLERS);
  try {
    await drive(env, workload, 10, budget.warmupMs);
    globalThis.gc?.();
    env.resetCounts();
    const count = budget.batch;
    const load = os.loadavg()[0];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const starts = [];
    for (let i = 0; i < count; i++) starts.push(env.run("Hello", workload.definition, workload.input));
    const started = await Promise.all(starts);
    const allStartedMs = performance.now() - t0;
    const arns = await Promise.all(started.map((s) => s.closed));
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const counts = { ...env.counts };
    const problems = await verify(env, workload, arns, counts);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      ...job,
      writesPerGroup: round(counts.commits / Math.max(1, counts.settleTurns), 3),
      executions: count,
      allStartedMs: round(allStartedMs, 5),
      ms: round(ms, 5),
      cpuMs: round(cpuMs, 5),
      executionsPerSec: Math.round(count / (ms / 1000)),
      statesEntered: counts.statesEntered,
      transitionsPerSec: Math.round(counts.statesEntered / (ms / 1000)),
      commits: counts.commits,
      loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
      problems,
      progress: `${count.toLocaleString("en-US")} executions started in ${fmtMs(allStartedMs)}, all finished in ${fmtMs(ms)}${problems.length ? " MISMATCH" : " checked ok"}`,
    };
  } finally {
    await env.close();
  }
}

/** Where a transition's time goes, by the stack of each CPU profile sample (first match wins). */
export const DURABLE_CATEGORIES = [
  { name: "snapshot JSON (serializeState / deserializeState)", match: isFunction("serializeState", "deserializeState") },
  { name: "SQLite COMMIT itself (WAL append, checkpoints, disk waits)", matchStack: leafUnder("run", "commitGroup") },
  { name: "store statements (INSERT/UPDATE: SQLite or pg, row building)", match: inUrl("/dist/store/", "better-sqlite3", "/pg/", "pg-protocol", "pg-pool") },
  { name: "batch building (toBatch: events and outbox as JSON)", match: inUrl("/dist/engine/to-batch.js") },
  { name: "transition (engine, ASL evaluation, history events)", match: inUrl("/dist/engine/", "/dist/asl/", "/dist/history/", "/dist/shared/") },
  { name: "task handler and bench driver", match: inUrl("/bench/") },
  { name: "garbage collection", match: isFunction("(garbage collector)") },
  { name: "idle (waiting for I/O or timers)", match: isFunction("(idle)") },
];

async function runProfile(job, budget) {
  const workload = DURABLE_WORKLOADS[job.workload];
  const env = await openDurable(job.store, HANDLERS);
  try {
    await drive(env, workload, job.concurrency, budget.warmupMs, budget.warmupExecutions);
    env.resetCounts();
    const profiler = await startCpuProfile();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const arns = await drive(env, workload, job.concurrency, budget.profileMs);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const profile = await profiler.stop();
    const counts = { ...env.counts };
    const problems = await verify(env, workload, arns, counts);
    const split = splitProfile(profile, DURABLE_CATEGORIES);
    return {
      ...job,
      executions: arns.length,
      ms: round(ms, 5),
      cpuMs: round((cpu.user + cpu.system) / 1000, 5),
      transitionsPerSec: Math.round(counts.statesEntered / (ms / 1000)),
      commits: counts.commits,
      profile: split,
      problems,
      progress: `profiled ${arns.length} executions (${fmtMs(ms)}; profiling slows it down)`,
    };
  } finally {
    await env.close();
  }
}

/**
 * Where a missed row's time goes, per state transition: the same workload and concurrency on SQLite
 * in memory (engine, statements, no file) and the rest, the file's commits (WAL append, locks).
 */
function timeSplit(row, memoryRow) {
  const us = (perSec) => 1e6 / perSec;
  const budget = `the target leaves ${Math.round(us(TARGETS.sqliteTransitionsPerSec))} µs`;
  const total = us(row.transitionsPerSec);
  if (!memoryRow) return `; ${Math.round(total)} µs a transition (${budget})`;
  const memory = us(memoryRow.transitionsPerSec);
  // Rows run one after another: other load during the memory row can make it the slower one.
  if (memory >= total) {
    return `; ${Math.round(total)} µs a transition, ${Math.round(memory)} µs the same on SQLite in memory: the memory row ran no faster ` +
      `(other load between rows), so no file share can be told apart; ${budget}`;
  }
  return `; ${Math.round(total)} µs a transition = ${Math.round(memory)} µs the same on SQLite in memory (engine and statements, no file) ` +
    `+ ${Math.round(total - memory)} µs the file's commits (WAL append, locks); ${budget}`;
}

const mark = (ok) => (ok ? "ok" : "MISS");
const kb = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)} KB` : "-");
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : "-");

export function summarize(jobResults, _options, planned = {}) {
  const failures = jobFailures(jobResults, (r) => `${r.workload} / ${r.engine}${r.concurrency ? ` c=${r.concurrency}` : ""}`);
  const ok = (r) => r && !r.error;
  const limits = jobResults.find((r) => r.kind === "limits" && ok(r))?.limits;
  const sqliteLimit = limits?.sqlite.find((l) => l.synchronous === "NORMAL" && l.perCommit === 1);
  const pgLimit = limits?.postgres.find((l) => l.connections === 10);
  const limitFor = (store) => (store === "sqlite" ? sqliteLimit : store === "postgres" ? pgLimit : undefined);

  const throughput = jobResults.filter((r) => r.kind === "throughput" && ok(r)).map((r) => {
    const limit = limitFor(r.store);
    const judged = r.store === "sqlite" && DURABLE_WORKLOADS[r.workload].target !== false;
    const target = judged ? { min: TARGETS.sqliteTransitionsPerSec, met: r.transitionsPerSec >= TARGETS.sqliteTransitionsPerSec } : undefined;
    return {
      ...r,
      ratioVsTarget: target ? round(r.transitionsPerSec / TARGETS.sqliteTransitionsPerSec, 3) : undefined,
      ratioVsPlainCommitLimit: limit ? round(r.transitionsPerSec / limit.commitsPerSec, 3) : undefined,
      commitsVsPlainCommitLimit: limit ? round(r.commitsPerSec / limit.commitsPerSec, 3) : undefined,
      target,
    };
  });
  const storeLabel = (r) => r.store;
  const rows = throughput.map((r) => [
    storeLabel(r), r.workload, String(r.concurrency), r.executions.toLocaleString("en-US"),
    fmtRate(r.transitionsPerSec),
    r.roundsTransitionsPerSec?.length > 1 ? `${fmtRate(Math.min(...r.roundsTransitionsPerSec))}-${fmtRate(Math.max(...r.roundsTransitionsPerSec))}` : "-",
    r.target ? `${fmtRatio(r.ratioVsTarget)} ${mark(r.target.met)}` : "-",
    fmtRate(r.transitionsPerCpuSec),
    fmtRate(r.eventsPerSec),
    fmtRate(r.commitsPerSec),
    r.ratioVsPlainCommitLimit === undefined ? "-" : fmtRatio(r.ratioVsPlainCommitLimit),
    r.commitsVsPlainCommitLimit === undefined ? "-" : fmtRatio(r.commitsVsPlainCommitLimit),
    `${r.storeWriteMsPerCommit.toFixed(2)} ms`,
    r.writesPerGroup.toFixed(1),
    kb(r.bytesWrittenPerCommit),
    kb(r.snapshotBytesPerCommit),
    pct(r.cpuShare),
    r.problems.length ? "FAIL" : "ok",
  ]);
  const table1 = formatTable(
    ["store", "workload", "in flight", "executions", "transitions/s", "rounds min-max", `/target ${fmtRate(TARGETS.sqliteTransitionsPerSec)}`, "per CPU-s", "events/s",
      "commits/s", "/limit", "commits/limit", "write/commit", "writes/group", "disk/commit", "snapshot", "CPU", "checks"],
    rows,
  );

  const batches = jobResults.filter((r) => r.kind === "batch" && ok(r));
  const table2 = batches.length ? formatTable(
    ["store", "short executions (Pass, Task, Succeed)", "all started", "all finished", "executions/s", "transitions/s", "writes/group", "CPU", "checks"],
    batches.map((r) => [storeLabel(r), r.executions.toLocaleString("en-US"), fmtMs(r.allStartedMs), fmtMs(r.ms), fmtRate(r.executionsPerSec),
      fmtRate(r.transitionsPerSec), r.writesPerGroup.toFixed(1), fmtMs(r.cpuMs), r.problems.length ? "FAIL" : "ok"]),
  ) : "";

  const limitRows = [
    ...(limits?.sqlite ?? []).map((l) => [`SQLite WAL synchronous=${l.synchronous}`, String(l.perCommit), fmtRate(l.commitsPerSec), fmtRate(l.transitionsPerSec), kb(l.bytesWrittenPerCommit), pct(l.cpuShare),
      l.synchronous === "NORMAL" ? `${{ 1: "18.5k", 10: "49k", 100: "104k" }[l.perCommit]}/s` : l.perCommit === 1 ? "6.6k/s" : "-"]),
    ...(limits?.postgres ?? []).map((l) => [`PostgreSQL, ${l.connections} connection${l.connections > 1 ? "s" : ""}`, "1", fmtRate(l.commitsPerSec), fmtRate(l.transitionsPerSec), "-", pct(l.cpuShare), "-"]),
  ];
  const table3 = limitRows.length ? formatTable(
    ["plain-code limit, this run (2 events of ~250 B a transition)", "transitions/commit", "commits/s", "transitions/s", "disk/commit", "CPU", "measured-limits.md"],
    limitRows,
  ) : "";

  const profiles = jobResults.filter((r) => r.kind === "profile" && ok(r));
  const table = [
    table1,
    table2 && `\n10,000 short Standard executions, all started at once:\n${table2}`,
    table3 && `\nLimits measured in this run with plain code (no Stepwise):\n${table3}`,
    ...profiles.map((p) => `\n${profileLines(p)}`),
  ].filter(Boolean).join("\n");

  const sqliteRows = throughput.filter((r) => r.target);
  const misses = sqliteRows.filter((r) => !r.target.met).map((r) =>
    `SQLite ${r.workload} with ${r.concurrency} in flight: ${fmtRate(r.transitionsPerSec)} state transitions (${fmtRatio(r.ratioVsTarget)} of the ${fmtRate(TARGETS.sqliteTransitionsPerSec)} target); ` +
    `${fmtRate(r.commitsPerSec)} commits (${r.writesPerGroup.toFixed(1)} a group) at ${kb(r.bytesWrittenPerCommit)} written each, CPU busy ${pct(r.cpuShare)}` +
    timeSplit(r, throughput.find((m) => m.store === "sqlite-memory" && m.workload === r.workload && m.concurrency === r.concurrency)));
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: TARGETS,
      counting: "state transitions = *StateEntered history events committed (AWS's state-transition quota counts states entered); events = all history events; commits = store transactions (createExecution + commitTransition)",
      allTargetsMet: sqliteRows.length > 0 && sqliteRows.every((r) => r.target.met),
      skipped: planned.notes ?? [],
      workloads: Object.fromEntries(Object.entries(DURABLE_WORKLOADS).map(([k, w]) => [k, { description: w.description, statesEntered: w.statesEntered, events: w.events, commits: w.commits }])),
      limits,
      throughput,
      startAndFinish: batches,
      profiles,
    },
    notes: durableNotes(TARGETS),
  };
}
