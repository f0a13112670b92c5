/**
 * @module A transition's rows as ONE PostgreSQL statement (one round trip instead of one per table):
 * data-modifying CTEs that all hang on a first CTE `u` giving the execution's id (the version-checked
 * UPDATE of a transition, or the id of a new execution), so when `u` finds no row nothing is written.
 */
import type { TransitionBatch } from "../records.js";
import { nul } from "../rows.js";
import { inlinePayloadRefs } from "../event-payloads.js";

export interface BatchStatement {
  readonly sql: string;
  readonly values: unknown[];
}

/** A parameter placeholder: appends `value` to the statement's values. */
export type Param = (value: unknown, type: string) => string;

export const params = (values: unknown[]): Param => (value, type) => {
  values.push(value);
  return `$${values.length}::${type}`;
};

/**
 * The batch as one statement. `source(p)` is the CTE body yielding one row with the execution's `id`.
 * Undefined when the batch removes and adds the same key of a table: the CTEs of one statement run on
 * one snapshot, so such a pair must be two statements (in order).
 */
export function batchStatement(source: (p: Param) => string, batch: TransitionBatch, input?: string): BatchStatement | undefined {
  const values: unknown[] = [];
  const ctes = batchCtes("", source, params(values), batch, input);
  return ctes && { sql: `WITH ${ctes.join(", ")} SELECT id FROM u`, values };
}

/**
 * The CTEs writing a batch, named `${tag}u` (the execution's id) and `${tag}w1`, `${tag}w2`...; several
 * batches' CTEs (of different executions) may share one statement.
 */
export function batchCtes(tag: string, source: (p: Param) => string, p: Param, batch: TransitionBatch, input?: string): string[] | undefined {
  if (removesWhatItAdds(batch)) return undefined;
  const u = `${tag}u`;
  const parts = [`${u} AS (${source(p)})`];
  const add = (sql: string) => parts.push(`${tag}w${parts.length} AS (${sql})`);
  const onlyIfU = `EXISTS (SELECT 1 FROM ${u})`;
  if (input !== undefined) add(`INSERT INTO execution_inputs (execution_id, input) SELECT id, ${p(input, "text")} FROM ${u}`);
  // Each event is a row of its own: a payload given as a reference to another event is written out.
  const ev = inlinePayloadRefs(batch.events);
  if (ev.length > 0) {
    add(`INSERT INTO events (execution_id, id, previous_event_id, type, timestamp, details) SELECT ${u}.id, x.* FROM ${u}, unnest(${p(ev.map((e) => e.id), "bigint[]")}, ${
      p(ev.map((e) => e.previousEventId), "bigint[]")}, ${p(ev.map((e) => e.type), "text[]")}, ${p(ev.map((e) => e.timestamp), "bigint[]")}, ${
      p(ev.map((e) => e.details), "text[]")}) AS x`);
  }
  if (batch.snapshot !== undefined) {
    add(`INSERT INTO snapshots (execution_id, body) SELECT id, ${p(batch.snapshot, "text")} FROM ${u} ON CONFLICT (execution_id) DO UPDATE SET body = excluded.body`);
  }
  if (batch.replayCleared) add(`DELETE FROM replay_log WHERE execution_id = (SELECT id FROM ${u})`);
  if (batch.replay) add(`INSERT INTO replay_log (execution_id, seq, body) SELECT id, ${p(batch.replay.seq, "bigint")}, ${p(batch.replay.body, "text")} FROM ${u}`);
  if (batch.timersRemoved?.length) add(`DELETE FROM timers WHERE execution_id = (SELECT id FROM ${u}) AND id = ANY(${p(batch.timersRemoved, "text[]")})`);
  const timers = batch.timersAdded ?? [];
  if (timers.length > 0) {
    add(`INSERT INTO timers (execution_id, id, due_at, payload) SELECT ${u}.id, x.* FROM ${u}, unnest(${p(timers.map((t) => t.id), "text[]")}, ${
      p(timers.map((t) => t.dueAt), "bigint[]")}, ${p(timers.map((t) => t.payload), "text[]")}) AS x`);
  }
  if (batch.outboxRemoved?.length) add(`DELETE FROM outbox WHERE execution_id = (SELECT id FROM ${u}) AND id = ANY(${p(batch.outboxRemoved, "text[]")})`);
  const outbox = batch.outboxAdded ?? [];
  if (outbox.length > 0) {
    add(`INSERT INTO outbox (execution_id, id, kind, created_at, payload) SELECT ${u}.id, x.* FROM ${u}, unnest(${p(outbox.map((o) => o.id), "text[]")}, ${
      p(outbox.map((o) => o.kind), "text[]")}, ${p(outbox.map((o) => o.createdAt), "bigint[]")}, ${p(outbox.map((o) => o.payload), "text[]")}) AS x`);
  }
  if (batch.tokensRemoved?.length) add(`DELETE FROM task_tokens WHERE token = ANY(${p(batch.tokensRemoved, "text[]")}) AND ${onlyIfU}`);
  const tokens = batch.tokensAdded ?? [];
  if (tokens.length > 0) {
    add(`INSERT INTO task_tokens (token, execution_id, heartbeat_due_at, payload) SELECT x.token, ${u}.id, x.due, x.payload FROM ${u}, unnest(${
      p(tokens.map((t) => t.token), "text[]")}, ${p(tokens.map((t) => nul(t.heartbeatDueAt)), "bigint[]")}, ${p(tokens.map((t) => t.payload), "text[]")}) AS x(token, due, payload)`);
  }
  if (batch.activityTasksRemoved?.length) add(`DELETE FROM activity_tasks WHERE token = ANY(${p(batch.activityTasksRemoved, "text[]")}) AND ${onlyIfU}`);
  const tasks = batch.activityTasksAdded ?? [];
  if (tasks.length > 0) {
    add(`INSERT INTO activity_tasks (token, activity_arn, created_at, input) SELECT x.* FROM ${u}, unnest(${p(tasks.map((t) => t.token), "text[]")}, ${
      p(tasks.map((t) => t.activityArn), "text[]")}, ${p(tasks.map((t) => t.createdAt), "bigint[]")}, ${p(tasks.map((t) => t.input), "text[]")}) AS x`);
  }
  return parts;
}

function removesWhatItAdds(batch: TransitionBatch): boolean {
  const overlaps = (removed: readonly string[] | undefined, added: readonly string[] | undefined) =>
    !!removed?.length && !!added?.length && added.some((key) => removed.includes(key));
  return (batch.replayCleared === true && batch.replay !== undefined)
    || overlaps(batch.timersRemoved, batch.timersAdded?.map((t) => t.id))
    || overlaps(batch.outboxRemoved, batch.outboxAdded?.map((o) => o.id))
    || overlaps(batch.tokensRemoved, batch.tokensAdded?.map((t) => t.token))
    || overlaps(batch.activityTasksRemoved, batch.activityTasksAdded?.map((t) => t.token));
}
