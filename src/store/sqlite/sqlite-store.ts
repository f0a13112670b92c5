/** @module The SQLite store (better-sqlite3, WAL): the embedded default. Synchronous driver, async interface. */
import { toPage, pageSize } from "../cursor.js";
import { pendingMigrations, type Migration } from "../migration.js";
import { executionKey, listByKeyQuery, listExecutionsQuery, listVersionsQuery, EXECUTION_SELECT, type Query } from "../queries.js";
import { AlreadyExists, type ActivityRecord, type ExecutionFilter, type StateMachineAliasRecord, type StateMachineRecord, type StateMachineVersionRecord, type TagRecord, type TransitionBatch, type ExecutionRecord } from "../records.js";
import {
  nul, stateMachineValues, toActivity, toActivityTask, toAlias, toExecution, toExecutionSummary, toOutbox, toStateMachine,
  toTag, toTaskToken, toTimer, toVersion, STATE_MACHINE_COLUMNS, type Row,
} from "../rows.js";
import type { ListOptions, Store } from "../store.js";
import { openSqliteDatabase, type SqliteDatabase, type SqliteStatement, type SqliteValue } from "./sqlite-driver.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";
import { commitTransition, insertExecution } from "./sqlite-write.js";
import { readSnapshot } from "./sqlite-snapshots.js";
import { SqliteFunctions } from "./sqlite-functions.js";
import { SqliteLogs } from "./sqlite-logs.js";
import { SqliteGroupCommit } from "./sqlite-group-commit.js";
import { listSqliteEvents } from "./sqlite-events.js";
import { FALLBACK_AUTOCHECKPOINT_PAGES, SqliteCheckpointer } from "./sqlite-checkpointer.js";

