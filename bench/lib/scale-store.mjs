/**
 * @module A store with N executions (default 1,000,000) for the scale checks: filling it (SQLite
 * file or PostgreSQL schema, kept in a cache so later runs reuse it), the reads the API serves, and
 * timing them.
 *
 * Data: machine "big" holds half the executions, 99 machines share the rest; 90% SUCCEEDED, 5% FAILED,
 * 5% RUNNING, start dates 1 ms apart (every 10th pair tied); 3 events each; one execution with 10,000.
 * All 100 state machines exist (the service checks the machine before listing its executions).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, importFile } from "./paths.mjs";
import { median, quantile, round } from "./stats.mjs";
import { loadPg } from "./postgres.mjs";

const require = createRequire(join(ROOT, "package.json"));
const dist = (path) => importFile(join(ROOT, "dist", path));

/** Bump when the filled data changes shape: older caches are then filled again. */
export const FILL_VERSION = 3;
export const DEFAULT_EXECUTIONS = Number(process.env.STEPWISE_BENCH_SCALE_EXECUTIONS || 1_000_000);
export const CACHE_DIR = process.env.STEPWISE_BENCH_CACHE || join(tmpdir(), "stepwise-bench-cache");
export const LIMIT_MS = 10;

const T0 = 1_700_000_000_000;
const PREFIX = "arn:aws:states:us-east-1:123456789012";
export const LONG_EVENTS = 10_000;
const MACHINES = ["big", ...Array.from({ length: 99 }, (_, i) => `m${String(i).padStart(2, "0")}`)];
const machineOf = (i) => (i % 2 === 0 ? "big" : `m${String(i % 99).padStart(2, "0")}`);
const statusOf = (i) => ((i >> 1) % 20 === 1 ? "FAILED" : (i >> 1) % 20 === 2 ? "RUNNING" : "SUCCEEDED");
const nameOf = (i) => `exec-${String(i).padStart(7, "0")}`;
export const startOf = (i) => T0 + i - (i % 10 === 1 ? 1 : 0);
export const smArn = (m) => `${PREFIX}:stateMachine:${m}`;
export const exArn = (i) => `${PREFIX}:execution:${machineOf(i)}:${nameOf(i)}`;
const DEFINITION = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const ROLE = "arn:aws:iam::123456789012:role/r";

const stateMachineRecord = (m) => ({
  arn: smArn(m), name: m, type: "STANDARD", definition: DEFINITION, roleArn: ROLE, creationDate: T0 - 1000, updateDate: T0 - 1000,
  revisionId: "00000000-0000-4000-8000-000000000001", description: undefined, loggingConfiguration: undefined, tracingConfiguration: undefined, status: "ACTIVE",
});

// ---------- SQLite ----------

export const sqliteCacheDir = (n) => join(CACHE_DIR, `scale-sqlite-${n}`);
const markerOf = (dir) => join(dir, "filled.json");

/** The cached SQLite store's marker when it is complete and current, else undefined. */
export function cachedSqlite(n) {
  try {
    const marker = JSON.parse(readFileSync(markerOf(sqliteCacheDir(n)), "utf8"));
    return marker.fillVersion === FILL_VERSION && marker.executions === n ? marker : undefined;
  } catch {
    return undefined;
  }
}

