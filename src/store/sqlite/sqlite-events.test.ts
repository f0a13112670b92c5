import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openStore } from "../open-store.js";
import { allPages, events, execution, start, T0 } from "../store-fixtures.contract.js";
import { openSqliteDatabase } from "./sqlite-driver.js";

const root = mkdtempSync(join(tmpdir(), "stepwise-sqlite-events-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("pages through a history written partly as event rows (an earlier version) and partly a transition a row, at every page size, both ways", async () => {
  const path = join(root, "db");
  let store = await openStore(`sqlite:${path}`);
  const record = await start(store, execution("m", "upgraded"));
  // Events 2-4 as an earlier version wrote them: a row each in `events`.
  await store.close();
  const db = await openSqliteDatabase(path);
  const insert = db.prepare("INSERT INTO events (execution_id, id, previous_event_id, type, timestamp, details) VALUES (1, ?, ?, 'PassStateEntered', ?, ?)");
  for (const e of events(record.arn, 2, 3)) insert.run(e.id, e.previousEventId, e.timestamp, e.details);
  db.prepare("UPDATE executions SET last_event_id = 4 WHERE id = 1").run();
  db.close();
  store = await openStore(`sqlite:${path}`);
  // Then transitions of 1, 3, 5, 2 and 4 events.
  let last = 4;
  for (const count of [1, 3, 5, 2, 4]) {
    await store.commitTransition(record.arn, last, { events: events(record.arn, last + 1, count, "TaskScheduled") });
    last += count;
  }
  const expected = [...events(record.arn, 1, 4), ...events(record.arn, 5, last - 4, "TaskScheduled")];
  for (const limit of [1, 2, 3, 4, 7, 100]) {
    const forward = await allPages((after) => store.listEvents(record.arn, { limit, after }), (e) => e.id);
    expect(forward, `limit ${limit}`).toEqual(expected);
    const backward = await allPages((after) => store.listEvents(record.arn, { limit, after, reverse: true }), (e) => e.id);
    expect(backward, `limit ${limit} reversed`).toEqual([...expected].reverse());
  }
  expect((await store.listEvents(record.arn, { limit: 2 })).items.map((e) => e.timestamp)).toEqual([T0 + 1, T0 + 2]);
  await store.close();
});
