/**
 * @module Group commit for SQLite: the execution writes (createExecution, commitTransition) that arrive
 * in one event-loop turn share one transaction, so one COMMIT (one WAL append of the pages they touch)
 * serves them all. A group first runs straight through; if a write throws, the transaction is rolled
 * back and the group runs again with a savepoint per write, so the failing write rolls back alone and
 * fails only its caller (writes are plain statements: running one again after a rollback is safe).
 * Every caller's promise settles after the COMMIT, so a resolved write is durable.
 */
import type { SqliteDatabase, SqliteStatement } from "./sqlite-driver.js";

interface Pending {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Statements = Record<"begin" | "commit" | "rollback" | "savepoint" | "release" | "rollbackTo", SqliteStatement>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most writes in one transaction: a longer one would hold the thread (and readers' turns) too long. */
const MAX_GROUP = 1000;

export class SqliteGroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;
  private statements: Statements | undefined;

  /** `committed` runs after each COMMIT (the store asks for a checkpoint). */
  constructor(private readonly db: SqliteDatabase, private readonly committed: () => void = () => undefined) {}

  /** Runs `write` (synchronous statements, no transaction of its own) in the next group; resolves after its COMMIT. */
  run<R>(write: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flushScheduled);
      }
    });
  }

  /** Commits everything queued now (before closing the database). */
  flushAll(): void {
    while (this.pending.length > 0) this.flushGroup();
  }

  private readonly flushScheduled = (): void => {
    this.scheduled = false;
    this.flushGroup();
    if (this.pending.length > 0 && !this.scheduled) {
      // Let I/O and readers in between groups.
      this.scheduled = true;
      setImmediate(this.flushScheduled);
    }
  };

  private flushGroup(): void {
    if (!this.db.open) {
      const lost = this.pending.splice(0);
      for (const item of lost) item.reject(new TypeError("The database connection is not open"));
      return;
    }
    const group = this.pending.splice(0, MAX_GROUP);
    const s = (this.statements ??= {
      begin: this.db.prepare("BEGIN IMMEDIATE"), commit: this.db.prepare("COMMIT"), rollback: this.db.prepare("ROLLBACK"),
      savepoint: this.db.prepare("SAVEPOINT stepwise_write"), release: this.db.prepare("RELEASE stepwise_write"),
      rollbackTo: this.db.prepare("ROLLBACK TO stepwise_write"),
    });
    let outcomes: Outcome[];
    try {
      outcomes = this.straight(group, s) ?? this.oneByOne(group, s);
    } catch (error) {
      // BEGIN or COMMIT failed, or SQLite rolled the whole transaction back: nothing of the group is kept.
      if (this.db.inTransaction) s.rollback.run();
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /** The whole group in one transaction without savepoints; undefined (rolled back) when a write threw. */
  private straight(group: Pending[], s: Statements): Outcome[] | undefined {
    s.begin.run();
    const outcomes = new Array<Outcome>(group.length);
    try {
      for (let i = 0; i < group.length; i++) outcomes[i] = { ok: true, value: group[i]!.write() };
    } catch (error) {
      if (this.db.inTransaction) s.rollback.run();
      if (group.length === 1) return [{ ok: false, error }];
      return undefined;
    }
    this.commitGroup(s);
    return outcomes;
  }

  /** Again, each write in a savepoint of its own: a failing write rolls back alone. */
  private oneByOne(group: Pending[], s: Statements): Outcome[] {
    s.begin.run();
    const outcomes = group.map((item) => this.inSavepoint(item, s));
    this.commitGroup(s);
    return outcomes;
  }

  /** The COMMIT on its own (profiles tell its time apart from the statements'). */
  private commitGroup(s: Statements): void {
    s.commit.run();
    this.committed();
  }

  private inSavepoint(item: Pending, s: Statements): Outcome {
    s.savepoint.run();
    try {
      const value = item.write();
      s.release.run();
      return { ok: true, value };
    } catch (error) {
      // Some errors (disk full, I/O) end the whole transaction: then the group fails as a whole.
      if (!this.db.inTransaction) throw error;
      s.rollbackTo.run();
      s.release.run();
      return { ok: false, error };
    }
  }
}
