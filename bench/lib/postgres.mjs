/** @module The PostgreSQL the benchmarks use (a fresh schema per job, dropped after), and whether it answers. */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";

export const PG_URL = process.env.STEPWISE_BENCH_POSTGRES_URL || process.env.STEPWISE_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";

const require = createRequire(join(ROOT, "package.json"));
export const loadPg = () => require("pg");

/** Undefined when PostgreSQL answers at `url`, else why not (a sentence to print). */
export async function postgresUnreachable(url = PG_URL) {
  const pg = loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return `${url.replace(/\/\/[^@/]*@/, "//…@")} is not reachable (${e.message || e.code || e})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const freshSchemaName = (prefix = "stepwise_bench") => `${prefix}_${randomBytes(4).toString("hex")}`;

/** Drops a schema the benchmark created. */
export async function dropSchema(schema, url = PG_URL) {
  const pg = loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
