/** @module The PostgreSQL store (`pg` pool): several Stepwise nodes share one database. */
import { pageSize, toPage } from "../cursor.js";
import { pendingMigrations, type Migration } from "../migration.js";
import type { OpenStoreOptions } from "../open-store.js";
import { executionKey, listByKeyQuery, listEventsQuery, listExecutionsQuery, listVersionsQuery, numbered, EXECUTION_SELECT, type Query } from "../queries.js";
import { AlreadyExists, type ActivityRecord, type ExecutionFilter, type ExecutionRecord, type StateMachineAliasRecord, type StateMachineRecord, type StateMachineVersionRecord, type TagRecord, type TransitionBatch } from "../records.js";
import {
  nul, stateMachineValues, toActivity, toActivityTask, toAlias, toEvent, toExecution, toExecutionSummary, toOutbox, toStateMachine,
  toTag, toTaskToken, toTimer, toVersion, STATE_MACHINE_COLUMNS, type Row,
} from "../rows.js";
import type { ListOptions, Store } from "../store.js";
import { createPgPool, inTransaction, quoteIdentifier, type PgPool, type PgQueryable } from "./pg-driver.js";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { commitTransition, insertExecution, insertRows, transitionCtes, whyNotUpdated } from "./postgres-write.js";
import { PostgresFunctions } from "./postgres-functions.js";
import { PostgresLogs } from "./postgres-logs.js";
import { PgGroupCommit } from "./postgres-group-commit.js";

/** Opens the store at a postgres:// URL (`?schema=NAME`, else options.schema, else public) and migrates it. */
export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const parsed = new URL(url);
  const schema = options.schema ?? parsed.searchParams.get("schema") ?? "public";
  quoteIdentifier(schema);
  parsed.searchParams.delete("schema");
  const connections = options.maxConnections ?? 10;
  // Up to two connections stay free of group commits, for reads and the engine's other work.
  const store = new PostgresStore(await createPgPool(parsed.toString(), schema, connections), schema, POSTGRES_MIGRATIONS, Math.max(1, connections - 2));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

const TIMER_SELECT = "SELECT t.id, t.due_at, t.payload, e.arn AS execution_arn FROM timers t JOIN executions e ON e.id = t.execution_id";

export class PostgresStore implements Store {
  private closed = false;

  readonly functions: PostgresFunctions;
  readonly logs: PostgresLogs;
  /** The engine's writes (createExecution, commitTransition): concurrent ones share transactions. */
  private readonly group: PgGroupCommit;

  constructor(
    private readonly pool: PgPool, private readonly schema: string, private readonly migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
    writeConnections = 1,
  ) {
    this.group = new PgGroupCommit(pool, writeConnections);
    const access = { pool, transaction: <R>(fn: (c: PgQueryable) => Promise<R>) => this.transaction(fn) };
    this.functions = new PostgresFunctions(access);
    this.logs = new PostgresLogs(access);
  }

  /** Runs `fn` between BEGIN and COMMIT on one connection (ROLLBACK when it throws). */
  private transaction<R>(fn: (c: PgQueryable) => Promise<R>): Promise<R> {
    return inTransaction(this.pool, fn);
  }
  private async rows(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows;
  }
  private async first(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }
  private list(query: Query): Promise<Row[]> {
    return this.rows(numbered(query.sql), query.params);
  }

