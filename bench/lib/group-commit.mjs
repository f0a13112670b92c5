/**
 * @module A what-if, not Stepwise: group commit on the SQLite store, as a wrapper. Writes
 * (createExecution, commitTransition) that arrive in the same event-loop turn are applied in ONE SQLite
 * transaction, each in its own savepoint (a failing one rolls back alone), and every caller's promise
 * settles after that one COMMIT. It reaches into the SQLite store's private `db` (better-sqlite3), so
 * it only shows what the technique would gain; the real thing belongs in src/store.
 */

/** Wraps `raw` (a SqliteStore); undefined when its database handle is not reachable. */
export function groupCommitStore(raw) {
  const db = raw.db;
  if (!db || typeof db.transaction !== "function") return undefined;
  const stats = { groups: 0, writes: 0 };
  let pending = [];
  const flush = () => {
    const items = pending;
    pending = [];
    let settled;
    try {
      // Nested better-sqlite3 transactions (the store's own) become savepoints inside this one.
      db.transaction(() => {
        settled = items.map((item) => item.write());
      }).immediate();
    } catch (e) {
      for (const item of items) item.reject(e);
      return;
    }
    stats.groups++;
    stats.writes += items.length;
    items.forEach((item, i) => settled[i].then(item.resolve, item.reject));
  };
  const enqueue = (write) => new Promise((resolve, reject) => {
    pending.push({ write, resolve, reject });
    if (pending.length === 1) setImmediate(flush);
  });
  const store = new Proxy(raw, {
    get(target, key) {
      if (key === "createExecution") return (record, first) => enqueue(() => target.createExecution(record, first));
      if (key === "commitTransition") return (arn, expected, batch) => enqueue(() => target.commitTransition(arn, expected, batch));
      const value = target[key];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store, stats };
}
