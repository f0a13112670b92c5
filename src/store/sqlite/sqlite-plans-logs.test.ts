/** @module Listings of functions and logs on SQLite are index range reads in index order: no table scan, no sort. */
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../cursor.js";
import { listByKeyQuery, type Query } from "../queries.js";
import { listFunctionVersionsQuery, listLogEventsQuery, listLogGroupsQuery, listLogStreamsQuery } from "../queries-logs.js";
import { openSqliteDatabase } from "./sqlite-driver.js";
import { SqliteStore } from "./sqlite-store.js";

const db = await openSqliteDatabase(":memory:");
await new SqliteStore(db).migrate();

function expectIndexed(q: Query, index: RegExp): void {
  const lines = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => String(r.detail));
  expect(lines.join("\n")).toMatch(index);
  for (const line of lines) expect(line, lines.join("\n")).not.toMatch(/^SCAN \w+$|TEMP B-TREE/);
}

describe("SQLite query plans: functions and logs", () => {
  it("lists functions, versions and aliases by index", () => {
    expectIndexed(listByKeyQuery("functions", "arn", { limit: 10, after: encodeCursor(["a"]) }), /sqlite_autoindex_functions_1 \(arn>\?\)/);
    expectIndexed(listFunctionVersionsQuery("f", { limit: 10, after: encodeCursor([2]) }), /sqlite_autoindex_function_versions_2 \(function_arn=\? AND version>\?\)/);
    expectIndexed(listByKeyQuery("function_aliases", "arn", { limit: 10 }, { column: "function_arn", value: "f" }), /function_aliases_by_function/);
    const q = (sql: string, ...params: (string | number)[]): Query => ({ sql, params, size: 1 });
    expectIndexed(q("SELECT * FROM function_invocations WHERE due_at <= ? ORDER BY due_at, id LIMIT 5", 1), /function_invocations_by_due/);
  });

  it("lists log groups and streams by index", () => {
    expectIndexed(listLogGroupsQuery("/aws/", { limit: 10, after: encodeCursor(["/aws/a"]) }), /sqlite_autoindex_log_groups_1 \(name>\? AND name<\?\)/);
    expectIndexed(listLogStreamsQuery(1, { groupName: "g", orderBy: "LogStreamName", descending: true, prefix: "2024" }, { limit: 10, after: encodeCursor(["z"]) }),
      /sqlite_autoindex_log_streams_1/);
    expectIndexed(listLogStreamsQuery(1, { groupName: "g", orderBy: "LastEventTime", descending: true }, { limit: 10, after: encodeCursor([5, "s"]) }),
      /log_streams_by_last_event/);
  });

  it("reads log events of a group, or of one stream, by index both ways", () => {
    expectIndexed(listLogEventsQuery(1, undefined, { groupName: "g", startTime: 5 }, { limit: 10, after: encodeCursor([6, 2]) }), /log_events_by_group/);
    expectIndexed(listLogEventsQuery(1, [3], { groupName: "g" }, { limit: 10, reverse: true }), /log_events_by_stream/);
    expectIndexed(listLogEventsQuery(1, [3, 4], { groupName: "g", endTime: 9 }, { limit: 10 }), /log_events_by_group/);
  });
});