  /** All nodes may start at once: the advisory lock lets one migrate while the others wait, then find nothing to do. */
  async migrate(): Promise<void> {
    const schema = quoteIdentifier(this.schema);
    await this.transaction(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(1937007975, hashtext($1))", [this.schema]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await c.query(`SET LOCAL search_path TO ${schema}`);
      await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      const current = Number((await c.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")).rows[0]!.v);
      for (const m of pendingMigrations(this.migrations, current)) {
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // State machines, versions, aliases, tags

  async createStateMachine(record: StateMachineRecord): Promise<void> {
    const marks = STATE_MACHINE_COLUMNS.map((_, i) => `$${i + 1}`).join(", ");
    const result = await this.pool.query(`INSERT INTO state_machines (${STATE_MACHINE_COLUMNS.join(", ")}) VALUES (${marks}) ON CONFLICT (arn) DO NOTHING`, stateMachineValues(record));
    if (result.rowCount === 0) throw new AlreadyExists(record.arn);
  }

  async updateStateMachine(record: StateMachineRecord): Promise<void> {
    const set = STATE_MACHINE_COLUMNS.slice(1).map((c, i) => `${c} = $${i + 2}`).join(", ");
    await this.pool.query(`UPDATE state_machines SET ${set} WHERE arn = $1`, stateMachineValues(record));
  }

  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    const row = await this.first("SELECT * FROM state_machines WHERE arn = $1", [arn]);
    return row && toStateMachine(row);
  }

  async listStateMachines(options: ListOptions) {
    const query = listByKeyQuery("state_machines", "arn", options);
    return toPage(await this.list(query), query.size, toStateMachine, (r) => [r.arn as string]);
  }

  async deleteStateMachine(arn: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`DELETE FROM tags WHERE resource_arn = $1 OR resource_arn IN (SELECT arn FROM state_machine_versions WHERE state_machine_arn = $1)
        OR resource_arn IN (SELECT arn FROM state_machine_aliases WHERE state_machine_arn = $1)`, [arn]);
      await c.query("DELETE FROM state_machine_versions WHERE state_machine_arn = $1", [arn]);
      await c.query("DELETE FROM state_machine_aliases WHERE state_machine_arn = $1", [arn]);
      await c.query("DELETE FROM state_machines WHERE arn = $1", [arn]);
    });
  }

  async publishVersion(record: Omit<StateMachineVersionRecord, "arn" | "version">): Promise<StateMachineVersionRecord | undefined> {
    return this.transaction(async (c) => {
      // The row lock of this UPDATE serialises concurrent publishers: each gets its own number.
      const row = (await c.query("UPDATE state_machines SET last_version = last_version + 1 WHERE arn = $1 RETURNING last_version", [record.stateMachineArn])).rows[0];
      if (!row) return undefined;
      const version = Number(row.last_version);
      const published: StateMachineVersionRecord = { ...record, version, arn: `${record.stateMachineArn}:${version}` };
      await insertRows(c, "state_machine_versions", ["arn", "state_machine_arn", "version", "revision_id", "role_arn", "description", "creation_date", "definition"],
        [[published.arn, published.stateMachineArn, version, published.revisionId, published.roleArn, nul(published.description), published.creationDate, published.definition]]);
      return published;
    });
  }

  async getVersion(arn: string): Promise<StateMachineVersionRecord | undefined> {
    const row = await this.first("SELECT * FROM state_machine_versions WHERE arn = $1", [arn]);
    return row && toVersion(row);
  }

  async listVersions(stateMachineArn: string, options: ListOptions) {
    const query = listVersionsQuery(stateMachineArn, options);
    return toPage(await this.list(query), query.size, toVersion, (r) => [Number(r.version)]);
  }

  async deleteVersion(arn: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      await c.query("DELETE FROM state_machine_versions WHERE arn = $1", [arn]);
    });
  }

  async putAlias(a: StateMachineAliasRecord): Promise<void> {
    await insertRows(this.pool, "state_machine_aliases", ["arn", "state_machine_arn", "name", "description", "routing_configuration", "creation_date", "update_date"],
      [[a.arn, a.stateMachineArn, a.name, nul(a.description), a.routingConfiguration, a.creationDate, a.updateDate]],
      ` ON CONFLICT (arn) DO UPDATE SET state_machine_arn = excluded.state_machine_arn, name = excluded.name, description = excluded.description,
        routing_configuration = excluded.routing_configuration, creation_date = excluded.creation_date, update_date = excluded.update_date`);
  }

  async getAlias(arn: string): Promise<StateMachineAliasRecord | undefined> {
    const row = await this.first("SELECT * FROM state_machine_aliases WHERE arn = $1", [arn]);
    return row && toAlias(row);
  }

  async listAliases(stateMachineArn: string, options: ListOptions) {
    const query = listByKeyQuery("state_machine_aliases", "arn", options, { column: "state_machine_arn", value: stateMachineArn });
    return toPage(await this.list(query), query.size, toAlias, (r) => [r.arn as string]);
  }

  async deleteAlias(arn: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      await c.query("DELETE FROM state_machine_aliases WHERE arn = $1", [arn]);
    });
  }

  async putTags(tags: readonly TagRecord[]): Promise<void> {
    // One statement may not update a row twice: the last value of a repeated key wins, as in SQLite.
    const unique = new Map(tags.map((t) => [JSON.stringify([t.resourceArn, t.key]), t]));
    await insertRows(this.pool, "tags", ["resource_arn", "key", "value"], [...unique.values()].map((t) => [t.resourceArn, t.key, t.value]),
      " ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value");
  }

  async removeTags(resourceArn: string, keys: readonly string[]): Promise<void> {
    await this.pool.query("DELETE FROM tags WHERE resource_arn = $1 AND key = ANY($2::text[])", [resourceArn, keys]);
  }

  async listTags(resourceArn: string): Promise<readonly TagRecord[]> {
    return (await this.rows("SELECT * FROM tags WHERE resource_arn = $1 ORDER BY key", [resourceArn])).map(toTag);
  }

  // Executions and their history

  async createExecution(record: ExecutionRecord, first: TransitionBatch) {
    const existing = await this.group.run((c) => insertExecution(c, record, first));
    return existing ? { created: false as const, existing } : { created: true as const };
  }

  async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
    const row = await this.first(`${EXECUTION_SELECT} WHERE e.arn = $1`, [arn]);
    return row && toExecution(row);
  }

  async listExecutions(filter: ExecutionFilter, options: ListOptions) {
    const query = listExecutionsQuery(filter, options);
    return toPage(await this.list(query), query.size, toExecutionSummary, executionKey);
  }

  async listOpenExecutions(options: ListOptions) {
    return this.listExecutions({ status: "RUNNING" }, options);
  }

  async commitTransition(executionArn: string, expectedLastEventId: number, batch: TransitionBatch): Promise<void> {
    await this.group.run((c) => commitTransition(c, executionArn, expectedLastEventId, batch), {
      key: executionArn,
      ctes: (tag, p) => transitionCtes(tag, p, executionArn, expectedLastEventId, batch),
      missed: (c) => whyNotUpdated(c, executionArn, expectedLastEventId),
    });
  }

  async listEvents(executionArn: string, options: ListOptions & { reverse?: boolean }) {
    const execution = await this.first("SELECT id FROM executions WHERE arn = $1", [executionArn]);
    if (!execution) return { items: [], next: undefined };
    const query = listEventsQuery(Number(execution.id), options);
    return toPage(await this.list(query), query.size, (r) => toEvent({ ...r, execution_arn: executionArn }), (r) => [Number(r.id)]);
  }

  async getSnapshot(executionArn: string): Promise<string | undefined> {
    const row = await this.first("SELECT s.body FROM snapshots s JOIN executions e ON e.id = s.execution_id WHERE e.arn = $1", [executionArn]);
    return row?.body as string | undefined;
  }

  async getReplayLog(executionArn: string): Promise<string[]> {
    const rows = await this.rows("SELECT r.body FROM replay_log r JOIN executions e ON e.id = r.execution_id WHERE e.arn = $1 ORDER BY r.seq", [executionArn]);
    return rows.map((r) => r.body as string);
  }

  // Timers, outbox, task tokens

  async dueTimers(now: number, limit: number) {
    return (await this.rows(`${TIMER_SELECT} WHERE t.due_at <= $1 ORDER BY t.due_at, t.execution_id, t.id LIMIT $2`, [now, pageSize(limit)])).map(toTimer);
  }

  async nextTimerDue(): Promise<number | undefined> {
    const row = await this.first("SELECT due_at FROM timers ORDER BY due_at LIMIT 1");
    return row ? Number(row.due_at) : undefined;
  }

  async listOutbox(limit: number) {
    return (await this.rows(`SELECT o.id, o.kind, o.created_at, o.payload, e.arn AS execution_arn FROM outbox o JOIN executions e ON e.id = o.execution_id
      ORDER BY o.created_at, o.execution_id, o.id LIMIT $1`, [pageSize(limit)])).map(toOutbox);
  }

  async claimOutbox(now: number, leaseMs: number, limit: number) {
    // SKIP LOCKED: concurrent claimers pass over each other's rows instead of waiting for them.
    const rows = await this.rows(`WITH c AS (
        SELECT execution_id, id FROM outbox WHERE claimed_until <= $1 ORDER BY claimed_until, created_at, execution_id, id LIMIT $3 FOR UPDATE SKIP LOCKED),
      u AS (UPDATE outbox o SET claimed_until = $2 FROM c WHERE o.execution_id = c.execution_id AND o.id = c.id RETURNING o.*)
      SELECT u.id, u.kind, u.created_at, u.payload, e.arn AS execution_arn FROM u JOIN executions e ON e.id = u.execution_id
      ORDER BY u.created_at, u.execution_id, u.id`, [now, now + leaseMs, pageSize(limit)]);
    return rows.map(toOutbox);
  }

  async getTaskToken(token: string) {
    const row = await this.first("SELECT t.*, e.arn AS execution_arn FROM task_tokens t JOIN executions e ON e.id = t.execution_id WHERE t.token = $1", [token]);
    return row && toTaskToken(row);
  }

  async touchTaskToken(token: string, heartbeatDueAt: number | undefined): Promise<void> {
    await this.pool.query("UPDATE task_tokens SET heartbeat_due_at = $1 WHERE token = $2", [nul(heartbeatDueAt), token]);
  }

  // Activities

  async createActivity(record: ActivityRecord): Promise<ActivityRecord> {
    await this.pool.query("INSERT INTO activities (arn, name, creation_date) VALUES ($1, $2, $3) ON CONFLICT (arn) DO NOTHING", [record.arn, record.name, record.creationDate]);
    return toActivity((await this.first("SELECT * FROM activities WHERE arn = $1", [record.arn]))!);
  }

  async getActivity(arn: string): Promise<ActivityRecord | undefined> {
    const row = await this.first("SELECT * FROM activities WHERE arn = $1", [arn]);
    return row && toActivity(row);
  }

  async listActivities(options: ListOptions) {
    const query = listByKeyQuery("activities", "arn", options);
    return toPage(await this.list(query), query.size, toActivity, (r) => [r.arn as string]);
  }

  async deleteActivity(arn: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      await c.query("DELETE FROM activity_tasks WHERE activity_arn = $1", [arn]);
      await c.query("DELETE FROM activities WHERE arn = $1", [arn]);
    });
  }

  async takeActivityTask(activityArn: string) {
    // SKIP LOCKED: two workers polling at once get two different tasks (or one gets none), never the same.
    const row = await this.first(`DELETE FROM activity_tasks WHERE seq = (
        SELECT seq FROM activity_tasks WHERE activity_arn = $1 ORDER BY created_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING token, activity_arn, input, created_at`, [activityArn]);
    return row && toActivityTask(row);
  }
}
