/** @module The Store interface: domain operations every store implements (SQLite, PostgreSQL). */
import type {
  ActivityRecord, ActivityTaskRecord, EventRecord, ExecutionRecord, ExecutionStatus, OutboxRecord, Page, StateMachineAliasRecord,
  StateMachineRecord, StateMachineVersionRecord, TagRecord, TaskTokenRecord, TimerRecord, TransitionBatch,
} from "./records.js";

export interface ListOptions {
  readonly limit: number;
  /** Cursor from a previous page's `next`. */
  readonly after?: string;
}

export interface Store {
  /** Creates or upgrades the schema (idempotent; migrations never lose data). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // State machines, versions, aliases, tags
  createStateMachine(record: StateMachineRecord): Promise<void>;
  updateStateMachine(record: StateMachineRecord): Promise<void>;
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined>;
  listStateMachines(options: ListOptions): Promise<Page<StateMachineRecord>>;
  /** Deletes the machine, its versions, aliases and tags (executions stay readable). */
  deleteStateMachine(arn: string): Promise<void>;
  createVersion(record: StateMachineVersionRecord): Promise<void>;
  getVersion(arn: string): Promise<StateMachineVersionRecord | undefined>;
  listVersions(stateMachineArn: string, options: ListOptions): Promise<Page<StateMachineVersionRecord>>;
  deleteVersion(arn: string): Promise<void>;
  putAlias(record: StateMachineAliasRecord): Promise<void>;
  getAlias(arn: string): Promise<StateMachineAliasRecord | undefined>;
  listAliases(stateMachineArn: string, options: ListOptions): Promise<Page<StateMachineAliasRecord>>;
  deleteAlias(arn: string): Promise<void>;
  putTags(tags: readonly TagRecord[]): Promise<void>;
  removeTags(resourceArn: string, keys: readonly string[]): Promise<void>;
  listTags(resourceArn: string): Promise<readonly TagRecord[]>;

  // Executions and their history
  /**
   * Creates the execution with its first transition in one transaction. When an execution of the
   * same state machine and name exists, nothing is written and the existing record is returned.
   */
  createExecution(record: ExecutionRecord, first: TransitionBatch): Promise<{ created: true } | { created: false; existing: ExecutionRecord }>;
  getExecution(arn: string): Promise<ExecutionRecord | undefined>;
  /** Newest first (by start date), filtered by machine (and status / map run); indexed, no scans. */
  listExecutions(filter: { stateMachineArn?: string; status?: ExecutionStatus; mapRunArn?: string }, options: ListOptions): Promise<Page<ExecutionRecord>>;
  /** Executions not yet finished, for the engine to resume after a restart. */
  listOpenExecutions(options: ListOptions): Promise<Page<ExecutionRecord>>;
  /** Appends one transition atomically; throws VersionConflict when lastEventId moved on. */
  commitTransition(executionArn: string, expectedLastEventId: number, batch: TransitionBatch): Promise<void>;
  listEvents(executionArn: string, options: ListOptions & { reverse?: boolean }): Promise<Page<EventRecord>>;
  getSnapshot(executionArn: string): Promise<string | undefined>;

  // Timers, outbox, task tokens (the engine's durable work)
  /** Timers due at `now`, oldest first. */
  dueTimers(now: number, limit: number): Promise<readonly TimerRecord[]>;
  /** The earliest timer's due time, to know how long to sleep. */
  nextTimerDue(): Promise<number | undefined>;
  listOutbox(limit: number): Promise<readonly OutboxRecord[]>;
  getTaskToken(token: string): Promise<TaskTokenRecord | undefined>;
  /** Moves a token's heartbeat deadline (SendTaskHeartbeat). */
  touchTaskToken(token: string, heartbeatDueAt: number | undefined): Promise<void>;

  // Activities
  createActivity(record: ActivityRecord): Promise<ActivityRecord>;
  getActivity(arn: string): Promise<ActivityRecord | undefined>;
  listActivities(options: ListOptions): Promise<Page<ActivityRecord>>;
  deleteActivity(arn: string): Promise<void>;
  /** Hands out the oldest waiting task of the activity once (removing it), or undefined. */
  takeActivityTask(activityArn: string): Promise<ActivityTaskRecord | undefined>;
}
