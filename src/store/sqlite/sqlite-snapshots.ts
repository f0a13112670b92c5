/**
 * @module Where SQLite keeps an engine snapshot: a small one in its execution's row (the transition's
 * UPDATE of that row writes it in the same page), a large one in `large_snapshots`. SQLite writes a row
 * whole, so a 1 MB snapshot in the row would be copied by every transition, also by those that only
 * append a replay log entry (1.5 ms each for a 1,000-iteration Map). The row's column is NULL then.
 */
import type { Prepare } from "./sqlite-write.js";

/** Snapshots this long and longer go to `large_snapshots`. */
export const LARGE_SNAPSHOT_CHARS = 16 * 1024;

/** The snapshot for the execution row's column: a small one, else undefined (the row keeps its value until placeSnapshot clears it). */
export const rowSnapshot = (snapshot: string | undefined): string | undefined =>
  snapshot !== undefined && snapshot.length < LARGE_SNAPSHOT_CHARS ? snapshot : undefined;

/**
 * After the row's UPDATE or INSERT: puts a large snapshot in its table (and clears the row's column),
 * and deletes a large one a small snapshot replaces. `largeIds` (execution row ids whose snapshot this
 * store wrote or read in `large_snapshots`) spares small writes the DELETE; reads prefer the row's
 * column, so a large row it misses is garbage, never a wrong answer.
 */
export function placeSnapshot(q: Prepare, id: number, snapshot: string | undefined, largeIds: Set<number>): void {
  if (snapshot === undefined) return;
  if (snapshot.length >= LARGE_SNAPSHOT_CHARS) {
    q("UPDATE executions SET snapshot = NULL WHERE id = ?").run(id);
    q("INSERT OR REPLACE INTO large_snapshots (execution_id, body) VALUES (?, ?)").run(id, snapshot);
    largeIds.add(id);
  } else if (largeIds.delete(id)) {
    q("DELETE FROM large_snapshots WHERE execution_id = ?").run(id);
  }
}

/** The execution's snapshot, wherever it is. */
export function readSnapshot(q: Prepare, executionArn: string, largeIds: Set<number>): string | undefined {
  const row = q("SELECT e.id, e.snapshot, l.body FROM executions e LEFT JOIN large_snapshots l ON l.execution_id = e.id WHERE e.arn = ?").get(executionArn);
  if (!row) return undefined;
  if (row.snapshot !== null) return row.snapshot as string;
  if (row.body !== null) largeIds.add(Number(row.id));
  return (row.body ?? undefined) as string | undefined;
}