/** Opens (creating when missing) the SQLite store at `path` (a file or ":memory:") and migrates it. */
export async function openSqliteStore(path: string): Promise<Store> {
  const db = await openSqliteDatabase(path);
  let checkpointer: SqliteCheckpointer | undefined;
  if (path !== ":memory:") {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    checkpointer = new SqliteCheckpointer(path);
  }
  const store = new SqliteStore(db, SQLITE_MIGRATIONS, checkpointer);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Beyond this many running executions the id cache starts over (a miss only costs an index lookup). */
const MAX_REMEMBERED_IDS = 100_000;

const TIMER_SELECT = "SELECT t.id, t.due_at, t.payload, e.arn AS execution_arn FROM timers t JOIN executions e ON e.id = t.execution_id";
const OUTBOX_SELECT = "SELECT o.execution_id, o.id, o.kind, o.created_at, o.payload, e.arn AS execution_arn FROM outbox o JOIN executions e ON e.id = o.execution_id";

export class SqliteStore implements Store {
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly q = (sql: string): SqliteStatement => {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  };

  readonly functions: SqliteFunctions;
  readonly logs: SqliteLogs;
  /** The engine's writes (createExecution, commitTransition): concurrent ones share a transaction. */
  private readonly group: SqliteGroupCommit;
  /** Whether `events` (history rows of stores written before migration 3) has any row: checked once. */
  private olderEventRows: boolean | undefined;
  /** Row ids of running executions this store wrote (executions are never deleted, so an id stays true). */
  private readonly runningIds = new Map<string, number>();
  /** Row ids of executions whose snapshot is in large_snapshots, as far as this store wrote or read (sqlite-snapshots.ts). */
  private readonly largeSnapshotIds = new Set<number>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly migrations: readonly Migration[] = SQLITE_MIGRATIONS,
    private readonly checkpointer?: SqliteCheckpointer,
  ) {
    this.group = new SqliteGroupCommit(db, () => checkpointer?.wrote());
    const write = <R>(fn: () => R): R => this.write(fn);
    this.functions = new SqliteFunctions(this.q, write);
    this.logs = new SqliteLogs(this.q, write);
  }

  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE: the write lock up front, no upgrade deadlocks). */
  private write<R>(fn: () => R): R {
    const result = this.db.transaction(fn).immediate();
    this.checkpointer?.wrote();
    return result;
  }
  private all(query: Query): Row[] {
    return this.q(query.sql).all(...query.params);
  }

  async migrate(): Promise<void> {
    this.write(() => {
      this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      const current = Number(this.db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get()!.v);
      for (const m of pendingMigrations(this.migrations, current)) {
        this.db.exec(m.sql);
        this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
      }
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.group.flushAll();
    this.statements.clear();
    if (this.db.open) this.db.close();
    await this.checkpointer?.close();
  }

  // State machines, versions, aliases, tags

  async createStateMachine(record: StateMachineRecord): Promise<void> {
    const columns = STATE_MACHINE_COLUMNS.join(", ");
    const marks = STATE_MACHINE_COLUMNS.map(() => "?").join(", ");
    const info = this.q(`INSERT INTO state_machines (${columns}) VALUES (${marks}) ON CONFLICT (arn) DO NOTHING`).run(...(stateMachineValues(record) as SqliteValue[]));
    if (info.changes === 0) throw new AlreadyExists(record.arn);
  }

  async updateStateMachine(record: StateMachineRecord): Promise<void> {
    const set = STATE_MACHINE_COLUMNS.slice(1).map((c) => `${c} = ?`).join(", ");
    const [arn, ...rest] = stateMachineValues(record) as SqliteValue[];
    this.q(`UPDATE state_machines SET ${set} WHERE arn = ?`).run(...rest, arn!);
  }

  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    const row = this.q("SELECT * FROM state_machines WHERE arn = ?").get(arn);
    return row && toStateMachine(row);
  }

  async listStateMachines(options: ListOptions) {
    const query = listByKeyQuery("state_machines", "arn", options);
    return toPage(this.all(query), query.size, toStateMachine, (r) => [r.arn as string]);
  }

  async deleteStateMachine(arn: string): Promise<void> {
    this.write(() => {
      this.q("DELETE FROM tags WHERE resource_arn IN (SELECT arn FROM state_machine_versions WHERE state_machine_arn = ?)").run(arn);
      this.q("DELETE FROM tags WHERE resource_arn IN (SELECT arn FROM state_machine_aliases WHERE state_machine_arn = ?)").run(arn);
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM state_machine_versions WHERE state_machine_arn = ?").run(arn);
      this.q("DELETE FROM state_machine_aliases WHERE state_machine_arn = ?").run(arn);
      this.q("DELETE FROM state_machines WHERE arn = ?").run(arn);
    });
  }

  async publishVersion(record: Omit<StateMachineVersionRecord, "arn" | "version">): Promise<StateMachineVersionRecord | undefined> {
    return this.write(() => {
      const row = this.q("UPDATE state_machines SET last_version = last_version + 1 WHERE arn = ? RETURNING last_version").get(record.stateMachineArn);
      if (!row) return undefined;
      const version = Number(row.last_version);
      const published: StateMachineVersionRecord = { ...record, version, arn: `${record.stateMachineArn}:${version}` };
      this.q(`INSERT INTO state_machine_versions (arn, state_machine_arn, version, revision_id, role_arn, description, creation_date, definition)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(published.arn, published.stateMachineArn, version, published.revisionId, published.roleArn,
        nul(published.description), published.creationDate, published.definition);
      return published;
    });
  }

  async getVersion(arn: string): Promise<StateMachineVersionRecord | undefined> {
    const row = this.q("SELECT * FROM state_machine_versions WHERE arn = ?").get(arn);
    return row && toVersion(row);
  }

  async listVersions(stateMachineArn: string, options: ListOptions) {
    const query = listVersionsQuery(stateMachineArn, options);
    return toPage(this.all(query), query.size, toVersion, (r) => [Number(r.version)]);
  }

  async deleteVersion(arn: string): Promise<void> {
    this.write(() => {
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM state_machine_versions WHERE arn = ?").run(arn);
    });
  }

  async putAlias(a: StateMachineAliasRecord): Promise<void> {
    this.q(`INSERT INTO state_machine_aliases (arn, state_machine_arn, name, description, routing_configuration, creation_date, update_date)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET state_machine_arn = excluded.state_machine_arn, name = excluded.name,
      description = excluded.description, routing_configuration = excluded.routing_configuration,
      creation_date = excluded.creation_date, update_date = excluded.update_date`)
      .run(a.arn, a.stateMachineArn, a.name, nul(a.description), a.routingConfiguration, a.creationDate, a.updateDate);
  }

  async getAlias(arn: string): Promise<StateMachineAliasRecord | undefined> {
    const row = this.q("SELECT * FROM state_machine_aliases WHERE arn = ?").get(arn);
    return row && toAlias(row);
  }

  async listAliases(stateMachineArn: string, options: ListOptions) {
    const query = listByKeyQuery("state_machine_aliases", "arn", options, { column: "state_machine_arn", value: stateMachineArn });
    return toPage(this.all(query), query.size, toAlias, (r) => [r.arn as string]);
  }

  async deleteAlias(arn: string): Promise<void> {
    this.write(() => {
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM state_machine_aliases WHERE arn = ?").run(arn);
    });
  }

  async putTags(tags: readonly TagRecord[]): Promise<void> {
    const put = this.q("INSERT INTO tags (resource_arn, key, value) VALUES (?, ?, ?) ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value");
    this.write(() => tags.forEach((t) => put.run(t.resourceArn, t.key, t.value)));
  }

  async removeTags(resourceArn: string, keys: readonly string[]): Promise<void> {
    const remove = this.q("DELETE FROM tags WHERE resource_arn = ? AND key = ?");
    this.write(() => keys.forEach((k) => remove.run(resourceArn, k)));
  }

  async listTags(resourceArn: string): Promise<readonly TagRecord[]> {
    return this.q("SELECT * FROM tags WHERE resource_arn = ? ORDER BY key").all(resourceArn).map(toTag);
  }

  // Executions and their history

  async createExecution(record: ExecutionRecord, first: TransitionBatch) {
    const result = await this.group.run(() => {
      const id = insertExecution(this.q, record, first, this.largeSnapshotIds);
      if (id !== undefined) return { created: true as const, id };
      const existing = this.q(`${EXECUTION_SELECT} WHERE e.state_machine_arn = ? AND e.name = ?`).get(record.stateMachineArn, record.name)!;
      return { created: false as const, existing: toExecution(existing) };
    });
    if (!result.created) return result;
    if ((first.execution?.status ?? record.status) === "RUNNING") this.rememberId(record.arn, result.id);
    return { created: true as const };
  }

  async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
    const row = this.q(`${EXECUTION_SELECT} WHERE e.arn = ?`).get(arn);
    return row && toExecution(row);
  }

  async listExecutions(filter: ExecutionFilter, options: ListOptions) {
    const query = listExecutionsQuery(filter, options);
    return toPage(this.all(query), query.size, toExecutionSummary, executionKey);
  }

  async listOpenExecutions(options: ListOptions) {
    return this.listExecutions({ status: "RUNNING" }, options);
  }

  async commitTransition(executionArn: string, expectedLastEventId: number, batch: TransitionBatch): Promise<void> {
    const knownId = this.runningIds.get(executionArn);
    const id = await this.group.run(() => commitTransition(this.q, executionArn, knownId, expectedLastEventId, batch, this.largeSnapshotIds));
    // Kept only once committed: a rolled-back insert's row id may be given to another execution.
    if (batch.execution?.status !== undefined && batch.execution.status !== "RUNNING") this.runningIds.delete(executionArn);
    else if (knownId === undefined) this.rememberId(executionArn, id);
  }

  private rememberId(executionArn: string, id: number): void {
    if (this.runningIds.size >= MAX_REMEMBERED_IDS) this.runningIds.clear();
    this.runningIds.set(executionArn, id);
  }

  async listEvents(executionArn: string, options: ListOptions & { reverse?: boolean }) {
    const execution = this.q("SELECT id FROM executions WHERE arn = ?").get(executionArn);
    if (!execution) return { items: [], next: undefined };
    this.olderEventRows ??= this.q("SELECT 1 FROM events LIMIT 1").get() !== undefined;
    return listSqliteEvents(this.q, Number(execution.id), executionArn, options, this.olderEventRows);
  }

  async getSnapshot(executionArn: string): Promise<string | undefined> {
    return readSnapshot(this.q, executionArn, this.largeSnapshotIds);
  }

  async getReplayLog(executionArn: string): Promise<string[]> {
    const rows = this.q("SELECT r.body FROM replay_log r JOIN executions e ON e.id = r.execution_id WHERE e.arn = ? ORDER BY r.seq").all(executionArn);
    return rows.map((r) => r.body as string);
  }

  // Timers, outbox, task tokens

  async dueTimers(now: number, limit: number) {
    return this.q(`${TIMER_SELECT} WHERE t.due_at <= ? ORDER BY t.due_at, t.execution_id, t.id LIMIT ?`).all(now, pageSize(limit)).map(toTimer);
  }

  async nextTimerDue(): Promise<number | undefined> {
    const row = this.q("SELECT due_at FROM timers ORDER BY due_at LIMIT 1").get();
    return row ? Number(row.due_at) : undefined;
  }

  async listOutbox(limit: number) {
    return this.q(`${OUTBOX_SELECT} ORDER BY o.created_at, o.execution_id, o.id LIMIT ?`).all(pageSize(limit)).map(toOutbox);
  }

  async claimOutbox(now: number, leaseMs: number, limit: number) {
    return this.write(() => {
      const rows = this.q(`${OUTBOX_SELECT} WHERE o.claimed_until <= ? ORDER BY o.claimed_until, o.created_at, o.execution_id, o.id LIMIT ?`)
        .all(now, pageSize(limit));
      const claim = this.q("UPDATE outbox SET claimed_until = ? WHERE execution_id = ? AND id = ?");
      for (const r of rows) claim.run(now + leaseMs, Number(r.execution_id), r.id as string);
      return rows.map(toOutbox).sort((a, b) => a.createdAt - b.createdAt);
    });
  }

  async getTaskToken(token: string) {
    const row = this.q("SELECT t.*, e.arn AS execution_arn FROM task_tokens t JOIN executions e ON e.id = t.execution_id WHERE t.token = ?").get(token);
    return row && toTaskToken(row);
  }

  async touchTaskToken(token: string, heartbeatDueAt: number | undefined): Promise<void> {
    this.q("UPDATE task_tokens SET heartbeat_due_at = ? WHERE token = ?").run(nul(heartbeatDueAt), token);
  }

  // Activities

  async createActivity(record: ActivityRecord): Promise<ActivityRecord> {
    return this.write(() => {
      this.q("INSERT INTO activities (arn, name, creation_date) VALUES (?, ?, ?) ON CONFLICT (arn) DO NOTHING").run(record.arn, record.name, record.creationDate);
      return toActivity(this.q("SELECT * FROM activities WHERE arn = ?").get(record.arn)!);
    });
  }

  async getActivity(arn: string): Promise<ActivityRecord | undefined> {
    const row = this.q("SELECT * FROM activities WHERE arn = ?").get(arn);
    return row && toActivity(row);
  }

  async listActivities(options: ListOptions) {
    const query = listByKeyQuery("activities", "arn", options);
    return toPage(this.all(query), query.size, toActivity, (r) => [r.arn as string]);
  }

  async deleteActivity(arn: string): Promise<void> {
    this.write(() => {
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM activity_tasks WHERE activity_arn = ?").run(arn);
      this.q("DELETE FROM activities WHERE arn = ?").run(arn);
    });
  }

  async takeActivityTask(activityArn: string) {
    // One statement: atomic under SQLite's write lock, also between processes sharing the file.
    const row = this.q(`DELETE FROM activity_tasks WHERE seq = (SELECT seq FROM activity_tasks WHERE activity_arn = ? ORDER BY created_at, seq LIMIT 1)
      RETURNING token, activity_arn, input, created_at`).get(activityArn);
    return row && toActivityTask(row);
  }
}
