/** @module The SQLite store's CloudWatch Logs: groups, streams and events. */
import { toPage } from "../cursor.js";
import { LOG_STREAM_BY_NAME, listLogEventsQuery, listLogGroupsQuery, listLogStreamsQuery, streamIdsQuery } from "../queries-logs.js";
import type { Query } from "../queries.js";
import { AlreadyExists } from "../records.js";
import type { LogAppend, LogEventRecord, LogEventsQuery, LogGroupRecord, LogStreamRecord, LogStreamsQuery } from "../records-logs.js";
import { summarize, toLogEvent, toLogGroup, toLogStream } from "../rows-functions.js";
import type { Row } from "../rows.js";
import type { LogsStore } from "../store-logs.js";
import type { ListOptions } from "../store.js";
import type { Prepare } from "./sqlite-write.js";

export class SqliteLogs implements LogsStore {
  constructor(private readonly q: Prepare, private readonly write: <R>(fn: () => R) => R) {}

  private all(query: Query): Row[] {
    return this.q(query.sql).all(...query.params);
  }
  private groupId(name: string): number | undefined {
    const row = this.q("SELECT id FROM log_groups WHERE name = ?").get(name);
    return row ? Number(row.id) : undefined;
  }

  async createLogGroup(name: string, creationTime: number): Promise<void> {
    const info = this.q("INSERT INTO log_groups (name, creation_time) VALUES (?, ?) ON CONFLICT (name) DO NOTHING").run(name, creationTime);
    if (info.changes === 0) throw new AlreadyExists(name);
  }

  async getLogGroup(name: string): Promise<LogGroupRecord | undefined> {
    const row = this.q("SELECT * FROM log_groups WHERE name = ?").get(name);
    return row && toLogGroup(row);
  }

  async listLogGroups(prefix: string | undefined, options: ListOptions) {
    const query = listLogGroupsQuery(prefix, options);
    return toPage(this.all(query), query.size, toLogGroup, (r) => [r.name as string]);
  }

  async deleteLogGroup(name: string): Promise<boolean> {
    return this.write(() => {
      const id = this.groupId(name);
      if (id === undefined) return false;
      this.q("DELETE FROM log_events WHERE group_id = ?").run(id);
      this.q("DELETE FROM log_streams WHERE group_id = ?").run(id);
      this.q("DELETE FROM log_groups WHERE id = ?").run(id);
      return true;
    });
  }

  async createLogStream(groupName: string, name: string, creationTime: number): Promise<boolean> {
    return this.write(() => {
      const id = this.groupId(groupName);
      if (id === undefined) return false;
      const info = this.q("INSERT INTO log_streams (group_id, name, creation_time) VALUES (?, ?, ?) ON CONFLICT (group_id, name) DO NOTHING")
        .run(id, name, creationTime);
      if (info.changes === 0) throw new AlreadyExists(`${groupName}:${name}`);
      return true;
    });
  }

  async getLogStream(groupName: string, name: string): Promise<LogStreamRecord | undefined> {
    const row = this.q(LOG_STREAM_BY_NAME).get(groupName, name);
    return row && toLogStream(row);
  }

  async listLogStreams(query: LogStreamsQuery, options: ListOptions) {
    const id = this.groupId(query.groupName);
    if (id === undefined) return { items: [], next: undefined };
    const sql = listLogStreamsQuery(id, query, options);
    const key = query.orderBy === "LogStreamName" ? (r: Row) => [r.name as string] : (r: Row) => [Number(r.last_event_timestamp), r.name as string];
    return toPage(this.all(sql), sql.size, toLogStream, key);
  }

  async deleteLogStream(groupName: string, name: string): Promise<boolean> {
    return this.write(() => {
      const row = this.q("SELECT s.id, s.group_id, s.stored_bytes FROM log_streams s JOIN log_groups g ON g.id = s.group_id WHERE g.name = ? AND s.name = ?")
        .get(groupName, name);
      if (!row) return false;
      this.q("DELETE FROM log_events WHERE stream_id = ?").run(Number(row.id));
      this.q("DELETE FROM log_streams WHERE id = ?").run(Number(row.id));
      this.q("UPDATE log_groups SET stored_bytes = stored_bytes - ? WHERE id = ?").run(Number(row.stored_bytes), Number(row.group_id));
      return true;
    });
  }

  async appendLogEvents(batches: readonly LogAppend[], ingestionTime: number): Promise<void> {
    this.write(() => {
      const insert = this.q("INSERT INTO log_events (group_id, stream_id, timestamp, ingestion_time, message) VALUES (?, ?, ?, ?, ?)");
      for (const batch of batches) {
        if (batch.events.length === 0) continue;
        this.q("INSERT INTO log_groups (name, creation_time) VALUES (?, ?) ON CONFLICT (name) DO NOTHING").run(batch.groupName, ingestionTime);
        const groupId = this.groupId(batch.groupName)!;
        this.q("INSERT INTO log_streams (group_id, name, creation_time) VALUES (?, ?, ?) ON CONFLICT (group_id, name) DO NOTHING")
          .run(groupId, batch.streamName, ingestionTime);
        const streamId = Number(this.q("SELECT id FROM log_streams WHERE group_id = ? AND name = ?").get(groupId, batch.streamName)!.id);
        for (const e of batch.events) insert.run(groupId, streamId, e.timestamp, ingestionTime, e.message);
        const { bytes, first, last } = summarize(batch.events);
        this.q(`UPDATE log_streams SET first_event_timestamp = MIN(COALESCE(first_event_timestamp, ?), ?),
          last_event_timestamp = MAX(last_event_timestamp, ?), last_ingestion_time = ?, stored_bytes = stored_bytes + ? WHERE id = ?`)
          .run(first, first, last, ingestionTime, bytes, streamId);
        this.q("UPDATE log_groups SET stored_bytes = stored_bytes + ? WHERE id = ?").run(bytes, groupId);
      }
    });
  }

  async listLogEvents(query: LogEventsQuery, options: ListOptions & { reverse?: boolean }) {
    const none = { items: [] as LogEventRecord[], next: undefined };
    const groupId = this.groupId(query.groupName);
    if (groupId === undefined) return none;
    const ids = streamIdsQuery(groupId, query);
    const streamIds = ids && this.all(ids).map((r) => Number(r.id));
    if (streamIds?.length === 0) return none;
    const sql = listLogEventsQuery(groupId, streamIds, query, options);
    return toPage(this.all(sql), sql.size, toLogEvent(query.groupName), (r) => [Number(r.timestamp), Number(r.seq)]);
  }
}
