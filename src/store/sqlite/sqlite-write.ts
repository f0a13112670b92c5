/** @module The SQLite write path of executions: creation and transitions, each inside one transaction. */
import { ExecutionNotFound, VersionConflict, type ExecutionRecord, type TransitionBatch } from "../records.js";
import { checkEvents, definitionHash, executionUpdates, nul } from "../rows.js";
import type { SqliteStatement, SqliteValue } from "./sqlite-driver.js";
import { placeSnapshot, rowSnapshot } from "./sqlite-snapshots.js";

/** Prepares (once) and returns the statement for `sql`. */
export type Prepare = (sql: string) => SqliteStatement;

const INSERT_EXECUTION = `INSERT INTO executions (arn, state_machine_arn, name, status, start_date, stop_date, last_event_id,
  definition_id, role_arn, version_arn, alias_arn, map_run_arn, parent_execution_arn, redrive_count, redrive_date,
  trace_header, error, cause, output, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The id of a stored definition, storing it when new. */
function definitionId(q: Prepare, body: string): number {
  const hash = definitionHash(body);
  const found = q("SELECT id FROM definitions WHERE hash = ?").get(hash);
  if (found) return Number(found.id);
  return Number(q("INSERT INTO definitions (hash, body) VALUES (?, ?)").run(hash, body).lastInsertRowid);
}

/** Inserts the execution and its first transition; returns undefined when (machine, name) exists. Call in a transaction. */
export function insertExecution(q: Prepare, record: ExecutionRecord, first: TransitionBatch, largeIds: Set<number>): number | undefined {
  const found = q("SELECT id FROM executions WHERE state_machine_arn = ? AND name = ?").get(record.stateMachineArn, record.name);
  if (found) return undefined;
  const lastEventId = checkEvents(record.arn, 0, first.events);
  const e: ExecutionRecord = { ...record, ...first.execution, lastEventId };
  const id = Number(q(INSERT_EXECUTION).run(
    e.arn, e.stateMachineArn, e.name, e.status, e.startDate, nul(e.stopDate), lastEventId, definitionId(q, e.definition),
    e.roleArn, nul(e.stateMachineVersionArn), nul(e.stateMachineAliasArn), nul(e.mapRunArn), nul(e.parentExecutionArn),
    e.redriveCount, nul(e.redriveDate), nul(e.traceHeader), nul(e.error), nul(e.cause), nul(e.output), nul(rowSnapshot(first.snapshot)),
  ).lastInsertRowid);
  placeSnapshot(q, id, first.snapshot, largeIds);
  q("INSERT INTO execution_inputs (execution_id, input) VALUES (?, ?)").run(id, e.input);
  applyBatch(q, id, first);
  return id;
}

/** A small snapshot is in the row (a batch without one keeps the last; sqlite-snapshots.ts places a large one). */
const ADVANCE = "UPDATE executions SET last_event_id = ?, snapshot = coalesce(?, snapshot) WHERE arn = ? AND last_event_id = ? RETURNING id";
/** The same by row id (known from an earlier write): no lookup in the arn index. */
const ADVANCE_BY_ID = "UPDATE executions SET last_event_id = ?, snapshot = coalesce(?, snapshot) WHERE id = ? AND arn = ? AND last_event_id = ?";

/**
 * Checks the version (in the UPDATE's WHERE) and applies one transition; returns the execution's row id.
 * `knownId` is the row id from an earlier write of this execution, if the caller kept it. Call in a transaction.
 */
export function commitTransition(
  q: Prepare, executionArn: string, knownId: number | undefined, expected: number, batch: TransitionBatch, largeIds: Set<number>,
): number {
  const lastEventId = checkEvents(executionArn, expected, batch.events);
  const fields = batch.execution;
  const snapshot = nul(rowSnapshot(batch.snapshot));
  let id: number | undefined;
  if (fields === undefined) {
    if (knownId !== undefined) {
      if (q(ADVANCE_BY_ID).run(lastEventId, snapshot, knownId, executionArn, expected).changes === 1) id = knownId;
    } else {
      const updated = q(ADVANCE).get(lastEventId, snapshot, executionArn, expected);
      if (updated) id = Number(updated.id);
    }
  } else {
    const updates = executionUpdates(fields);
    if (fields.definition !== undefined) updates.push({ column: "definition_id", value: definitionId(q, fields.definition) });
    const set = ["last_event_id = ?", "snapshot = coalesce(?, snapshot)", ...updates.map((u) => `${u.column} = ?`)].join(", ");
    const updated = q(`UPDATE executions SET ${set} WHERE arn = ? AND last_event_id = ? RETURNING id`)
      .get(lastEventId, snapshot, ...updates.map((u) => u.value as SqliteValue), executionArn, expected);
    if (updated) id = Number(updated.id);
  }
  if (id === undefined) {
    const row = q("SELECT last_event_id FROM executions WHERE arn = ?").get(executionArn);
    if (!row) throw new ExecutionNotFound(executionArn);
    throw new VersionConflict(executionArn, expected, Number(row.last_event_id));
  }
  if (fields?.input !== undefined) q("UPDATE execution_inputs SET input = ? WHERE execution_id = ?").run(fields.input, id);
  placeSnapshot(q, id, batch.snapshot, largeIds);
  applyBatch(q, id, batch);
  return id;
}

/** Event types as JSON strings: a few dozen names, each quoted once. */
const quotedTypes = new Map<string, string>();
function quotedType(type: string): string {
  let quoted = quotedTypes.get(type);
  if (quoted === undefined) {
    quoted = JSON.stringify(type);
    if (quotedTypes.size < 256) quotedTypes.set(type, quoted);
  }
  return quoted;
}

const INSERT_EVENT_BATCH = "INSERT INTO event_batches (execution_id, first_id, last_id, body) VALUES (?, ?, ?, ?)";

/**
 * The history of a batch as one row: a JSON array of [id, previousEventId, type, timestamp, details],
 * the details JSON text set in as it is (sqlite-events.ts reads it back).
 */
function insertEvents(q: Prepare, id: number, events: TransitionBatch["events"]): void {
  if (events.length === 0) return;
  let body = "[";
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    body += `${i === 0 ? "" : ","}[${e.id},${e.previousEventId},${quotedType(e.type)},${e.timestamp},${e.details}]`;
  }
  q(INSERT_EVENT_BATCH).run(id, events[0]!.id, events[events.length - 1]!.id, `${body}]`);
}

/** Writes the history, replay log, timers, outbox, tokens and activity tasks of a batch (the snapshot went with the execution row). */
function applyBatch(q: Prepare, id: number, batch: TransitionBatch): void {
  insertEvents(q, id, batch.events);
  if (batch.replayCleared) q("DELETE FROM replay_log WHERE execution_id = ?").run(id);
  if (batch.replay) q("INSERT INTO replay_log (execution_id, seq, body) VALUES (?, ?, ?)").run(id, batch.replay.seq, batch.replay.body);
  for (const t of batch.timersRemoved ?? []) q("DELETE FROM timers WHERE execution_id = ? AND id = ?").run(id, t);
  for (const t of batch.timersAdded ?? []) {
    q("INSERT INTO timers (execution_id, id, due_at, payload) VALUES (?, ?, ?, ?)").run(id, t.id, t.dueAt, t.payload);
  }
  for (const o of batch.outboxRemoved ?? []) q("DELETE FROM outbox WHERE execution_id = ? AND id = ?").run(id, o);
  for (const o of batch.outboxAdded ?? []) {
    q("INSERT INTO outbox (execution_id, id, kind, created_at, payload) VALUES (?, ?, ?, ?, ?)").run(id, o.id, o.kind, o.createdAt, o.payload);
  }
  for (const t of batch.tokensRemoved ?? []) q("DELETE FROM task_tokens WHERE token = ?").run(t);
  for (const t of batch.tokensAdded ?? []) {
    q("INSERT INTO task_tokens (token, execution_id, heartbeat_due_at, payload) VALUES (?, ?, ?, ?)").run(t.token, id, nul(t.heartbeatDueAt), t.payload);
  }
  for (const t of batch.activityTasksRemoved ?? []) q("DELETE FROM activity_tasks WHERE token = ?").run(t);
  for (const t of batch.activityTasksAdded ?? []) {
    q("INSERT INTO activity_tasks (token, activity_arn, created_at, input) VALUES (?, ?, ?, ?)").run(t.token, t.activityArn, t.createdAt, t.input);
  }
}
