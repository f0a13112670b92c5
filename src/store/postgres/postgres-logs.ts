/** @module The PostgreSQL store's CloudWatch Logs: groups, streams and events. */
import { toPage } from "../cursor.js";
import { numbered, type Query } from "../queries.js";
import { LOG_STREAM_BY_NAME, listLogEventsQuery, listLogGroupsQuery, listLogStreamsQuery, streamIdsQuery } from "../queries-logs.js";
import { AlreadyExists } from "../records.js";
import type { LogAppend, LogEventRecord, LogEventsQuery, LogGroupRecord, LogStreamRecord, LogStreamsQuery } from "../records-logs.js";
import { summarize, toLogEvent, toLogGroup, toLogStream } from "../rows-functions.js";
import type { Row } from "../rows.js";
import type { LogsStore } from "../store-logs.js";
import type { ListOptions } from "../store.js";
import type { PgQueryable } from "./pg-driver.js";
import type { PgAccess } from "./postgres-functions.js";
import { insertRows } from "./postgres-write.js";

/** Rows per INSERT statement (5 parameters each, well under PostgreSQL's 65,535). */
const CHUNK = 2000;

export class PostgresLogs implements LogsStore {
  constructor(private readonly db: PgAccess) {}

  private async rows(sql: string, params: readonly unknown[] = [], c: PgQueryable = this.db.pool): Promise<Row[]> {
    return (await c.query(sql, params)).rows;
  }
  private list(query: Query): Promise<Row[]> {
    return this.rows(numbered(query.sql), query.params);
  }
  private async groupId(name: string, c: PgQueryable = this.db.pool): Promise<number | undefined> {
    const row = (await this.rows("SELECT id FROM log_groups WHERE name = $1", [name], c))[0];
    return row ? Number(row.id) : undefined;
  }

  async createLogGroup(name: string, creationTime: number): Promise<void> {
    const result = await this.db.pool.query("INSERT INTO log_groups (name, creation_time) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [name, creationTime]);
    if (result.rowCount === 0) throw new AlreadyExists(name);
  }

  async getLogGroup(name: string): Promise<LogGroupRecord | undefined> {
    const row = (await this.rows("SELECT * FROM log_groups WHERE name = $1", [name]))[0];
    return row && toLogGroup(row);
  }

  async listLogGroups(prefix: string | undefined, options: ListOptions) {
    const query = listLogGroupsQuery(prefix, options);
    return toPage(await this.list(query), query.size, toLogGroup, (r) => [r.name as string]);
  }

  async deleteLogGroup(name: string): Promise<boolean> {
    return this.db.transaction(async (c) => {
      const row = (await c.query("DELETE FROM log_groups WHERE name = $1 RETURNING id", [name])).rows[0];
      if (!row) return false;
      await c.query("DELETE FROM log_events WHERE group_id = $1", [row.id]);
      await c.query("DELETE FROM log_streams WHERE group_id = $1", [row.id]);
      return true;
    });
  }

  async createLogStream(groupName: string, name: string, creationTime: number): Promise<boolean> {
    const id = await this.groupId(groupName);
    if (id === undefined) return false;
    const result = await this.db.pool.query("INSERT INTO log_streams (group_id, name, creation_time) VALUES ($1, $2, $3) ON CONFLICT (group_id, name) DO NOTHING",
      [id, name, creationTime]);
    if (result.rowCount === 0) throw new AlreadyExists(`${groupName}:${name}`);
    return true;
  }

  async getLogStream(groupName: string, name: string): Promise<LogStreamRecord | undefined> {
    const row = (await this.rows(numbered(LOG_STREAM_BY_NAME), [groupName, name]))[0];
    return row && toLogStream(row);
  }

  async listLogStreams(query: LogStreamsQuery, options: ListOptions) {
    const id = await this.groupId(query.groupName);
    if (id === undefined) return { items: [], next: undefined };
    const sql = listLogStreamsQuery(id, query, options);
    const key = query.orderBy === "LogStreamName" ? (r: Row) => [r.name as string] : (r: Row) => [Number(r.last_event_timestamp), r.name as string];
    return toPage(await this.list(sql), sql.size, toLogStream, key);
  }

  async deleteLogStream(groupName: string, name: string): Promise<boolean> {
    return this.db.transaction(async (c) => {
      const row = (await c.query(`DELETE FROM log_streams s USING log_groups g WHERE g.id = s.group_id AND g.name = $1 AND s.name = $2
        RETURNING s.id, s.group_id, s.stored_bytes`, [groupName, name])).rows[0];
      if (!row) return false;
      await c.query("DELETE FROM log_events WHERE stream_id = $1", [row.id]);
      await c.query("UPDATE log_groups SET stored_bytes = stored_bytes - $1 WHERE id = $2", [row.stored_bytes, row.group_id]);
      return true;
    });
  }

  async appendLogEvents(batches: readonly LogAppend[], ingestionTime: number): Promise<void> {
    // Groups and streams are locked in one order, so concurrent appenders never deadlock.
    const sorted = batches.filter((b) => b.events.length > 0)
      .sort((a, b) => (a.groupName === b.groupName ? cmp(a.streamName, b.streamName) : cmp(a.groupName, b.groupName)));
    if (sorted.length === 0) return;
    await this.db.transaction(async (c) => {
      for (const batch of sorted) {
        const groupId = (await c.query(`INSERT INTO log_groups (name, creation_time) VALUES ($1, $2)
          ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, [batch.groupName, ingestionTime])).rows[0]!.id as number;
        const streamId = (await c.query(`INSERT INTO log_streams (group_id, name, creation_time) VALUES ($1, $2, $3)
          ON CONFLICT (group_id, name) DO UPDATE SET name = excluded.name RETURNING id`, [groupId, batch.streamName, ingestionTime])).rows[0]!.id as number;
        for (let i = 0; i < batch.events.length; i += CHUNK) {
          await insertRows(c, "log_events", ["group_id", "stream_id", "timestamp", "ingestion_time", "message"],
            batch.events.slice(i, i + CHUNK).map((e) => [groupId, streamId, e.timestamp, ingestionTime, e.message]));
        }
        const { bytes, first, last } = summarize(batch.events);
        await c.query(`UPDATE log_streams SET first_event_timestamp = LEAST(COALESCE(first_event_timestamp, $1), $1),
          last_event_timestamp = GREATEST(last_event_timestamp, $2), last_ingestion_time = $3, stored_bytes = stored_bytes + $4 WHERE id = $5`,
        [first, last, ingestionTime, bytes, streamId]);
        await c.query("UPDATE log_groups SET stored_bytes = stored_bytes + $1 WHERE id = $2", [bytes, groupId]);
      }
    });
  }

  async listLogEvents(query: LogEventsQuery, options: ListOptions & { reverse?: boolean }) {
    const none = { items: [] as LogEventRecord[], next: undefined };
    const groupId = await this.groupId(query.groupName);
    if (groupId === undefined) return none;
    const ids = streamIdsQuery(groupId, query);
    const streamIds = ids && (await this.list(ids)).map((r) => Number(r.id));
    if (streamIds?.length === 0) return none;
    const sql = listLogEventsQuery(groupId, streamIds, query, options);
    return toPage(await this.list(sql), sql.size, toLogEvent(query.groupName), (r) => [Number(r.timestamp), Number(r.seq)]);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
