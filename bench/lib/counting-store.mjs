/**
 * @module Wraps a Store to count what the engine writes: transactions (createExecution and
 * commitTransition), history events, `*StateEntered` events (state transitions as AWS's quota counts
 * them), the wall time from each write's call until its promise settles, and how many writes settle
 * together (in one event-loop turn: the stores commit concurrent writes as one group).
 */

export function countingStore(store) {
  const fresh = () => ({ commits: 0, events: 0, statesEntered: 0, writeMs: 0, snapshotBytes: 0, settleTurns: 0 });
  const counts = fresh();
  let turnCounted = false;
  const settled = () => {
    if (turnCounted) return;
    turnCounted = true;
    counts.settleTurns++;
    setImmediate(() => (turnCounted = false));
  };
  const note = (batch) => {
    counts.commits++;
    counts.events += batch.events.length;
    for (const e of batch.events) if (e.type.endsWith("StateEntered")) counts.statesEntered++;
    counts.snapshotBytes += batch.snapshot?.length ?? 0;
  };
  const timed = async (batch, call) => {
    const t0 = performance.now();
    try {
      return await call();
    } finally {
      counts.writeMs += performance.now() - t0;
      note(batch);
      settled();
    }
  };
  const createExecution = (record, first) => timed(first, () => store.createExecution(record, first));
  const commitTransition = (arn, expected, batch) => timed(batch, () => store.commitTransition(arn, expected, batch));
  // Other methods pass through, bound once (not on every access: the engine calls them per transition).
  const bound = new Map();
  const wrapped = new Proxy(store, {
    get(target, key) {
      if (key === "createExecution") return createExecution;
      if (key === "commitTransition") return commitTransition;
      const value = target[key];
      if (typeof value !== "function") return value;
      let fn = bound.get(key);
      if (!fn) bound.set(key, (fn = value.bind(target)));
      return fn;
    },
  });
  return {
    store: wrapped,
    counts,
    reset() {
      Object.assign(counts, fresh());
    },
  };
}
