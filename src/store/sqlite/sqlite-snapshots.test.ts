import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openStore } from "../open-store.js";
import { events, execution, start } from "../store-fixtures.contract.js";
import { openSqliteDatabase } from "./sqlite-driver.js";
import { LARGE_SNAPSHOT_CHARS } from "./sqlite-snapshots.js";

const root = mkdtempSync(join(tmpdir(), "stepwise-sqlite-snapshots-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function tables(path: string) {
  const db = await openSqliteDatabase(path);
  const count = (sql: string) => Number(db.prepare(sql).get()!.n);
  const result = {
    large: count("SELECT count(*) AS n FROM large_snapshots"),
    inRow: count("SELECT count(*) AS n FROM executions WHERE snapshot IS NOT NULL"),
  };
  db.close();
  return result;
}

it("keeps a large snapshot out of the execution row and deletes it when a small one replaces it, also after a reopen", async () => {
  const path = join(root, "db");
  const large = "x".repeat(LARGE_SNAPSHOT_CHARS);
  let store = await openStore(`sqlite:${path}`);
  const record = await start(store, execution("m", "e"));
  await store.commitTransition(record.arn, 1, { events: events(record.arn, 2, 1), snapshot: large });
  await store.close();
  expect(await tables(path)).toEqual({ large: 1, inRow: 0 });

  // A new store object (a restart) learns where the snapshot is when it reads it, as the engine does on resume.
  store = await openStore(`sqlite:${path}`);
  expect(await store.getSnapshot(record.arn)).toBe(large);
  await store.commitTransition(record.arn, 2, { events: events(record.arn, 3, 1), snapshot: "small" });
  expect(await store.getSnapshot(record.arn)).toBe("small");
  await store.close();
  expect(await tables(path)).toEqual({ large: 0, inRow: 1 });
});
