#!/usr/bin/env node
/**
 * @module Scale check of the store (not a test): fills a store with N executions (default 1,000,000)
 * and times the reads the API serves, through the Store interface (verdict: median under 10 ms), printing each query's plan to show
 * it is an index range (no scan, no sort). Needs `npm run build` first (imports dist/). The benchmark's
 * "scale" section (bench/sections/scale.mjs) runs the same reads, and the service operations, on a cached store.
 *
 *   node bench/store-scale.mjs [--executions=1000000] [--sqlite-only | --postgres-only] [--postgres=URL] [--keep]
 *
 * SQLite goes to a temporary folder (removed unless --keep). PostgreSQL (default URL
 * $STEPWISE_TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/test) goes to a fresh schema
 * `stepwise_scale_<random>` (dropped unless --keep); skipped with a note when not reachable.
 * The data is described in bench/lib/scale-store.mjs.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeCursor } from "../dist/store/cursor.js";
import { openStore } from "../dist/store/index.js";
import * as queries from "../dist/store/queries.js";
import { LIMIT_MS, exArn, fillPostgres, fillSqlite, storeReads, time } from "./lib/scale-store.mjs";
import { loadPg } from "./lib/postgres.mjs";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split(/=(.*)/s).slice(0, 2)));
const N = Number(args.executions ?? 1_000_000);
const PG_URL = args.postgres || process.env.STEPWISE_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";
const KEEP = "keep" in args;
const progress = (line) => process.stdout.write(`\r${line}   `);

async function report(label, store, explain, longId) {
  console.log(`\n${label}: reads through the Store interface (ms; 200 runs each after warm-up)`);
  console.log(`${"read".padEnd(44)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`);
  let ok = true;
  const plans = [];
  for (const [name, fn, query] of storeReads(store, N, { queries, encodeCursor, longId })) {
    const t = await time(fn);
    ok &&= t.p50 < LIMIT_MS;
    console.log(`${name.padEnd(44)} ${t.p50.toFixed(3).padStart(8)} ${t.p99.toFixed(3).padStart(8)} ${t.max.toFixed(3).padStart(8)}${t.p50 < LIMIT_MS ? "" : "  <-- over budget"}`);
    if (query) plans.push([name, await explain(query)]);
  }
  console.log(`\n${label}: query plans`);
  for (const [name, lines] of plans) console.log(`  ${name}\n${lines.map((l) => `      ${l}`).join("\n")}`);
  return ok;
}

async function sqliteScale() {
  const dir = join(mkdtempSync(join(tmpdir(), "stepwise-scale-")), "store");
  const marker = await fillSqlite(dir, N, progress);
  console.log(`\rSQLite: ${N.toLocaleString("en-US")} executions, ${marker.events.toLocaleString("en-US")} events in ${marker.fillSeconds.toFixed(1)} s; file ${(marker.bytes / 2 ** 20).toFixed(0)} MiB (${dir})`);
  const store = await openStore(dir);
  const Database = require("better-sqlite3");
  const plain = new Database(join(dir, "stepwise.db"), { readonly: true });
  const explain = async (q) => plain.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => r.detail);
  const ok = await report("SQLite", store, explain, N);
  plain.close();
  await store.close();
  if (!KEEP) rmSync(join(dir, ".."), { recursive: true, force: true });
  return ok;
}

async function postgresScale() {
  const pg = loadPg();
  const schema = `stepwise_scale_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`\nPostgreSQL: skipped, ${PG_URL} not reachable (${error.message})`);
    return true;
  }
  try {
    const marker = await fillPostgres(PG_URL, schema, N, progress);
    console.log(`\rPostgreSQL: ${N.toLocaleString("en-US")} executions, ${marker.events.toLocaleString("en-US")} events in ${marker.fillSeconds.toFixed(1)} s; ${(marker.bytes / 2 ** 20).toFixed(0)} MiB (schema ${schema})`);
    const long = await admin.query(`SELECT id FROM "${schema}".executions WHERE arn = $1`, [exArn(N - 1)]);
    const store = await openStore(PG_URL, { schema });
    await admin.query(`SET search_path TO "${schema}"`);
    const explain = async (q) => (await admin.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF) ${queries.numbered(q.sql)}`, q.params)).rows.map((r) => r["QUERY PLAN"]);
    const ok = await report("PostgreSQL", store, explain, Number(long.rows[0].id));
    await store.close();
    return ok;
  } finally {
    if (!KEEP) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

let ok = true;
if (!("postgres-only" in args)) ok = (await sqliteScale()) && ok;
if (!("sqlite-only" in args)) ok = (await postgresScale()) && ok;
// The verdict is on medians: p99 and max on a shared machine mostly measure other processes' CPU use.
console.log(ok ? `\nAll reads under ${LIMIT_MS} ms (median).` : `\nSome reads over ${LIMIT_MS} ms (median).`);
process.exitCode = ok ? 0 : 1;
