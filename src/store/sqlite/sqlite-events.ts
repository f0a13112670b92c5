/**
 * @module Reading an execution's history on SQLite: events written a transition at a time (one
 * `event_batches` row each, see sqlite-write.ts) and rows of `events` written before that, merged
 * into pages by event id.
 */
import { decodeCursor, pageSize, toPage } from "../cursor.js";
import { listEventsQuery } from "../queries.js";
import type { EventRecord, Page } from "../records.js";
import { toEvent, type Row } from "../rows.js";
import { resolvePayloadRefs, restorePayloads } from "../event-payloads.js";
import type { ListOptions } from "../store.js";
import type { Prepare } from "./sqlite-write.js";

type StoredEvent = [id: number, previousEventId: number, type: string, timestamp: number, details: unknown];
/** An event of a batch (details still parsed) or a row of the older table (details as text). */
type Found = { id: number; batched: StoredEvent | undefined; row: Row | undefined };

const FORWARD = "SELECT body FROM event_batches WHERE execution_id = ? AND first_id > ? ORDER BY first_id LIMIT ?";
/** The batch holding the event right after the cursor starts at or before it. */
const FORWARD_HEAD = "SELECT last_id, body FROM event_batches WHERE execution_id = ? AND first_id <= ? ORDER BY first_id DESC LIMIT 1";
const BACKWARD = "SELECT body FROM event_batches WHERE execution_id = ? AND first_id < ? ORDER BY first_id DESC LIMIT ?";

/**
 * A page of an execution's history. `olderRows`: whether the store has rows in `events` at all (only
 * stores written before migration 3 do; nothing writes there any more), else that table is not read.
 */
export function listSqliteEvents(
  q: Prepare, executionId: number, executionArn: string, options: ListOptions & { reverse?: boolean }, olderRows: boolean,
): Page<EventRecord> {
  const size = pageSize(options.limit);
  const after = options.after === undefined ? undefined : (decodeCursor(options.after, ["n"])[0] as number);
  const reverse = options.reverse === true;
  // Every batch past the first holds at least one event of the page: size + 1 of them are enough.
  const bodies: string[] = [];
  if (reverse) {
    for (const r of q(BACKWARD).all(executionId, after ?? Number.MAX_SAFE_INTEGER, size + 1)) bodies.push(r.body as string);
  } else {
    const from = after ?? 0;
    const head = q(FORWARD_HEAD).get(executionId, from);
    if (head && Number(head.last_id) > from) bodies.push(head.body as string);
    for (const r of q(FORWARD).all(executionId, from, size + 1)) bodies.push(r.body as string);
  }
  const inRange = (id: number) => after === undefined || (reverse ? id < after : id > after);
  const found: Found[] = [];
  for (const body of bodies) {
    const parsed = JSON.parse(body) as StoredEvent[];
    const batch = body.includes('{"$q":') ? withPayloadsResolved(parsed) : parsed;
    for (const e of batch) if (inRange(e[0])) found.push({ id: e[0], batched: e, row: undefined });
  }
  if (olderRows) {
    const query = listEventsQuery(executionId, options);
    for (const row of q(query.sql).all(...query.params)) found.push({ id: Number(row.id), batched: undefined, row });
  }
  found.sort(reverse ? (a, b) => b.id - a.id : (a, b) => a.id - b.id);
  return toPage(found.slice(0, size + 1), size, (f) => toRecord(f, executionArn), (f) => [f.id]);
}

function toRecord(f: Found, executionArn: string): EventRecord {
  if (f.row) return toEvent({ ...f.row, execution_arn: executionArn });
  const [id, previousEventId, type, timestamp, details] = f.batched!;
  // The details were JSON.stringify's text when written: stringified again, they are that same text.
  return { executionArn, id, previousEventId, type, timestamp, details: JSON.stringify(restorePayloads(details as Record<string, unknown>)) };
}

/** A batch's events with each payload reference (to an earlier event of the batch) made the payload itself. */
function withPayloadsResolved(batch: StoredEvent[]): StoredEvent[] {
  const first = batch[0]?.[0] ?? 0;
  // A batch holds consecutive event ids.
  const detailsOf = (id: number) => {
    const e = batch[id - first];
    return e?.[0] === id ? (e[4] as Record<string, unknown>) : undefined;
  };
  for (const e of batch) resolvePayloadRefs(e[4] as Record<string, unknown>, detailsOf);
  return batch;
}
