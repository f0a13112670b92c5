/** @module DescribeMapRun's executionCounts and itemCounts, counted from the Map Run's child executions. */
import type { ExecutionRecord, ExecutionStatus, ExecutionSummary, Store } from "../../store/index.js";

export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  /** Items whose results a ResultWriter wrote: Stepwise has no ResultWriter yet, so always 0. */
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

const FIELD: Readonly<Record<ExecutionStatus, keyof MapRunCounts>> = {
  RUNNING: "running", SUCCEEDED: "succeeded", FAILED: "failed", TIMED_OUT: "timedOut", ABORTED: "aborted", PENDING_REDRIVE: "pendingRedrive",
};

const zero = (): MapRunCounts => ({
  pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0,
});

/** `expected`: how many child executions the run will have (MapStateStarted's length); the rest are pending. */
export function countExecutions(children: readonly ExecutionSummary[], expected: number | undefined): MapRunCounts {
  const counts = zero();
  for (const child of children) counts[FIELD[child.status]]++;
  counts.total = Math.max(expected ?? children.length, children.length);
  counts.pending = counts.total - children.length;
  return counts;
}

/**
 * Items per status. Without an ItemBatcher each child execution is one item. With one, each child's
 * input `{"Items": [...]}` is read (one store read per child); `itemTotal` is every item of the run.
 */
export async function countItems(
  store: Store, children: readonly ExecutionSummary[], executions: MapRunCounts, batched: boolean, itemTotal: number | undefined,
): Promise<MapRunCounts> {
  if (!batched) return { ...executions };
  const counts = zero();
  let started = 0;
  for (const child of children) {
    const n = itemCountOf(await store.getExecution(child.arn), true);
    counts[FIELD[child.status]] += n;
    started += n;
  }
  counts.total = Math.max(itemTotal ?? started, started);
  counts.pending = counts.total - started;
  return counts;
}

/** How many items a child execution processes: its batch's `Items`, or one. */
export function itemCountOf(child: ExecutionRecord | undefined, batched: boolean): number {
  if (!batched || !child) return 1;
  try {
    const input = JSON.parse(child.input) as { Items?: unknown };
    return Array.isArray(input?.Items) ? input.Items.length : 1;
  } catch {
    return 1;
  }
}
