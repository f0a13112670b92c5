/** @module SQL both stores share for functions and logs (written with `?` placeholders; PostgreSQL numbers them). */
import { decodeCursor, pageSize } from "./cursor.js";
import type { LogEventsQuery, LogStreamsQuery } from "./records-logs.js";
import type { Query } from "./queries.js";
import type { ListOptions } from "./store.js";

/** The first string after every string starting with `prefix` (for an index range instead of LIKE). */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Versions of a function, lowest first. */
export function listFunctionVersionsQuery(functionArn: string, options: ListOptions): Query {
  const size = pageSize(options.limit);
  const after = options.after === undefined ? undefined : decodeCursor(options.after, ["n"])[0]!;
  return {
    sql: `SELECT * FROM function_versions WHERE function_arn = ?${after === undefined ? "" : " AND version > ?"} ORDER BY version LIMIT ?`,
    params: after === undefined ? [functionArn, size + 1] : [functionArn, after, size + 1],
    size,
  };
}

/** Log groups by name, optionally those starting with `prefix`. */
export function listLogGroupsQuery(prefix: string | undefined, options: ListOptions): Query {
  const size = pageSize(options.limit);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (prefix) {
    where.push("name >= ? AND name < ?");
    params.push(prefix, prefixEnd(prefix));
  }
  if (options.after !== undefined) {
    where.push("name > ?");
    params.push(decodeCursor(options.after, ["s"])[0]!);
  }
  params.push(size + 1);
  return { sql: `SELECT * FROM log_groups${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY name LIMIT ?`, params, size };
}

const STREAM_SELECT = "SELECT s.*, g.name AS group_name FROM log_streams s JOIN log_groups g ON g.id = s.group_id";

/** Streams of a group (by its id), by name or by last event time, ascending or descending. */
export function listLogStreamsQuery(groupId: number, query: LogStreamsQuery, options: ListOptions): Query {
  const size = pageSize(options.limit);
  const where = ["s.group_id = ?"];
  const params: (string | number)[] = [groupId];
  const op = query.descending ? "<" : ">";
  const dir = query.descending ? "DESC" : "ASC";
  let order: string;
  if (query.orderBy === "LogStreamName") {
    if (query.prefix) {
      where.push("s.name >= ? AND s.name < ?");
      params.push(query.prefix, prefixEnd(query.prefix));
    }
    if (options.after !== undefined) {
      where.push(`s.name ${op} ?`);
      params.push(decodeCursor(options.after, ["s"])[0]!);
    }
    order = `s.name ${dir}`;
  } else {
    if (options.after !== undefined) {
      const [last, name] = decodeCursor(options.after, ["n", "s"]);
      where.push(`(s.last_event_timestamp, s.name) ${op} (?, ?)`);
      params.push(last!, name!);
    }
    order = `s.last_event_timestamp ${dir}, s.name ${dir}`;
  }
  params.push(size + 1);
  return { sql: `${STREAM_SELECT} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`, params, size };
}

/** One stream of a group (by names). */
export const LOG_STREAM_BY_NAME = `${STREAM_SELECT} WHERE g.name = ? AND s.name = ?`;

/**
 * Events of a group (by id), of some of its streams (by ids; undefined: all), by (timestamp, seq):
 * over the (stream_id, timestamp, seq) index for one stream, else over (group_id, timestamp, seq).
 */
export function listLogEventsQuery(groupId: number, streamIds: readonly number[] | undefined, query: LogEventsQuery,
  options: ListOptions & { reverse?: boolean }): Query {
  const size = pageSize(options.limit);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (streamIds?.length === 1) {
    where.push("e.stream_id = ?");
    params.push(streamIds[0]!);
  } else {
    where.push("e.group_id = ?");
    params.push(groupId);
    if (streamIds) {
      where.push(`e.stream_id IN (${streamIds.map(() => "?").join(", ")})`);
      params.push(...streamIds);
    }
  }
  if (query.startTime !== undefined) {
    where.push("e.timestamp >= ?");
    params.push(query.startTime);
  }
  if (query.endTime !== undefined) {
    where.push("e.timestamp < ?");
    params.push(query.endTime);
  }
  if (options.after !== undefined) {
    const [timestamp, seq] = decodeCursor(options.after, ["n", "n"]);
    where.push(`(e.timestamp, e.seq) ${options.reverse ? "<" : ">"} (?, ?)`);
    params.push(timestamp!, seq!);
  }
  const dir = options.reverse ? "DESC" : "ASC";
  params.push(size + 1);
  return {
    sql: `SELECT e.seq, e.timestamp, e.ingestion_time, e.message, s.name AS stream_name FROM log_events e JOIN log_streams s ON s.id = e.stream_id
      WHERE ${where.join(" AND ")} ORDER BY e.timestamp ${dir}, e.seq ${dir} LIMIT ?`,
    params, size,
  };
}

/** Stream ids of a group by names and/or a name prefix (undefined when neither narrows). */
export function streamIdsQuery(groupId: number, query: LogEventsQuery): Query | undefined {
  const where = ["group_id = ?"];
  const params: (string | number)[] = [groupId];
  if (query.streamNames?.length) {
    where.push(`name IN (${query.streamNames.map(() => "?").join(", ")})`);
    params.push(...query.streamNames);
  }
  if (query.streamNamePrefix) {
    where.push("name >= ? AND name < ?");
    params.push(query.streamNamePrefix, prefixEnd(query.streamNamePrefix));
  }
  if (where.length === 1) return undefined;
  return { sql: `SELECT id FROM log_streams WHERE ${where.join(" AND ")}`, params, size: 0 };
}
