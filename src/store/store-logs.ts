/** @module The store's CloudWatch Logs operations: groups, streams and events. */
import type { Page } from "./records.js";
import type { LogAppend, LogEventRecord, LogEventsQuery, LogGroupRecord, LogStreamRecord, LogStreamsQuery } from "./records-logs.js";
import type { ListOptions } from "./store.js";

export interface LogsStore {
  /** Throws AlreadyExists when the group exists. */
  createLogGroup(name: string, creationTime: number): Promise<void>;
  getLogGroup(name: string): Promise<LogGroupRecord | undefined>;
  /** By name; `prefix` narrows to names starting with it. */
  listLogGroups(prefix: string | undefined, options: ListOptions): Promise<Page<LogGroupRecord>>;
  /** Deletes the group, its streams and events; false when it does not exist. */
  deleteLogGroup(name: string): Promise<boolean>;
  /** False when the group does not exist; throws AlreadyExists when the stream exists. */
  createLogStream(groupName: string, name: string, creationTime: number): Promise<boolean>;
  getLogStream(groupName: string, name: string): Promise<LogStreamRecord | undefined>;
  /** Streams of a group by name or by last event time (streams without events first when ascending). */
  listLogStreams(query: LogStreamsQuery, options: ListOptions): Promise<Page<LogStreamRecord>>;
  /** Deletes the stream and its events; false when it does not exist. */
  deleteLogStream(groupName: string, name: string): Promise<boolean>;
  /** Appends events in one transaction, creating the groups and streams that do not exist yet. */
  appendLogEvents(batches: readonly LogAppend[], ingestionTime: number): Promise<void>;
  /** Events by (timestamp, id): oldest first, or newest first with `reverse`. No events for an unknown group. */
  listLogEvents(query: LogEventsQuery, options: ListOptions & { reverse?: boolean }): Promise<Page<LogEventRecord>>;
}
