/** @module The PostgreSQL write path of executions: creation and transitions, each inside one transaction. */
import { EXECUTION_SELECT, numbered } from "../queries.js";
import { ExecutionNotFound, VersionConflict, type ExecutionRecord, type TransitionBatch } from "../records.js";
import { checkEvents, definitionHash, executionUpdates, nul, toExecution } from "../rows.js";
import { inlinePayloadRefs } from "../event-payloads.js";
import type { PgQueryable } from "./pg-driver.js";
import { batchCtes, batchStatement, params, type Param } from "./postgres-batch-statement.js";

/** INSERT of several rows in one statement (no-op without rows). */
export async function insertRows(c: PgQueryable, table: string, columns: readonly string[], rows: readonly unknown[][], suffix = ""): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(", ")})`);
  await c.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}${suffix}`, values);
}

/** The id of a stored definition, storing it when new. */
async function definitionId(c: PgQueryable, body: string): Promise<number> {
  const hash = definitionHash(body);
  const inserted = await c.query(`WITH ins AS (INSERT INTO definitions (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING RETURNING id)
    SELECT id FROM ins UNION ALL SELECT id FROM definitions WHERE hash = $1 LIMIT 1`, [hash, body]);
  if (inserted.rows[0]) return Number(inserted.rows[0].id);
  // A concurrent transaction inserted it after this statement's snapshot: a new statement sees it.
  const found = await c.query("SELECT id FROM definitions WHERE hash = $1", [hash]);
  return Number(found.rows[0]!.id);
}

const EXISTING = numbered(`${EXECUTION_SELECT} WHERE e.state_machine_arn = ? AND e.name = ?`);

/** Inserts the execution and its first transition, or returns the existing one of (machine, name). In a transaction. */
export async function insertExecution(c: PgQueryable, record: ExecutionRecord, first: TransitionBatch): Promise<ExecutionRecord | undefined> {
  const existing = await c.query(EXISTING, [record.stateMachineArn, record.name]);
  if (existing.rows[0]) return toExecution(existing.rows[0]);
  const lastEventId = checkEvents(record.arn, 0, first.events);
  const e: ExecutionRecord = { ...record, ...first.execution, lastEventId };
  const inserted = await c.query(`INSERT INTO executions (arn, state_machine_arn, name, status, start_date, stop_date, last_event_id,
    definition_id, role_arn, version_arn, alias_arn, map_run_arn, parent_execution_arn, redrive_count, redrive_date,
    trace_header, error, cause, output) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
    ON CONFLICT DO NOTHING RETURNING id`, [
    e.arn, e.stateMachineArn, e.name, e.status, e.startDate, nul(e.stopDate), lastEventId, await definitionId(c, e.definition),
    e.roleArn, nul(e.stateMachineVersionArn), nul(e.stateMachineAliasArn), nul(e.mapRunArn), nul(e.parentExecutionArn),
    e.redriveCount, nul(e.redriveDate), nul(e.traceHeader), nul(e.error), nul(e.cause), nul(e.output),
  ]);
  if (!inserted.rows[0]) {
    // Another node created it meanwhile (the insert waited for its commit): a new statement sees it.
    const raced = await c.query(EXISTING, [record.stateMachineArn, record.name]);
    if (raced.rows[0]) return toExecution(raced.rows[0]);
    throw new Error(`Execution ${record.arn} exists under another state machine or name`);
  }
  const id = Number(inserted.rows[0].id);
  const rest = batchStatement((p) => `SELECT ${p(id, "bigint")} AS id`, first, e.input);
  if (rest) {
    await c.query(rest.sql, rest.values);
  } else {
    await c.query("INSERT INTO execution_inputs (execution_id, input) VALUES ($1, $2)", [id, e.input]);
    await applyBatch(c, id, first);
  }
  return undefined;
}

/**
 * A transition as CTEs of one statement (see batchCtes): `${tag}u` yields the execution's id when the
 * version check passed. Undefined when it needs several statements (a new definition or input, a key
 * removed and added). Throws when the batch's events do not follow on.
 */
export function transitionCtes(tag: string, p: Param, executionArn: string, expected: number, batch: TransitionBatch): string[] | undefined {
  const lastEventId = checkEvents(executionArn, expected, batch.events);
  const fields = batch.execution;
  if (fields?.definition !== undefined || fields?.input !== undefined) return undefined;
  return batchCtes(tag, (p) => {
    const set = [`last_event_id = ${p(lastEventId, "bigint")}`, ...executionUpdates(fields).map((u) => `${u.column} = ${p(u.value, COLUMN_TYPES[u.column] ?? "text")}`)];
    return `UPDATE executions SET ${set.join(", ")} WHERE arn = ${p(executionArn, "text")} AND last_event_id = ${p(expected, "bigint")} RETURNING id`;
  }, p, batch);
}

