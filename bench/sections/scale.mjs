/**
 * @module Section "scale": reads at 1,000,000 executions, through the Store interface and through the
 * Step Functions service (createStatesService on the filled store: the API's own work without HTTP):
 * DescribeExecution, ListExecutions first page, GetExecutionHistory. Filling takes minutes, so the
 * filled stores are cached (bench/lib/scale-store.mjs: SQLite in $STEPWISE_BENCH_CACHE or
 * $TMPDIR/stepwise-bench-cache, PostgreSQL in schema stepwise_bench_scale_<N>) and filled only with
 * --scale; without a cache the section says how to fill one.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { join } from "node:path";
import { ROOT, importFile } from "../lib/paths.mjs";
import { PG_URL, postgresUnreachable } from "../lib/postgres.mjs";
import {
  CACHE_DIR, DEFAULT_EXECUTIONS, LIMIT_MS, cachedPostgres, cachedSqlite, exArn, fillPostgres, fillSqlite, postgresCacheSchema,
  serviceReads, sqliteCacheDir, storeReads, time,
} from "../lib/scale-store.mjs";
import { fmtMs, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";
import { jobFailures } from "../lib/check.mjs";

export const name = "scale";
export const title = "Scale: reads at 1,000,000 executions (Store interface and Step Functions service)";
export const TARGETS = { maxP50Ms: LIMIT_MS };
const dist = (path) => importFile(join(ROOT, "dist", path));
const RUNS = { full: 200, quick: 50 };

export async function plan(options) {
  const n = DEFAULT_EXECUTIONS;
  const notes = [];
  const jobs = [];
  const budget = options.quick ? "quick" : "full";
  const how = `npm run bench -- --section=scale --scale`;
  const want = (store) => !options.engines || options.engines.includes(store);
  if (want("sqlite")) {
    const cached = cachedSqlite(n);
    if (cached || options.scale) jobs.push({ section: name, kind: "scale", workload: `${n.toLocaleString("en-US")} executions`, engine: "sqlite", store: "sqlite", n, fill: !cached, budget });
    else notes.push(`SQLite skipped: no filled ${n.toLocaleString("en-US")}-execution store cached in ${sqliteCacheDir(n)}. Fill it once (a few minutes, about 1.5 GB) with \`${how}\`; later runs reuse it.`);
  }
  if (want("postgres")) {
    const down = await postgresUnreachable();
    if (down) notes.push(`PostgreSQL skipped: ${down}`);
    else {
      const cached = await cachedPostgres(PG_URL, n);
      if (cached || options.scale) jobs.push({ section: name, kind: "scale", workload: `${n.toLocaleString("en-US")} executions`, engine: "postgres", store: "postgres", n, fill: !cached, budget });
      else notes.push(`PostgreSQL skipped: no filled schema ${postgresCacheSchema(n)}. Fill it once (several minutes) with \`${how}\`.`);
    }
  }
  return { jobs, notes };
}

export async function runJob(job) {
  const [{ openStore }, { createEngine }, { compilePlan }, { systemClock }, { createStatesService }, queries, { encodeCursor }] = await Promise.all([
    dist("store/index.js"), dist("engine/index.js"), dist("asl/index.js"), dist("shared/clock.js"), dist("services/index.js"),
    dist("store/queries.js"), dist("store/cursor.js"),
  ]);
  const n = job.n;
  const log = (line) => process.stderr.write(`\r  ${line}   `);
  let filled;
  if (job.fill) {
    filled = job.store === "sqlite" ? await fillSqlite(sqliteCacheDir(n), n, log) : await fillPostgres(PG_URL, postgresCacheSchema(n), n, log);
    process.stderr.write("\n");
  }
  const marker = job.store === "sqlite" ? cachedSqlite(n) : await cachedPostgres(PG_URL, n);
  if (!marker) throw new Error(`the ${job.store} scale store is not filled`);
  const store = job.store === "sqlite" ? await openStore(sqliteCacheDir(n)) : await openStore(PG_URL, { schema: postgresCacheSchema(n) });
  try {
    // The service as src/main.ts builds it; the engine is not resumed (no execution here is really running).
    const random = { uuid: () => randomUUID(), float: () => Math.random() };
    const engine = createEngine({
      store, clock: systemClock, random, compile: (d) => compilePlan(JSON.parse(d)),
      invokeTask: () => Promise.reject(new Error("no tasks in the scale check")),
    });
    const ops = createStatesService({ store, engine, clock: systemClock, random, accountId: "123456789012", region: "us-east-1" });
    const runs = RUNS[job.budget] ?? RUNS.full;
    const load = os.loadavg()[0];
    const longId = job.store === "sqlite" ? n : undefined;
    const storeTimes = [];
    for (const [label, fn] of storeReads(store, n, { queries, encodeCursor, longId })) storeTimes.push({ read: label, ...(await time(fn, runs)) });
    const problems = [];
    const serviceTimes = [];
    for (const [label, fn, check] of serviceReads(ops, n)) {
      const problem = check(await fn(0));
      if (problem) problems.push(`${label}: ${problem}`);
      serviceTimes.push({ read: label, ...(await time(fn, runs)) });
    }
    const described = await ops.DescribeExecution({ executionArn: exArn(n - 1) }, { accountId: "123456789012", region: "us-east-1", requestId: "bench" });
    if (described.name !== exArn(n - 1).split(":").pop()) problems.push(`DescribeExecution returned ${described.name}`);
    await engine.close();
    const worst = Math.max(...serviceTimes.map((t) => t.p50));
    return {
      ...job,
      marker: { ...marker, ...(filled ? { filledNow: true } : {}) },
      runsPerRead: runs,
      store: job.store,
      storeReads: storeTimes,
      serviceReads: serviceTimes,
      loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
      problems,
      progress: `${serviceTimes.length} service reads, slowest p50 ${fmtMs(worst)}${filled ? ` (filled now in ${filled.fillSeconds.toFixed(0)} s)` : ""}${problems.length ? " MISMATCH" : " checked ok"}`,
    };
  } finally {
    await store.close();
  }
}

export function summarize(jobResults, _options, planned = {}) {
  const failures = jobFailures(jobResults);
  const done = jobResults.filter((r) => !r.error);
  const rows = [];
  for (const r of done) {
    for (const t of r.serviceReads) rows.push([r.store, `service ${t.read}`, fmtMs(t.p50), fmtMs(t.p99), fmtMs(t.max), `${(t.p50 / LIMIT_MS).toFixed(2)}x ${t.p50 < LIMIT_MS ? "ok" : "MISS"}`]);
    for (const t of r.storeReads) rows.push([r.store, `store ${t.read}`, fmtMs(t.p50), fmtMs(t.p99), fmtMs(t.max), `${(t.p50 / LIMIT_MS).toFixed(2)}x ${t.p50 < LIMIT_MS ? "ok" : "MISS"}`]);
  }
  const skipped = planned.notes ?? [];
  const table = rows.length
    ? formatTable(["store", `read at ${(done[0]?.n ?? DEFAULT_EXECUTIONS).toLocaleString("en-US")} executions`, "p50", "p99", "max", `p50 / ${LIMIT_MS} ms target`], rows)
    : `(nothing measured: ${skipped.length ? "see the notes above" : "no store selected"})`;
  const misses = done.flatMap((r) => [...r.serviceReads.map((t) => ["service", t]), ...r.storeReads.map((t) => ["store", t])]
    .filter(([, t]) => t.p50 >= LIMIT_MS).map(([layer, t]) => `${r.store} ${layer} ${t.read}: p50 ${fmtMs(t.p50)} (target < ${LIMIT_MS} ms)`));
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: TARGETS,
      executions: done[0]?.n ?? DEFAULT_EXECUTIONS,
      cache: { sqlite: sqliteCacheDir(DEFAULT_EXECUTIONS), postgresSchema: postgresCacheSchema(DEFAULT_EXECUTIONS), dir: CACHE_DIR },
      allTargetsMet: done.length > 0 && misses.length === 0,
      skipped,
      stores: Object.fromEntries(done.map((r) => [r.store, { marker: r.marker, runsPerRead: r.runsPerRead, serviceReads: r.serviceReads, storeReads: r.storeReads, loadAverage: r.loadAverage }])),
    },
    notes: [
      "service = the Step Functions operation (createStatesService on the filled store: input checks, the store read, the AWS-shaped response), called in process without HTTP; store = the Store interface call alone.",
      "Each read: 5 warm-up calls, then 200 timed calls one after another (--quick: 50); p50/p99/max in ms. Random ARNs for DescribeExecution / 3-event histories; the 10,000-event history pages are 100 events (AWS's default page).",
      "Data: half the executions on machine 'big', the rest over 99 machines; 90% SUCCEEDED, 5% FAILED, 5% RUNNING; 3 events each, one execution with 10,000 (bench/lib/scale-store.mjs). Query plans: node bench/store-scale.mjs.",
      "The verdict is on medians: p99 and max on a shared machine mostly measure other processes' CPU use.",
    ],
  };
}
