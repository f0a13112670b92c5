/**
 * @module Wraps a Store to count what the engine writes: transactions (createExecution and
 * commitTransition), history events, `*StateEntered` events (state transitions as AWS's quota counts
 * them) and the wall time spent inside those writes.
 */

export function countingStore(store) {
  const fresh = () => ({ commits: 0, events: 0, statesEntered: 0, writeMs: 0, writeSyncMs: 0, snapshotBytes: 0 });
  const counts = fresh();
  const note = (batch) => {
    counts.commits++;
    counts.events += batch.events.length;
    for (const e of batch.events) if (e.type.endsWith("StateEntered")) counts.statesEntered++;
    counts.snapshotBytes += batch.snapshot?.length ?? 0;
  };
  // writeSyncMs: until the call returns (all of a SQLite write, which is synchronous); writeMs: until its promise settles.
  const timed = async (batch, call) => {
    const t0 = performance.now();
    try {
      const pending = call();
      counts.writeSyncMs += performance.now() - t0;
      return await pending;
    } finally {
      counts.writeMs += performance.now() - t0;
      note(batch);
    }
  };
  const wrapped = new Proxy(store, {
    get(target, key) {
      if (key === "createExecution") return (record, first) => timed(first, () => target.createExecution(record, first));
      if (key === "commitTransition") return (arn, expected, batch) => timed(batch, () => target.commitTransition(arn, expected, batch));
      const value = target[key];
      return typeof value === "function" ? value.bind(target) : value;
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
