/**
 * @module Group commit for PostgreSQL: the execution writes (createExecution, commitTransition) waiting
 * while every group connection is busy go together, so one COMMIT (one WAL flush) serves them all: a
 * group of transitions is ONE statement (each transition's CTEs hang on its version-checked UPDATE, so a
 * stale one writes nothing), other groups one transaction. Every caller's promise settles after its
 * group's COMMIT. With connections free, writes go out at once (split over the free connections), so a
 * lone write waits for nobody. Failures are rare (a duplicate key, a deadlock): when a group's statement
 * or a write of its transaction fails, nothing of the group is kept and each of its writes runs again
 * on its own, so only the failing one fails (savepoints would cost two round trips a write every time).
 */
import { inTransaction, type PgPool, type PgQueryable } from "./pg-driver.js";
import { params, type Param } from "./postgres-batch-statement.js";

/**
 * A write that can also be written as CTEs of one statement, so that a group of such writes is ONE
 * statement (one round trip, no BEGIN/COMMIT). Its CTE `${tag}u` yields a row when it took effect.
 */
export interface PlannedWrite {
  /** Writes of one key (an execution) never share a statement. */
  readonly key: string;
  /** The CTEs, or undefined when this write needs statements of its own. May throw (a malformed batch). */
  ctes(tag: string, p: Param): string[] | undefined;
  /** When `${tag}u` yielded no row: why (throws). */
  missed(c: PgQueryable): Promise<never>;
}

interface Pending {
  readonly write: (c: PgQueryable) => Promise<unknown>;
  readonly plan: PlannedWrite | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  tries: number;
}

/** Most writes in one transaction. */
const MAX_GROUP = 200;
/** SQLSTATEs that say "run me again": deadlock between two groups, serialization failure. */
const RETRY = new Set(["40P01", "40001"]);

export class PgGroupCommit {
  private pending: Pending[] = [];
  private running = 0;
  private scheduled = false;

  /** `maxGroups`: how many groups (connections) may commit at once; the pool keeps others for reads. */
  constructor(private readonly pool: PgPool, private readonly maxGroups: number) {}

  /** Runs `write` (statements on `c`, no transaction of its own) in a group; resolves after its COMMIT. */
  run<R>(write: (c: PgQueryable) => Promise<R>, plan?: PlannedWrite): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ write, plan, resolve: resolve as (value: unknown) => void, reject, tries: 0 });
      this.schedule();
    });
  }

  /** Writes issued in the same event-loop turn start together. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.launch();
    });
  }

  /** Spreads what waits over the free connections. */
  private launch(): void {
    const free = this.maxGroups - this.running;
    if (free <= 0 || this.pending.length === 0) return;
    const size = Math.min(MAX_GROUP, Math.ceil(this.pending.length / free));
    while (this.running < this.maxGroups && this.pending.length > 0) {
      this.running++;
      void this.runGroup(this.pending.splice(0, size)).finally(() => {
        this.running--;
        this.launch();
      });
    }
  }

  private async runGroup(group: Pending[]): Promise<void> {
    if (group.every((item) => item.plan)) {
      const rest = await this.asOneStatement(group);
      if (rest.length === 0) return;
      group = rest;
    }
    if (group.length > 1) {
      let values: unknown[] | undefined;
      try {
        values = await this.inOneTransaction(group.map((item) => item.write));
      } catch (error) {
        // BEGIN or COMMIT failed (not a write): the group fails as a whole, as a single write would.
        for (const item of group) item.reject(error);
        return;
      }
      if (values) {
        group.forEach((item, i) => item.resolve(values[i]));
        return;
      }
    }
    // Alone, or one of the group failed: each in its own transaction.
    await Promise.all(group.map(async (item) => {
      try {
        item.resolve(await this.transaction(item.write));
      } catch (error) {
        if (this.retries(item, error)) this.again(item);
        else item.reject(error);
      }
    }));
  }

  /**
   * Planned writes as one statement; returns those that must run on their own (statements of their own,
   * or all of them when the statement failed: nothing of it is kept then).
   */
  private async asOneStatement(group: Pending[]): Promise<Pending[]> {
    const values: unknown[] = [];
    const p = params(values);
    const ctes: string[] = [];
    const selects: string[] = [];
    const inStatement: Pending[] = [];
    const alone: Pending[] = [];
    const keys = new Set<string>();
    for (const item of group) {
      const plan = item.plan!;
      let planned: string[] | undefined;
      try {
        planned = keys.has(plan.key) ? undefined : plan.ctes(`t${inStatement.length}`, p);
      } catch (error) {
        item.reject(error);
        continue;
      }
      if (!planned) {
        alone.push(item);
        continue;
      }
      keys.add(plan.key);
      ctes.push(...planned);
      selects.push(`SELECT ${inStatement.length} AS w FROM t${inStatement.length}u`);
      inStatement.push(item);
    }
    if (inStatement.length === 0) return alone;
    let took: Set<number>;
    try {
      const result = await this.pool.query(`WITH ${ctes.join(", ")} ${selects.join(" UNION ALL ")}`, values);
      took = new Set(result.rows.map((r) => Number(r.w)));
    } catch {
      // A duplicate key, a deadlock...: the statement wrote nothing; each write runs on its own.
      return [...alone, ...inStatement];
    }
    await Promise.all(inStatement.map(async (item, i) => {
      if (took.has(i)) return item.resolve(undefined);
      try {
        await item.plan!.missed(this.pool);
        throw new Error(`A write of ${item.plan!.key} took no effect`);
      } catch (error) {
        item.reject(error);
      }
    }));
    return alone;
  }

  /** All of `writes` in one transaction; undefined when one of them failed (nothing is kept then). */
  private async inOneTransaction(writes: Pending["write"][]): Promise<unknown[] | undefined> {
    let writeFailed = false;
    try {
      return await this.transaction(async (c) => {
        const values = [];
        for (const write of writes) {
          try {
            values.push(await write(c));
          } catch (error) {
            writeFailed = true;
            throw error;
          }
        }
        return values;
      });
    } catch (error) {
      if (writeFailed) return undefined;
      throw error;
    }
  }

  /** BEGIN, `fn`, COMMIT on one connection (ROLLBACK when it throws). */
  private transaction<R>(fn: (c: PgQueryable) => Promise<R>): Promise<R> {
    return inTransaction(this.pool, fn);
  }

  /** Two transactions can wait on each other's rows (PostgreSQL then fails one): such a write runs again. */
  private retries(item: Pending, error: unknown): boolean {
    return item.tries < 3 && RETRY.has((error as { code?: unknown } | undefined)?.code as string);
  }

  private again(item: Pending): void {
    item.tries++;
    this.pending.push(item);
    this.schedule();
  }
}