const COLUMN_TYPES: Record<string, string> = { start_date: "bigint", stop_date: "bigint", redrive_count: "bigint", redrive_date: "bigint" };

/** Checks the version (the UPDATE's WHERE, under the row lock) and applies one transition. In a transaction. */
export async function commitTransition(c: PgQueryable, executionArn: string, expected: number, batch: TransitionBatch): Promise<void> {
  const values: unknown[] = [];
  const ctes = transitionCtes("", params(values), executionArn, expected, batch);
  if (ctes) {
    // The common case: one round trip for the whole transition.
    if (!(await c.query(`WITH ${ctes.join(", ")} SELECT id FROM u`, values)).rows[0]) await whyNotUpdated(c, executionArn, expected);
    return;
  }
  const lastEventId = checkEvents(executionArn, expected, batch.events);
  const updates = executionUpdates(batch.execution);
  const fields = batch.execution ?? {};
  if (fields.definition !== undefined) updates.push({ column: "definition_id", value: await definitionId(c, fields.definition) });
  const set = ["last_event_id = $1", ...updates.map((u, i) => `${u.column} = $${i + 4}`)].join(", ");
  const updated = await c.query(`UPDATE executions SET ${set} WHERE arn = $2 AND last_event_id = $3 RETURNING id`,
    [lastEventId, executionArn, expected, ...updates.map((u) => u.value)]);
  if (!updated.rows[0]) await whyNotUpdated(c, executionArn, expected);
  const id = Number(updated.rows[0]!.id);
  if (fields.input !== undefined) await c.query("UPDATE execution_inputs SET input = $1 WHERE execution_id = $2", [fields.input, id]);
  await applyBatch(c, id, batch);
}

/** Why a transition's UPDATE found no row: throws ExecutionNotFound or VersionConflict. */
export async function whyNotUpdated(c: PgQueryable, executionArn: string, expected: number): Promise<never> {
  const found = await c.query("SELECT last_event_id FROM executions WHERE arn = $1", [executionArn]);
  if (!found.rows[0]) throw new ExecutionNotFound(executionArn);
  throw new VersionConflict(executionArn, expected, Number(found.rows[0].last_event_id));
}

/** Writes the history, snapshot or replay entry, timers, outbox, tokens and activity tasks of a batch: one statement per kind. */
async function applyBatch(c: PgQueryable, id: number, batch: TransitionBatch): Promise<void> {
  await insertRows(c, "events", ["execution_id", "id", "previous_event_id", "type", "timestamp", "details"],
    inlinePayloadRefs(batch.events).map((e) => [id, e.id, e.previousEventId, e.type, e.timestamp, e.details]));
  if (batch.snapshot !== undefined) {
    await c.query("INSERT INTO snapshots (execution_id, body) VALUES ($1, $2) ON CONFLICT (execution_id) DO UPDATE SET body = excluded.body", [id, batch.snapshot]);
  }
  if (batch.replayCleared) await c.query("DELETE FROM replay_log WHERE execution_id = $1", [id]);
  if (batch.replay) await c.query("INSERT INTO replay_log (execution_id, seq, body) VALUES ($1, $2, $3)", [id, batch.replay.seq, batch.replay.body]);
  if (batch.timersRemoved?.length) await c.query("DELETE FROM timers WHERE execution_id = $1 AND id = ANY($2::text[])", [id, batch.timersRemoved]);
  await insertRows(c, "timers", ["execution_id", "id", "due_at", "payload"], (batch.timersAdded ?? []).map((t) => [id, t.id, t.dueAt, t.payload]));
  if (batch.outboxRemoved?.length) await c.query("DELETE FROM outbox WHERE execution_id = $1 AND id = ANY($2::text[])", [id, batch.outboxRemoved]);
  await insertRows(c, "outbox", ["execution_id", "id", "kind", "created_at", "payload"],
    (batch.outboxAdded ?? []).map((o) => [id, o.id, o.kind, o.createdAt, o.payload]));
  if (batch.tokensRemoved?.length) await c.query("DELETE FROM task_tokens WHERE token = ANY($1::text[])", [batch.tokensRemoved]);
  await insertRows(c, "task_tokens", ["token", "execution_id", "heartbeat_due_at", "payload"],
    (batch.tokensAdded ?? []).map((t) => [t.token, id, nul(t.heartbeatDueAt), t.payload]));
  if (batch.activityTasksRemoved?.length) await c.query("DELETE FROM activity_tasks WHERE token = ANY($1::text[])", [batch.activityTasksRemoved]);
  await insertRows(c, "activity_tasks", ["token", "activity_arn", "created_at", "input"],
    (batch.activityTasksAdded ?? []).map((t) => [t.token, t.activityArn, t.createdAt, t.input]));
}
