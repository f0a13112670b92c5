/** @module Table rows (snake_case columns, NULLs) to records and back, shared by the SQL stores. */
import { createHash } from "node:crypto";
import { restorePayloadText } from "./event-payloads.js";
import type {
  ActivityRecord, ActivityTaskRecord, EventRecord, ExecutionRecord, ExecutionStatus, ExecutionSummary, OutboxRecord,
  StateMachineAliasRecord, StateMachineRecord, StateMachineVersionRecord, TagRecord, TaskTokenRecord, TimerRecord, TransitionBatch,
} from "./records.js";

export type Row = Record<string, unknown>;

const str = (v: unknown): string => v as string;
const num = (v: unknown): number => Number(v);
const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : (v as string));
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
/** undefined → NULL for the drivers. */
export const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Columns of a listing (no payloads), in the order the SQL stores select them. */
export const SUMMARY_COLUMNS = [
  "arn", "state_machine_arn", "name", "status", "start_date", "stop_date", "last_event_id", "role_arn",
  "version_arn", "alias_arn", "map_run_arn", "parent_execution_arn", "redrive_count", "redrive_date",
] as const;

export function toExecutionSummary(r: Row): ExecutionSummary {
  return {
    arn: str(r.arn), stateMachineArn: str(r.state_machine_arn), name: str(r.name), status: r.status as ExecutionStatus,
    startDate: num(r.start_date), stopDate: optNum(r.stop_date), lastEventId: num(r.last_event_id), roleArn: str(r.role_arn),
    stateMachineVersionArn: optStr(r.version_arn), stateMachineAliasArn: optStr(r.alias_arn), mapRunArn: optStr(r.map_run_arn),
    parentExecutionArn: optStr(r.parent_execution_arn), redriveCount: num(r.redrive_count), redriveDate: optNum(r.redrive_date),
  };
}

/** Needs the summary columns plus input, output, error, cause, trace_header and definition. */
export function toExecution(r: Row): ExecutionRecord {
  return {
    ...toExecutionSummary(r), input: str(r.input), output: optStr(r.output), error: optStr(r.error), cause: optStr(r.cause),
    traceHeader: optStr(r.trace_header), definition: str(r.definition),
  };
}

/** Execution fields a transition may change, and their columns (input and definition live elsewhere). */
export const EXECUTION_FIELD_COLUMNS = {
  stateMachineArn: "state_machine_arn", name: "name", status: "status", startDate: "start_date", stopDate: "stop_date",
  roleArn: "role_arn", stateMachineVersionArn: "version_arn", stateMachineAliasArn: "alias_arn", mapRunArn: "map_run_arn",
  parentExecutionArn: "parent_execution_arn", redriveCount: "redrive_count", redriveDate: "redrive_date",
  traceHeader: "trace_header", error: "error", cause: "cause", output: "output",
} as const satisfies Partial<Record<keyof ExecutionRecord, string>>;

/** The column updates of a batch's `execution` member (keys present, even when undefined, are set). */
export function executionUpdates(fields: TransitionBatch["execution"]): { column: string; value: unknown }[] {
  if (!fields) return [];
  const updates: { column: string; value: unknown }[] = [];
  for (const [key, column] of Object.entries(EXECUTION_FIELD_COLUMNS)) {
    if (key in fields) updates.push({ column, value: nul((fields as Record<string, unknown>)[key]) });
  }
  return updates;
}

/** Checks a batch's events follow on from `lastEventId` without gaps; returns the new lastEventId. */
export function checkEvents(executionArn: string, lastEventId: number, events: readonly EventRecord[]): number {
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.id !== lastEventId + 1 + i) throw new Error(`Event ids must follow ${lastEventId} without gaps: got ${e.id} at position ${i}`);
    if (e.executionArn !== executionArn) throw new Error(`Event ${e.id} names execution ${e.executionArn}, not ${executionArn}`);
  }
  return lastEventId + events.length;
}

/** The hashes of recent definitions (up to 128 of at most 64 KB): every execution of a machine hashes the same text again. */
const recentHashes = new Map<string, string>();

/** Definitions are stored once per content (executions keep a copy each): keyed by their SHA-256. */
export function definitionHash(definition: string): string {
  let hash = recentHashes.get(definition);
  if (hash === undefined) {
    hash = createHash("sha256").update(definition).digest("hex");
    if (definition.length > 65_536) return hash;
    if (recentHashes.size >= 128) recentHashes.delete(recentHashes.keys().next().value!);
    recentHashes.set(definition, hash);
  }
  return hash;
}

export const toEvent = (r: Row): EventRecord => ({
  executionArn: str(r.execution_arn), id: num(r.id), previousEventId: num(r.previous_event_id), type: str(r.type),
  timestamp: num(r.timestamp), details: restorePayloadText(str(r.details)),
});

export const toTimer = (r: Row): TimerRecord => ({ id: str(r.id), executionArn: str(r.execution_arn), dueAt: num(r.due_at), payload: str(r.payload) });

export const toOutbox = (r: Row): OutboxRecord => ({
  id: str(r.id), executionArn: str(r.execution_arn), kind: str(r.kind), payload: str(r.payload), createdAt: num(r.created_at),
});

export const toTaskToken = (r: Row): TaskTokenRecord => ({
  token: str(r.token), executionArn: str(r.execution_arn), payload: str(r.payload), heartbeatDueAt: optNum(r.heartbeat_due_at),
});

export const toActivity = (r: Row): ActivityRecord => ({ arn: str(r.arn), name: str(r.name), creationDate: num(r.creation_date) });

export const toActivityTask = (r: Row): ActivityTaskRecord => ({
  token: str(r.token), activityArn: str(r.activity_arn), input: str(r.input), createdAt: num(r.created_at),
});

export const toTag = (r: Row): TagRecord => ({ resourceArn: str(r.resource_arn), key: str(r.key), value: str(r.value) });

export const toStateMachine = (r: Row): StateMachineRecord => ({
  arn: str(r.arn), name: str(r.name), type: r.type as StateMachineRecord["type"], definition: str(r.definition),
  roleArn: str(r.role_arn), creationDate: num(r.creation_date), updateDate: num(r.update_date), revisionId: str(r.revision_id),
  description: optStr(r.description), loggingConfiguration: optStr(r.logging_configuration),
  tracingConfiguration: optStr(r.tracing_configuration), status: r.status as StateMachineRecord["status"],
});

/** The state machine's columns in insert order. */
export const stateMachineValues = (m: StateMachineRecord): unknown[] => [
  m.arn, m.name, m.type, m.definition, m.roleArn, m.creationDate, m.updateDate, m.revisionId, nul(m.description),
  nul(m.loggingConfiguration), nul(m.tracingConfiguration), m.status,
];
export const STATE_MACHINE_COLUMNS = [
  "arn", "name", "type", "definition", "role_arn", "creation_date", "update_date", "revision_id", "description",
  "logging_configuration", "tracing_configuration", "status",
] as const;

export const toVersion = (r: Row): StateMachineVersionRecord => ({
  arn: str(r.arn), stateMachineArn: str(r.state_machine_arn), version: num(r.version), revisionId: str(r.revision_id),
  definition: str(r.definition), roleArn: str(r.role_arn), description: optStr(r.description), creationDate: num(r.creation_date),
});

export const toAlias = (r: Row): StateMachineAliasRecord => ({
  arn: str(r.arn), stateMachineArn: str(r.state_machine_arn), name: str(r.name), description: optStr(r.description),
  routingConfiguration: str(r.routing_configuration), creationDate: num(r.creation_date), updateDate: num(r.update_date),
});
