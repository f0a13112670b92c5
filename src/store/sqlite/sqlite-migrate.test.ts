/** @module Migrations on SQLite: upgrades keep the data, run once, all or nothing; newer schemas are refused. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pendingMigrations, type Migration } from "../migration.js";
import { openSqliteDatabase } from "./sqlite-driver.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";
import { SqliteStore } from "./sqlite-store.js";
import { events, execution, start } from "../store-fixtures.contract.js";

const root = mkdtempSync(join(tmpdir(), "stepwise-migrate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The next migration after the real ones (named v2 from when there was one real migration). */
const NEXT = SQLITE_MIGRATIONS.length + 1;
const v2: Migration = { version: NEXT, name: "add a note", sql: "ALTER TABLE executions ADD COLUMN note TEXT; UPDATE executions SET note = 'kept: ' || name;" };
const broken: Migration = { version: NEXT, name: "broken", sql: "ALTER TABLE executions ADD COLUMN half TEXT; SELECT * FROM no_such_table;" };

async function withStore<R>(path: string, migrations: readonly Migration[], fn: (store: SqliteStore, db: Awaited<ReturnType<typeof openSqliteDatabase>>) => Promise<R>): Promise<R> {
  const db = await openSqliteDatabase(path);
  const store = new SqliteStore(db, migrations);
  try {
    return await fn(store, db);
  } finally {
    await store.close();
  }
}

describe("SQLite migrations", () => {
  it("upgrades a database in place without losing data, once", async () => {
    const path = join(root, "upgrade.db");
    const record = execution("m", "e");
    await withStore(path, SQLITE_MIGRATIONS, async (s) => {
      await s.migrate();
      await start(s, record);
    });
    await withStore(path, [...SQLITE_MIGRATIONS, v2], async (s, db) => {
      await s.migrate();
      await s.migrate();
      expect(await s.getExecution(record.arn)).toEqual(record);
      expect(db.prepare("SELECT note FROM executions").all()).toEqual([{ note: "kept: e" }]);
      expect(db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all()).toEqual([
        ...SQLITE_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })), { version: NEXT, name: "add a note" },
      ]);
    });
  });

  it("moves each execution's snapshot into its row (migration 4)", async () => {
    const path = join(root, "snapshots.db");
    const running = execution("m", "running");
    const bare = execution("m", "bare");
    await withStore(path, SQLITE_MIGRATIONS.slice(0, 3), async (s, db) => {
      await s.migrate();
      db.prepare("INSERT INTO definitions (id, hash, body) VALUES (1, 'h', ?)").run(running.definition);
      for (const [id, e] of [[1, running], [2, bare]] as const) {
        db.prepare(`INSERT INTO executions (id, arn, state_machine_arn, name, status, start_date, last_event_id, definition_id, role_arn, redrive_count)
          VALUES (?, ?, ?, ?, 'RUNNING', ?, 1, 1, ?, 0)`).run(id, e.arn, e.stateMachineArn, e.name, e.startDate, e.roleArn);
        db.prepare("INSERT INTO execution_inputs (execution_id, input) VALUES (?, ?)").run(id, e.input);
      }
      db.prepare("INSERT INTO snapshots (execution_id, body) VALUES (1, ?)").run('{"kept":true}');
    });
    await withStore(path, SQLITE_MIGRATIONS, async (s, db) => {
      await s.migrate();
      expect(await s.getSnapshot(running.arn)).toBe('{"kept":true}');
      expect(await s.getSnapshot(bare.arn)).toBeUndefined();
      expect(await s.getExecution(running.arn)).toEqual(running);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'snapshots'").all()).toEqual([]);
      await s.commitTransition(running.arn, 1, { events: events(running.arn, 2, 1), snapshot: '{"next":true}' });
      expect(await s.getSnapshot(running.arn)).toBe('{"next":true}');
    });
  });

  it("applies a failing migration not at all", async () => {
    const path = join(root, "broken.db");
    const record = execution("m", "e");
    await withStore(path, SQLITE_MIGRATIONS, async (s) => {
      await s.migrate();
      await start(s, record);
    });
    await withStore(path, [...SQLITE_MIGRATIONS, broken], async (s, db) => {
      await expect(s.migrate()).rejects.toThrow(/no_such_table/);
      expect(db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get()).toEqual({ v: NEXT - 1 });
      expect(db.prepare("SELECT name FROM pragma_table_info('executions') WHERE name = 'half'").all()).toEqual([]);
      expect(await s.getExecution(record.arn)).toEqual(record);
    });
  });

  it("refuses a database migrated by a newer Stepwise", async () => {
    const path = join(root, "newer.db");
    await withStore(path, [...SQLITE_MIGRATIONS, v2], (s) => s.migrate());
    await withStore(path, SQLITE_MIGRATIONS, async (s) => {
      await expect(s.migrate()).rejects.toThrow(`schema is at version ${NEXT}, newer than this Stepwise knows (${NEXT - 1})`);
    });
  });

  it("insists on versions 1, 2, 3, ... in order", () => {
    expect(pendingMigrations([...SQLITE_MIGRATIONS, v2], NEXT - 1)).toEqual([v2]);
    expect(pendingMigrations([...SQLITE_MIGRATIONS, v2], NEXT)).toEqual([]);
    expect(() => pendingMigrations([...SQLITE_MIGRATIONS, { ...v2, version: NEXT + 1 }], 0)).toThrow(`expected ${NEXT}`);
  });
});
