/**
 * @module What the hardware allows, measured with plain code in the same run as Stepwise's figures
 * (see ../shared/reference/measured-limits.md): a better-sqlite3 insert loop in WAL mode, one
 * transaction per "transition" of 2 history events (~250-byte rows), then 10 and 100 transitions per
 * transaction (group commit); and the same on PostgreSQL with the `pg` client.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { ioCounters, ioDelta } from "./io-stats.mjs";
import { PG_URL, dropSchema, freshSchemaName, loadPg } from "./postgres.mjs";

const require = createRequire(join(ROOT, "package.json"));
const EVENTS_TABLE = `CREATE TABLE events (execution_id INTEGER NOT NULL, id INTEGER NOT NULL, previous_event_id INTEGER NOT NULL,
  type TEXT NOT NULL, timestamp BIGINT NOT NULL, details TEXT NOT NULL, PRIMARY KEY (execution_id, id))`;
/** ~250 bytes a row, as in measured-limits.md. */
const DETAILS = JSON.stringify({ stateEnteredEventDetails: { name: "State", input: "x".repeat(165), inputDetails: { truncated: false } } });

/**
 * One SQLite configuration: `synchronous` (NORMAL / FULL), `perCommit` transitions per transaction.
 * Returns commits/s, transitions/s, CPU share and bytes written per commit.
 */
export function sqliteInsertLoop({ synchronous, perCommit, ms }) {
  const Database = require("better-sqlite3");
  const dir = mkdtempSync(join(tmpdir(), "stepwise-bench-limit-"));
  const db = new Database(join(dir, "limit.db"));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    db.exec(EVENTS_TABLE);
    const insert = db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)");
    let event = 0;
    const transition = () => {
      const execution = event >> 6; // a new execution every 32 transitions
      event++;
      insert.run(execution, event, event - 1, "TaskStateEntered", Date.now(), DETAILS);
      event++;
      insert.run(execution, event, event - 1, "TaskScheduled", Date.now(), DETAILS);
    };
    const commit = db.transaction((n) => {
      for (let k = 0; k < n; k++) transition();
    });
    for (let i = 0; i < 300; i++) commit(perCommit);
    const io0 = ioCounters();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let commits = 0;
    while (performance.now() - t0 < ms) {
      for (let i = 0; i < 20; i++) commit(perCommit);
      commits += 20;
    }
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const io = ioDelta(io0, ioCounters());
    return {
      store: "sqlite", synchronous, perCommit, commits, ms: Math.round(elapsed),
      commitsPerSec: Math.round(commits / (elapsed / 1000)),
      transitionsPerSec: Math.round((commits * perCommit) / (elapsed / 1000)),
      cpuShare: Number(((cpu.user + cpu.system) / 1000 / elapsed).toFixed(2)),
      bytesWrittenPerCommit: io ? Math.round(io.writeBytes / commits) : undefined,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL: `connections` clients each committing BEGIN; INSERT 2 rows; COMMIT in a loop (one
 * transition per transaction), in a fresh schema.
 */
export async function postgresInsertLoop({ connections, ms, url = PG_URL }) {
  const pg = loadPg();
  const schema = freshSchemaName("stepwise_bench_limit");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    await admin.query(EVENTS_TABLE);
    const clients = [];
    for (let i = 0; i < connections; i++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`SET search_path TO "${schema}"`);
      clients.push(c);
    }
    const sql = "INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6), ($1, $7, $2, $8, $5, $6)";
    let commits = 0;
    let stop = false;
    const loop = async (c, lane) => {
      let event = 0;
      while (!stop) {
        const execution = lane * 1e6 + (event >> 6);
        await c.query("BEGIN");
        await c.query(sql, [execution, event + 1, event, "TaskStateEntered", Date.now(), DETAILS, event + 2, "TaskScheduled"]);
        await c.query("COMMIT");
        event += 2;
        commits++;
      }
    };
    stop = false;
    const warm = clients.map((c, i) => loop(c, i));
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(warm);
    commits = 0;
    stop = false;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const running = clients.map((c, i) => loop(c, i + connections));
    await new Promise((r) => setTimeout(r, ms));
    stop = true;
    await Promise.all(running);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    await Promise.all(clients.map((c) => c.end()));
    return {
      store: "postgres", connections, perCommit: 1, commits, ms: Math.round(elapsed),
      commitsPerSec: Math.round(commits / (elapsed / 1000)),
      transitionsPerSec: Math.round(commits / (elapsed / 1000)),
      cpuShare: Number(((cpu.user + cpu.system) / 1000 / elapsed).toFixed(2)),
    };
  } finally {
    await admin.end().catch(() => undefined);
    await dropSchema(schema, url).catch(() => undefined);
  }
}
