import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openSqliteDatabase, type SqliteDatabase } from "./sqlite-driver.js";
import { SqliteCheckpointer } from "./sqlite-checkpointer.js";

const dirs: string[] = [];
const handles: SqliteDatabase[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) if (h.open) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it("copies the WAL into the database file from its own thread when the store wrote", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-checkpoint-"));
  dirs.push(dir);
  const path = join(dir, "db");
  const db = await openSqliteDatabase(path);
  handles.push(db);
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (v TEXT)");
  const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
  for (let i = 0; i < 200; i++) insert.run("x".repeat(4000));
  const before = statSync(path).size;
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(200 * 4000);

  const checkpointer = new SqliteCheckpointer(path);
  checkpointer.wrote();
  // The file grows as the checkpoint copies pages: wait for all of them (the worker may be slow to start under load).
  const copied = () => statSync(path).size > before + 200 * 4000;
  for (let i = 0; i < 500 && !copied(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(copied()).toBe(true);
  await checkpointer.close();
  expect(db.prepare("SELECT count(*) AS n FROM t").get()!.n).toBe(200);
});