/** Fills a SQLite store with `n` executions in `dir` (made fresh; a marker file is written last). */
export async function fillSqlite(dir, n, log = () => undefined) {
  const { openStore } = await dist("store/index.js");
  const building = `${dir}.filling`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const store = await openStore(building); // creates the schema
  for (const m of MACHINES) await store.createStateMachine(stateMachineRecord(m));
  await store.close();
  const Database = require("better-sqlite3");
  const db = new Database(join(building, "stepwise.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const t0 = Date.now();
  const defId = db.prepare("INSERT INTO definitions (hash, body) VALUES ('bench', ?)").run(DEFINITION).lastInsertRowid;
  const exec = db.prepare(`INSERT INTO executions (id, arn, state_machine_arn, name, status, start_date, stop_date, last_event_id, definition_id, role_arn, redrive_count, output)
    VALUES (?, ?, ?, ?, ?, ?, ?, 3, ?, '${ROLE}', 0, ?)`);
  const input = db.prepare("INSERT INTO execution_inputs (execution_id, input) VALUES (?, ?)");
  // As the store writes history: a transition's events as one row (sqlite-write.ts).
  const batch = db.prepare("INSERT INTO event_batches (execution_id, first_id, last_id, body) VALUES (?, ?, ?, ?)");
  const eventsRow = (list) => `[${list.map(([id, type, timestamp, details]) => `[${id},${id - 1},${JSON.stringify(type)},${timestamp},${details}]`).join(",")}]`;
  const fill = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const status = statusOf(i);
      exec.run(id, exArn(i), smArn(machineOf(i)), nameOf(i), status, startOf(i), status === "RUNNING" ? null : startOf(i) + 50, defId, status === "SUCCEEDED" ? `{"n":${i}}` : null);
      input.run(id, `{"n":${i}}`);
      const list = [1, 2, 3].map((k) => [k, k === 1 ? "ExecutionStarted" : "PassStateEntered", startOf(i) + k, `{"input":"{\\"n\\":${i}}"}`]);
      batch.run(id, 1, 3, eventsRow(list));
    }
  });
  for (let from = 0; from < n; from += 50_000) {
    fill(from, Math.min(n, from + 50_000));
    log(`SQLite: ${Math.min(n, from + 50_000).toLocaleString("en-US")} executions`);
  }
  const longId = n; // execution n-1 has id n
  db.transaction(() => {
    // Five events a transition, as a Task state writes them.
    for (let k = 4; k <= LONG_EVENTS; k += 5) {
      const list = [];
      for (let e = k; e < k + 5 && e <= LONG_EVENTS; e++) list.push([e, "PassStateEntered", T0 + e, "{}"]);
      batch.run(longId, k, list[list.length - 1][0], eventsRow(list));
    }
    db.prepare("UPDATE executions SET last_event_id = ? WHERE id = ?").run(LONG_EVENTS, longId);
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  const bytes = statSync(join(building, "stepwise.db")).size;
  const marker = { fillVersion: FILL_VERSION, executions: n, events: n * 3 + LONG_EVENTS - 3, bytes, fillSeconds: (Date.now() - t0) / 1000, filledAt: new Date().toISOString() };
  writeFileSync(markerOf(building), `${JSON.stringify(marker, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return marker;
}

// ---------- PostgreSQL ----------

export const postgresCacheSchema = (n) => `stepwise_bench_scale_${n}`;

/** The cached PostgreSQL schema's marker when complete and current, else undefined. */
export async function cachedPostgres(url, n) {
  const pg = loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const r = await client.query(`SELECT fill_version, executions, filled_at FROM "${postgresCacheSchema(n)}".bench_scale_meta`);
    const row = r.rows[0];
    return row && row.fill_version === FILL_VERSION && Number(row.executions) === n ? { fillVersion: row.fill_version, executions: n, filledAt: row.filled_at } : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fills schema `schema` (dropped and made again) with `n` executions; the marker table is written last. */
export async function fillPostgres(url, schema, n, log = () => undefined) {
  const { openStore } = await dist("store/index.js");
  const pg = loadPg();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const store = await openStore(url, { schema }); // creates the schema
    for (const m of MACHINES) await store.createStateMachine(stateMachineRecord(m));
    await store.close();
    await admin.query(`SET search_path TO "${schema}"`);
    const t0 = Date.now();
    const def = await admin.query("INSERT INTO definitions (hash, body) VALUES ('bench', $1) RETURNING id", [DEFINITION]);
    const step = 100_000;
    // Same data as SQLite, generated by the server (names and dates follow the same formulas).
    for (let from = 0; from < n; from += step) {
      const to = Math.min(n, from + step) - 1;
      await admin.query(`INSERT INTO executions (arn, state_machine_arn, name, status, start_date, stop_date, last_event_id, definition_id, role_arn, redrive_count, output)
        SELECT '${PREFIX}:execution:' || m || ':' || n, '${PREFIX}:stateMachine:' || m, n, s, d, CASE WHEN s = 'RUNNING' THEN NULL ELSE d + 50 END, 3, $3,
               '${ROLE}', 0, CASE WHEN s = 'SUCCEEDED' THEN '{"n":' || i || '}' END
        FROM (SELECT i, CASE WHEN i % 2 = 0 THEN 'big' ELSE 'm' || lpad((i % 99)::text, 2, '0') END AS m, 'exec-' || lpad(i::text, 7, '0') AS n,
                     CASE WHEN (i / 2) % 20 = 1 THEN 'FAILED' WHEN (i / 2) % 20 = 2 THEN 'RUNNING' ELSE 'SUCCEEDED' END AS s,
                     ${T0}::bigint + i - CASE WHEN i % 10 = 1 THEN 1 ELSE 0 END AS d
              FROM generate_series($1::bigint, $2::bigint) AS i) g ORDER BY i`, [from, to, def.rows[0].id]);
      log(`PostgreSQL: ${(to + 1).toLocaleString("en-US")} executions`);
    }
    await admin.query("INSERT INTO execution_inputs (execution_id, input) SELECT id, '{\"n\":' || substr(name, 6)::int || '}' FROM executions");
    log("PostgreSQL: events");
    await admin.query(`INSERT INTO events (execution_id, id, previous_event_id, type, timestamp, details)
      SELECT e.id, k, k - 1, CASE WHEN k = 1 THEN 'ExecutionStarted' ELSE 'PassStateEntered' END, e.start_date + k, '{"input":"{}"}'
      FROM executions e CROSS JOIN generate_series(1, 3) AS k`);
    const long = await admin.query("SELECT id FROM executions WHERE arn = $1", [exArn(n - 1)]);
    const longId = Number(long.rows[0].id);
    await admin.query(`INSERT INTO events (execution_id, id, previous_event_id, type, timestamp, details)
      SELECT $1, k, k - 1, 'PassStateEntered', ${T0} + k, '{}' FROM generate_series(4, ${LONG_EVENTS}) AS k`, [longId]);
    await admin.query("UPDATE executions SET last_event_id = $1 WHERE id = $2", [LONG_EVENTS, longId]);
    log("PostgreSQL: VACUUM ANALYZE");
    await admin.query("VACUUM ANALYZE executions");
    await admin.query("VACUUM ANALYZE events");
    const size = await admin.query("SELECT sum(pg_total_relation_size(c.oid))::bigint AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'", [schema]);
    const marker = { fillVersion: FILL_VERSION, executions: n, events: n * 3 + LONG_EVENTS - 3, bytes: Number(size.rows[0].s), fillSeconds: (Date.now() - t0) / 1000, filledAt: new Date().toISOString() };
    await admin.query("CREATE TABLE bench_scale_meta (fill_version INTEGER NOT NULL, executions BIGINT NOT NULL, filled_at TEXT NOT NULL)");
    await admin.query("INSERT INTO bench_scale_meta VALUES ($1, $2, $3)", [FILL_VERSION, n, marker.filledAt]);
    return marker;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

// ---------- Reads ----------

/** Times `fn` (async) `runs` times after a few warm-up calls; returns ms statistics. */
export async function time(fn, runs = 200) {
  for (let i = 0; i < 5; i++) await fn(i);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: round(median(ms), 4), p99: round(quantile(ms, 0.99), 4), max: round(Math.max(...ms), 4) };
}

/**
 * The reads through the Store interface: `[label, fn(i), query | null]` (the query's plan is shown).
 * `queries` is dist/store/queries.js, `encodeCursor` dist/store/cursor.js's.
 */
export function storeReads(store, n, { queries, encodeCursor, longId }) {
  const { listEventsQuery, listExecutionsQuery } = queries;
  const mid = Math.floor(n / 2) & ~1; // an execution of "big" half-way down its list
  const deep = encodeCursor([startOf(mid), exArn(mid)]);
  const longArn = exArn(n - 1);
  return [
    ["getExecution (random ARN)", (i) => store.getExecution(exArn((i * 7919) % n)), null],
    ["listExecutions big, first 100", () => store.listExecutions({ stateMachineArn: smArn("big") }, { limit: 100 }), listExecutionsQuery({ stateMachineArn: smArn("big") }, { limit: 100 })],
    ["listExecutions big+RUNNING, first 100", () => store.listExecutions({ stateMachineArn: smArn("big"), status: "RUNNING" }, { limit: 100 }),
      listExecutionsQuery({ stateMachineArn: smArn("big"), status: "RUNNING" }, { limit: 100 })],
    ["listExecutions big+FAILED, first 100", () => store.listExecutions({ stateMachineArn: smArn("big"), status: "FAILED" }, { limit: 100 }), null],
    ["listExecutions big, 100 at mid-list cursor", () => store.listExecutions({ stateMachineArn: smArn("big") }, { limit: 100, after: deep }),
      listExecutionsQuery({ stateMachineArn: smArn("big") }, { limit: 100, after: deep })],
    ["listExecutions m07, first 100", () => store.listExecutions({ stateMachineArn: smArn("m07") }, { limit: 100 }), null],
    ["listOpenExecutions, first 100", () => store.listOpenExecutions({ limit: 100 }), listExecutionsQuery({ status: "RUNNING" }, { limit: 100 })],
    ["listEvents (3 events), first page", (i) => store.listEvents(exArn((i * 104729) % n), { limit: 100 }), null],
    ["listEvents (10,000 events), first 100", () => store.listEvents(longArn, { limit: 100 }), longId === undefined ? null : listEventsQuery(longId, { limit: 100 })],
    ["listEvents (10,000 events), reverse 100", () => store.listEvents(longArn, { limit: 100, reverse: true }), longId === undefined ? null : listEventsQuery(longId, { limit: 100, reverse: true })],
  ];
}

/**
 * The same reads as the API serves them: Step Functions operations of createStatesService on the
 * filled store (input validation, the store read, shaping the AWS response), `[label, fn(i), check]`.
 */
export function serviceReads(ops, n) {
  const call = { accountId: "123456789012", region: "us-east-1", requestId: "bench" };
  const longArn = exArn(n - 1);
  const count = (machine, status) => {
    let c = 0;
    for (let i = 0; i < n && c < 100; i++) if (machineOf(i) === machine && (status === undefined || statusOf(i) === status)) c++;
    return c;
  };
  const expectLength = (key, length) => (out) => (out[key]?.length === length ? undefined : `${key}: ${out[key]?.length} items, expected ${length}`);
  return [
    ["DescribeExecution (random ARN)", (i) => ops.DescribeExecution({ executionArn: exArn((i * 7919) % n) }, call),
      (out) => (out.executionArn && out.status ? undefined : "no executionArn/status")],
    ["ListExecutions big, first page (100)", () => ops.ListExecutions({ stateMachineArn: smArn("big") }, call), expectLength("executions", count("big"))],
    ["ListExecutions big+RUNNING, first page", () => ops.ListExecutions({ stateMachineArn: smArn("big"), statusFilter: "RUNNING" }, call), expectLength("executions", count("big", "RUNNING"))],
    ["ListExecutions m07, first page", () => ops.ListExecutions({ stateMachineArn: smArn("m07") }, call), expectLength("executions", count("m07"))],
    ["GetExecutionHistory (3 events)", (i) => ops.GetExecutionHistory({ executionArn: exArn((i * 104729) % (n - 1)) }, call), expectLength("events", 3)],
    ["GetExecutionHistory (10,000 events), first page", () => ops.GetExecutionHistory({ executionArn: longArn }, call), expectLength("events", 100)],
    ["GetExecutionHistory (10,000 events), reverse", () => ops.GetExecutionHistory({ executionArn: longArn, reverseOrder: true }, call),
      (out) => (out.events?.length === 100 && out.events[0].id === LONG_EVENTS ? undefined : `reverse page: ${out.events?.length} events, first id ${out.events?.[0]?.id}`)],
  ];
}

export { DEFINITION as SCALE_DEFINITION };
