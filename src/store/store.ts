/** @module The Store interface: domain operations every store implements (SQLite, PostgreSQL). */
import type {
  ActivityRecord, ActivityTaskRecord, EventRecord, ExecutionFilter, ExecutionRecord, ExecutionSummary, OutboxRecord, Page,
  StateMachineAliasRecord, StateMachineRecord, StateMachineVersionRecord, TagRecord, TaskTokenRecord, TimerRecord, TransitionBatch,
} from "./records.js";
import type { FunctionsStore } from "./store-functions.js";
import type { LogsStore } from "./store-logs.js";

export interface ListOptions {
  /** Page size (at least 1). */
  readonly limit: number;
  /** Cursor from a previous page's `next`; a cursor the store did not hand out throws InvalidCursor. */
  readonly after?: string;
}

/**
 * Every read is an indexed lookup or an indexed range with keyset pagination (no scans, no OFFSET),
 * so it stays fast with millions of executions. Writes that belong together are one transaction.
 * Lambda functions and CloudWatch Logs are sub-stores (`functions`, `logs`: store-functions.ts, store-logs.ts).
 */
export interface Store {
  /** Lambda functions, versions, aliases, code and the async invocation queue. */
  readonly functions: FunctionsStore;
  /** CloudWatch Logs groups, streams and events. */
  readonly logs: LogsStore;

  /** Creates or upgrades the schema (idempotent; migrations never lose data). openStore already ran it. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // State machines, versions, aliases, tags
  /** Throws AlreadyExists when a machine with the same ARN exists. */
  createStateMachine(record: StateMachineRecord): Promise<void>;
  /** Replaces the machine's record (no-op when it does not exist). */
  updateStateMachine(record: StateMachineRecord): Promise<void>;
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined>;
  /** By ARN (so by name within one account and region). */
  listStateMachines(options: ListOptions): Promise<Page<StateMachineRecord>>;
  /** Deletes the machine, its versions, aliases and tags (executions stay readable). */
  deleteStateMachine(arn: string): Promise<void>;
  /**
   * Publishes the next version of a machine: numbers start at 1 and are never reused, even after
   * deleting versions (AWS). The ARN is `${stateMachineArn}:${version}`. Undefined when the machine
   * does not exist.
   */
  publishVersion(record: Omit<StateMachineVersionRecord, "arn" | "version">): Promise<StateMachineVersionRecord | undefined>;
  getVersion(arn: string): Promise<StateMachineVersionRecord | undefined>;
  /** Newest (highest version) first, as ListStateMachineVersions. */
  listVersions(stateMachineArn: string, options: ListOptions): Promise<Page<StateMachineVersionRecord>>;
  deleteVersion(arn: string): Promise<void>;
  /** Creates or replaces the alias. */
  putAlias(record: StateMachineAliasRecord): Promise<void>;
  getAlias(arn: string): Promise<StateMachineAliasRecord | undefined>;
  /** By ARN. */
  listAliases(stateMachineArn: string, options: ListOptions): Promise<Page<StateMachineAliasRecord>>;
  deleteAlias(arn: string): Promise<void>;
  /** Adds tags, replacing the values of existing keys. */
  putTags(tags: readonly TagRecord[]): Promise<void>;
  removeTags(resourceArn: string, keys: readonly string[]): Promise<void>;
  /** By key. */
  listTags(resourceArn: string): Promise<readonly TagRecord[]>;

  // Executions and their history
  /**
   * Creates the execution with its first transition in one transaction (lastEventId becomes the
   * batch's last event id). When an execution of the same state machine and name exists, nothing
   * is written and the existing record is returned.
   */
  createExecution(record: ExecutionRecord, first: TransitionBatch): Promise<{ created: true } | { created: false; existing: ExecutionRecord }>;
  getExecution(arn: string): Promise<ExecutionRecord | undefined>;
  /** Newest first (by start date, then ARN descending); cursors stay valid while executions are added. */
  listExecutions(filter: ExecutionFilter, options: ListOptions): Promise<Page<ExecutionSummary>>;
  /** RUNNING executions, newest first, for the engine to resume after a restart. */
  listOpenExecutions(options: ListOptions): Promise<Page<ExecutionSummary>>;
  /**
   * Appends one transition atomically: throws VersionConflict when lastEventId moved on (nothing is
   * written), ExecutionNotFound for an unknown execution; any failure writes nothing. Concurrent
   * createExecution / commitTransition calls may be committed together (group commit), each still
   * succeeding or failing on its own; the promise settles once the write is durable.
   */
  commitTransition(executionArn: string, expectedLastEventId: number, batch: TransitionBatch): Promise<void>;
  /** Oldest first (reverse: newest first). */
  listEvents(executionArn: string, options: ListOptions & { reverse?: boolean }): Promise<Page<EventRecord>>;
  getSnapshot(executionArn: string): Promise<string | undefined>;
  /** The replay entries' bodies written since the last snapshot, in `seq` order. */
  getReplayLog(executionArn: string): Promise<string[]>;

  // Timers, outbox, task tokens (the engine's durable work)
  /** Timers due at `now`, oldest first. Firing one is a transition that removes it. */
  dueTimers(now: number, limit: number): Promise<readonly TimerRecord[]>;
  /** The earliest timer's due time, to know how long to sleep. */
  nextTimerDue(): Promise<number | undefined>;
  /** Outbox work, oldest first. */
  listOutbox(limit: number): Promise<readonly OutboxRecord[]>;
  /**
   * Leases outbox work to one node: returns up to `limit` items nobody holds at `now` (never leased,
   * or lease expired), oldest first, and holds them until `now + leaseMs`. Concurrent callers never
   * get the same item while its lease runs. The work is done when a transition removes it.
   */
  claimOutbox(now: number, leaseMs: number, limit: number): Promise<readonly OutboxRecord[]>;
  getTaskToken(token: string): Promise<TaskTokenRecord | undefined>;
  /** Moves a token's heartbeat deadline (SendTaskHeartbeat). */
  touchTaskToken(token: string, heartbeatDueAt: number | undefined): Promise<void>;

  // Activities
  /** Creates the activity, or returns the existing one of the same ARN (CreateActivity is idempotent). */
  createActivity(record: ActivityRecord): Promise<ActivityRecord>;
  getActivity(arn: string): Promise<ActivityRecord | undefined>;
  /** By ARN. */
  listActivities(options: ListOptions): Promise<Page<ActivityRecord>>;
  /** Deletes the activity, its tags and its waiting tasks. */
  deleteActivity(arn: string): Promise<void>;
  /** Hands out the oldest waiting task of the activity once (removing it), or undefined; safe across nodes. */
  takeActivityTask(activityArn: string): Promise<ActivityTaskRecord | undefined>;
}
