import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openSqliteDatabase, type SqliteDatabase } from "./sqlite-driver.js";
import { SqliteGroupCommit } from "./sqlite-group-commit.js";

const dirs: string[] = [];
const handles: SqliteDatabase[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) if (h.open) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function twoHandles(): Promise<[SqliteDatabase, SqliteDatabase]> {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-group-"));
  dirs.push(dir);
  const a = await openSqliteDatabase(join(dir, "db"));
  const b = await openSqliteDatabase(join(dir, "db"));
  handles.push(a, b);
  a.exec("CREATE TABLE t (v INTEGER PRIMARY KEY)");
  return [a, b];
}

it("commits writes issued in one turn as one transaction, each failing alone", async () => {
  const [db, other] = await twoHandles();
  const group = new SqliteGroupCommit(db);
  const insert = (v: number) => () => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes;
  const seenByOther = () => other.prepare("SELECT count(*) AS n FROM t").get()!.n;
  const results = await Promise.allSettled([
    group.run(insert(1)),
    group.run(() => {
      insert(2)();
      insert(1)(); // duplicate key: this write fails, and its first row goes with it
    }),
    group.run(() => [db.inTransaction, seenByOther()]),
    group.run(insert(3)),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
  // The third write ran inside the same open transaction: the other handle did not see the first yet.
  expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual([true, 0]);
  expect(other.prepare("SELECT v FROM t ORDER BY v").all().map((r) => r.v)).toEqual([1, 3]);
  expect(db.inTransaction).toBe(false);
});

it("rolls back a lone failing write and keeps working", async () => {
  const [db] = await twoHandles();
  const group = new SqliteGroupCommit(db);
  await expect(group.run(() => {
    db.prepare("INSERT INTO t (v) VALUES (7)").run();
    throw new Error("no");
  })).rejects.toThrow("no");
  expect(db.inTransaction).toBe(false);
  await group.run(() => db.prepare("INSERT INTO t (v) VALUES (8)").run());
  expect(db.prepare("SELECT v FROM t").all().map((r) => r.v)).toEqual([8]);
});

it("commits what is queued when flushed before closing", async () => {
  const [db, other] = await twoHandles();
  const group = new SqliteGroupCommit(db);
  const pending = group.run(() => db.prepare("INSERT INTO t (v) VALUES (5)").run());
  group.flushAll();
  db.close();
  await pending;
  expect(other.prepare("SELECT v FROM t").all().map((r) => r.v)).toEqual([5]);
});
