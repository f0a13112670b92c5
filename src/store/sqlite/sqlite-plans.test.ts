/** @module Every listing on SQLite is an index range read in index order: no table scan, no sort. */
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../cursor.js";
import { listByKeyQuery, listEventsQuery, listExecutionsQuery, listVersionsQuery, type Query } from "../queries.js";
import type { ExecutionFilter } from "../records.js";
import { openSqliteDatabase } from "./sqlite-driver.js";
import { SqliteStore } from "./sqlite-store.js";

const db = await openSqliteDatabase(":memory:");
await new SqliteStore(db).migrate();

const plan = (q: Query): string[] => db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => String(r.detail));

function expectIndexed(q: Query, index: RegExp): void {
  const lines = plan(q);
  expect(lines.join("\n")).toMatch(index);
  for (const line of lines) {
    expect(line, lines.join("\n")).not.toMatch(/^SCAN \w+$|TEMP B-TREE/);
  }
}

describe("SQLite query plans", () => {
  const after = encodeCursor([1_700_000_000_000, "arn:x"]);
  const cases: [ExecutionFilter, RegExp][] = [
    [{ stateMachineArn: "m" }, /USING INDEX executions_by_machine \(/],
    [{ stateMachineArn: "m", status: "RUNNING" }, /USING INDEX executions_by_machine_status \(/],
    [{ stateMachineVersionArn: "v" }, /USING INDEX executions_by_version \(/],
    [{ stateMachineVersionArn: "v", status: "FAILED" }, /USING INDEX executions_by_version_status \(/],
    [{ stateMachineAliasArn: "a" }, /USING INDEX executions_by_alias \(/],
    [{ stateMachineAliasArn: "a", status: "FAILED" }, /USING INDEX executions_by_alias_status \(/],
    [{ mapRunArn: "r" }, /USING INDEX executions_by_map_run \(/],
    [{ mapRunArn: "r", status: "SUCCEEDED" }, /USING INDEX executions_by_map_run_status \(/],
    [{ status: "RUNNING" }, /USING INDEX executions_by_status \(/],
    [{}, /USING INDEX executions_by_start/],
  ];
  for (const [filter, index] of cases) {
    it(`lists executions by ${JSON.stringify(filter)} through ${index.source}`, () => {
      expectIndexed(listExecutionsQuery(filter, { limit: 100 }), index);
      expectIndexed(listExecutionsQuery(filter, { limit: 100, after }), index);
    });
  }

  it("reads history, versions, aliases and catalogs by index", () => {
    expectIndexed(listEventsQuery(1, { limit: 100 }), /USING (PRIMARY KEY|INDEX sqlite_autoindex_events_1) \(execution_id=\?\)/);
    expectIndexed(listEventsQuery(1, { limit: 100, after: encodeCursor([10]), reverse: true }), /USING (PRIMARY KEY|INDEX sqlite_autoindex_events_1) \(execution_id=\? AND id<\?\)/);
    expectIndexed(listVersionsQuery("m", { limit: 10, after: encodeCursor([3]) }), /USING INDEX sqlite_autoindex_state_machine_versions_2/);
    expectIndexed(listByKeyQuery("state_machine_aliases", "arn", { limit: 10 }, { column: "state_machine_arn", value: "m" }), /state_machine_aliases_by_machine/);
    expectIndexed(listByKeyQuery("state_machines", "arn", { limit: 10, after: encodeCursor(["a"]) }), /sqlite_autoindex_state_machines_1 \(arn>\?\)/);
  });

  it("finds due timers, outbox work and activity tasks by index", () => {
    const q = (sql: string, ...params: (string | number)[]): Query => ({ sql, params, size: 1 });
    expectIndexed(q("SELECT t.id, e.arn FROM timers t JOIN executions e ON e.id = t.execution_id WHERE t.due_at <= ? ORDER BY t.due_at, t.execution_id, t.id LIMIT 10", 5), /timers_by_due/);
    expectIndexed(q("SELECT due_at FROM timers ORDER BY due_at LIMIT 1"), /timers_by_due/);
    expectIndexed(q("SELECT o.id FROM outbox o WHERE o.claimed_until <= ? ORDER BY o.claimed_until, o.created_at, o.execution_id, o.id LIMIT 5", 5), /outbox_by_claim/);
    expectIndexed(q("SELECT seq FROM activity_tasks WHERE activity_arn = ? ORDER BY created_at, seq LIMIT 1", "a"), /activity_tasks_by_activity/);
  });
});
