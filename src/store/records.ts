/** @module The records the store keeps. The store knows records, not ASL: definitions and payloads are text. */

export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: "STANDARD" | "EXPRESS";
  readonly definition: string;
  readonly roleArn: string;
  /** ms since the epoch. */
  readonly creationDate: number;
  readonly updateDate: number;
  /** Changes on every UpdateStateMachine; executions record the revision they run. */
  readonly revisionId: string;
  readonly description: string | undefined;
  /** JSON text of loggingConfiguration / tracingConfiguration as given (or undefined). */
  readonly loggingConfiguration: string | undefined;
  readonly tracingConfiguration: string | undefined;
  readonly status: "ACTIVE" | "DELETING";
}

export interface StateMachineVersionRecord {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly version: number;
  readonly revisionId: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly description: string | undefined;
  readonly creationDate: number;
}

export interface StateMachineAliasRecord {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly description: string | undefined;
  /** JSON text: [{ stateMachineVersionArn, weight }]. */
  readonly routingConfiguration: string;
  readonly creationDate: number;
  readonly updateDate: number;
}

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

export interface ExecutionRecord {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Input and output as JSON text. */
  readonly input: string;
  readonly output: string | undefined;
  readonly error: string | undefined;
  readonly cause: string | undefined;
  readonly startDate: number;
  readonly stopDate: number | undefined;
  /** The definition this execution runs (a copy: later updates of the machine do not change it). */
  readonly definition: string;
  readonly roleArn: string;
  readonly stateMachineVersionArn: string | undefined;
  readonly stateMachineAliasArn: string | undefined;
  readonly mapRunArn: string | undefined;
  readonly parentExecutionArn: string | undefined;
  readonly redriveCount: number;
  readonly redriveDate: number | undefined;
  readonly traceHeader: string | undefined;
  /** Id of the last history event: the optimistic-concurrency version of the execution. */
  readonly lastEventId: number;
}

/** What listings return: an execution without its payloads and definition (ListExecutions' item). */
export type ExecutionSummary = Omit<ExecutionRecord, "input" | "output" | "error" | "cause" | "definition" | "traceHeader">;

/**
 * Which executions to list: give one scope (machine, version, alias or map run), each served by its
 * own index; `status` narrows it, or lists by status alone; no member lists every execution. Several
 * scopes together must all match.
 */
export interface ExecutionFilter {
  /** The state machine's unqualified ARN: every execution of it, whichever version or alias started it. */
  readonly stateMachineArn?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly mapRunArn?: string;
  readonly status?: ExecutionStatus;
}

export interface EventRecord {
  readonly executionArn: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  /** ms since the epoch. */
  readonly timestamp: number;
  /**
   * JSON text of the event's details member(s), e.g. {"stateEnteredEventDetails": {...}}. Written, its
   * payload fields may hold marked values, or references to a payload of an earlier event of the same
   * batch (event-payloads.ts); read, they are always JSON text.
   */
  readonly details: string;
}

/** A durable timer: fires at `dueAt` and hands `payload` (JSON text, the engine's) back to the engine. */
export interface TimerRecord {
  /** Unique within its execution (the engine numbers them per execution). */
  readonly id: string;
  readonly executionArn: string;
  readonly dueAt: number;
  readonly payload: string;
}

/** Outbox work to carry out after a commit (a task invocation, a child start...), at least once. */
export interface OutboxRecord {
  /** Unique within its execution. */
  readonly id: string;
  readonly executionArn: string;
  readonly kind: string;
  readonly payload: string;
  readonly createdAt: number;
}

/** A task token handed out for `.waitForTaskToken` / activities, until its result arrives. */
export interface TaskTokenRecord {
  readonly token: string;
  readonly executionArn: string;
  /** The engine's own reference to the waiting task (JSON text). */
  readonly payload: string;
  readonly heartbeatDueAt: number | undefined;
}

export interface ActivityRecord {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: number;
}

/** A task waiting for an activity worker (GetActivityTask hands it out once). */
export interface ActivityTaskRecord {
  readonly token: string;
  readonly activityArn: string;
  readonly input: string;
  readonly createdAt: number;
}

export interface TagRecord {
  readonly resourceArn: string;
  readonly key: string;
  readonly value: string;
}

/**
 * Everything one engine transition writes, atomically, or not at all. Event ids must follow on from
 * the execution's lastEventId without gaps (1, 2, ... for the first batch); the last one becomes the
 * new lastEventId. Added timers, outbox items and tokens belong to the transition's execution (their
 * executionArn is not read); removals name ids of that execution (tokens and activity tasks: global).
 */
export interface TransitionBatch {
  readonly events: readonly EventRecord[];
  /** Fields of the execution that change (status, output, stopDate, ...). */
  readonly execution?: Partial<Omit<ExecutionRecord, "arn" | "lastEventId">>;
  /** The engine's folded state (JSON text) after this transition: it replaces the execution's snapshot. */
  readonly snapshot?: string;
  /**
   * Instead of a snapshot: what the engine needs to apply this transition again over the last snapshot
   * (its input, time and random draws), appended to the execution's replay log. `seq` counts 1, 2, ...
   * after each snapshot; getReplayLog gives the bodies back in that order.
   */
  readonly replay?: ReplayEntry;
  /** Deletes the execution's replay entries (set with the snapshot that follows them), before `replay` adds one. */
  readonly replayCleared?: boolean;
  readonly timersAdded?: readonly TimerRecord[];
  readonly timersRemoved?: readonly string[];
  readonly outboxAdded?: readonly OutboxRecord[];
  readonly outboxRemoved?: readonly string[];
  readonly tokensAdded?: readonly TaskTokenRecord[];
  readonly tokensRemoved?: readonly string[];
  readonly activityTasksAdded?: readonly ActivityTaskRecord[];
  /** Tokens of activity tasks no worker should get any more (the execution stopped, the state timed out). */
  readonly activityTasksRemoved?: readonly string[];
}

export interface ReplayEntry {
  readonly seq: number;
  readonly body: string;
}

/** Thrown by commitTransition when the execution moved on since `expectedLastEventId` was read. */
export class VersionConflict extends Error {
  constructor(readonly executionArn: string, readonly expected: number, readonly actual: number) {
    super(`Execution ${executionArn} is at event ${actual}, not ${expected}`);
    this.name = "VersionConflict";
  }
}

/** Thrown when a record with the same key exists (createStateMachine). */
export class AlreadyExists extends Error {
  constructor(readonly key: string) {
    super(`${key} already exists`);
    this.name = "AlreadyExists";
  }
}

/** Thrown for a pagination cursor this store did not hand out (AWS: InvalidToken). */
export class InvalidCursor extends Error {
  constructor(readonly cursor: string) {
    super(`Invalid pagination token: ${cursor}`);
    this.name = "InvalidCursor";
  }
}

/** Thrown by commitTransition for an execution the store does not have. */
export class ExecutionNotFound extends Error {
  constructor(readonly executionArn: string) {
    super(`Execution ${executionArn} does not exist`);
    this.name = "ExecutionNotFound";
  }
}

/** A page of results and the cursor to the next page (opaque to callers). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}
