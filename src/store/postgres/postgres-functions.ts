/** @module The PostgreSQL store's Lambda functions, versions, aliases, code packages and async invocation queue. */
import { pageSize, toPage } from "../cursor.js";
import { listByKeyQuery, numbered, type Query } from "../queries.js";
import { listFunctionVersionsQuery } from "../queries-logs.js";
import { AlreadyExists } from "../records.js";
import type {
  FunctionAliasRecord, FunctionCodeRecord, FunctionInvocationRecord, FunctionRecord, FunctionTotals, FunctionVersionRecord,
} from "../records-functions.js";
import {
  ALIAS_UPSERT, FUNCTION_ALIAS_COLUMNS, FUNCTION_COLUMNS, FUNCTION_VERSION_COLUMNS, functionAliasValues, functionValues,
  functionVersionValues, PRUNE_CODE, toFunction, toFunctionAlias, toFunctionVersion, toInvocation,
} from "../rows-functions.js";
import type { Row } from "../rows.js";
import type { FunctionsStore } from "../store-functions.js";
import type { ListOptions } from "../store.js";
import type { PgQueryable } from "./pg-driver.js";
import { insertRows } from "./postgres-write.js";

const PRUNE = numbered(PRUNE_CODE);

/** What the PostgreSQL store lends: its pool and its transaction helper. */
export interface PgAccess {
  readonly pool: PgQueryable;
  transaction<R>(fn: (c: PgQueryable) => Promise<R>): Promise<R>;
}

export class PostgresFunctions implements FunctionsStore {
  constructor(private readonly db: PgAccess) {}

  private async rows(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.pool.query(sql, params)).rows;
  }
  private async first(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return (await this.rows(sql, params))[0];
  }
  private list(query: Query): Promise<Row[]> {
    return this.rows(numbered(query.sql), query.params);
  }
  private static async putCode(c: PgQueryable, code: FunctionCodeRecord): Promise<void> {
    // DO UPDATE (not NOTHING) locks the row, so a concurrent prune of the same package waits for this transaction.
    await c.query("INSERT INTO function_code (sha256, size, zip) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO UPDATE SET size = excluded.size",
      [code.sha256, code.zip.byteLength, Buffer.from(code.zip.buffer, code.zip.byteOffset, code.zip.byteLength)]);
  }

  async createFunction(record: FunctionRecord, code: FunctionCodeRecord): Promise<void> {
    await this.db.transaction(async (c) => {
      const marks = FUNCTION_COLUMNS.map((_, i) => `$${i + 1}`).join(", ");
      const result = await c.query(`INSERT INTO functions (${FUNCTION_COLUMNS.join(", ")}) VALUES (${marks}) ON CONFLICT (arn) DO NOTHING`, functionValues(record));
      if (result.rowCount === 0) throw new AlreadyExists(record.arn);
      await PostgresFunctions.putCode(c, code);
    });
  }

  async updateFunction(record: FunctionRecord, expectedRevisionId: string, code?: FunctionCodeRecord): Promise<boolean> {
    return this.db.transaction(async (c) => {
      const old = (await c.query("SELECT code_sha256 FROM functions WHERE arn = $1 AND revision_id = $2 FOR UPDATE", [record.arn, expectedRevisionId])).rows[0];
      if (!old) return false;
      if (code) await PostgresFunctions.putCode(c, code);
      const set = FUNCTION_COLUMNS.slice(1).map((col, i) => `${col} = $${i + 2}`).join(", ");
      await c.query(`UPDATE functions SET ${set} WHERE arn = $1`, functionValues(record));
      if (old.code_sha256 !== record.codeSha256) await c.query(PRUNE, [old.code_sha256, old.code_sha256, old.code_sha256]);
      return true;
    });
  }

  async setFunctionConcurrency(arn: string, reservedConcurrency: number | undefined): Promise<boolean> {
    const result = await this.db.pool.query("UPDATE functions SET reserved_concurrency = $1 WHERE arn = $2", [reservedConcurrency ?? null, arn]);
    return (result.rowCount ?? 0) > 0;
  }

  async getFunction(arn: string): Promise<FunctionRecord | undefined> {
    const row = await this.first("SELECT * FROM functions WHERE arn = $1", [arn]);
    return row && toFunction(row);
  }

  async listFunctions(options: ListOptions) {
    const query = listByKeyQuery("functions", "arn", options);
    return toPage(await this.list(query), query.size, toFunction, (r) => [r.arn as string]);
  }

  async deleteFunction(arn: string): Promise<void> {
    await this.db.transaction(async (c) => {
      const shas = (await c.query("SELECT code_sha256 FROM functions WHERE arn = $1 UNION SELECT code_sha256 FROM function_versions WHERE function_arn = $1", [arn]))
        .rows.map((r) => r.code_sha256 as string);
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      await c.query("DELETE FROM function_invocations WHERE function_arn = $1", [arn]);
      await c.query("DELETE FROM function_aliases WHERE function_arn = $1", [arn]);
      await c.query("DELETE FROM function_versions WHERE function_arn = $1", [arn]);
      await c.query("DELETE FROM functions WHERE arn = $1", [arn]);
      for (const sha of shas) await c.query(PRUNE, [sha, sha, sha]);
    });
  }

  async publishFunctionVersion(record: Omit<FunctionVersionRecord, "arn" | "version">): Promise<FunctionVersionRecord | undefined> {
    return this.db.transaction(async (c) => {
      // The row lock of this UPDATE serialises concurrent publishers: each gets its own number.
      const row = (await c.query("UPDATE functions SET last_version = last_version + 1 WHERE arn = $1 RETURNING last_version", [record.functionArn])).rows[0];
      if (!row) return undefined;
      const version = Number(row.last_version);
      const published: FunctionVersionRecord = { ...record, version, arn: `${record.functionArn}:${version}` };
      await insertRows(c, "function_versions", FUNCTION_VERSION_COLUMNS, [functionVersionValues(published)]);
      return published;
    });
  }

  async getFunctionVersion(arn: string): Promise<FunctionVersionRecord | undefined> {
    const row = await this.first("SELECT * FROM function_versions WHERE arn = $1", [arn]);
    return row && toFunctionVersion(row);
  }

  async lastFunctionVersion(functionArn: string): Promise<FunctionVersionRecord | undefined> {
    const row = await this.first("SELECT * FROM function_versions WHERE function_arn = $1 ORDER BY version DESC LIMIT 1", [functionArn]);
    return row && toFunctionVersion(row);
  }

  async listFunctionVersions(functionArn: string, options: ListOptions) {
    const query = listFunctionVersionsQuery(functionArn, options);
    return toPage(await this.list(query), query.size, toFunctionVersion, (r) => [Number(r.version)]);
  }

  async deleteFunctionVersion(arn: string): Promise<void> {
    await this.db.transaction(async (c) => {
      const row = (await c.query("DELETE FROM function_versions WHERE arn = $1 RETURNING code_sha256", [arn])).rows[0];
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      if (row) await c.query(PRUNE, [row.code_sha256, row.code_sha256, row.code_sha256]);
    });
  }

  async putFunctionAlias(record: FunctionAliasRecord): Promise<void> {
    await insertRows(this.db.pool, "function_aliases", FUNCTION_ALIAS_COLUMNS, [functionAliasValues(record)], ALIAS_UPSERT);
  }

  async getFunctionAlias(arn: string): Promise<FunctionAliasRecord | undefined> {
    const row = await this.first("SELECT * FROM function_aliases WHERE arn = $1", [arn]);
    return row && toFunctionAlias(row);
  }

  async listFunctionAliases(functionArn: string, options: ListOptions) {
    const query = listByKeyQuery("function_aliases", "arn", options, { column: "function_arn", value: functionArn });
    return toPage(await this.list(query), query.size, toFunctionAlias, (r) => [r.arn as string]);
  }

  async deleteFunctionAlias(arn: string): Promise<void> {
    await this.db.transaction(async (c) => {
      await c.query("DELETE FROM tags WHERE resource_arn = $1", [arn]);
      await c.query("DELETE FROM function_aliases WHERE arn = $1", [arn]);
    });
  }

  async getFunctionCode(sha256: string): Promise<FunctionCodeRecord | undefined> {
    const row = await this.first("SELECT sha256, zip FROM function_code WHERE sha256 = $1", [sha256]);
    return row && { sha256: row.sha256 as string, zip: new Uint8Array(row.zip as Buffer) };
  }

  async functionTotals(): Promise<FunctionTotals> {
    const row = (await this.first(`SELECT (SELECT COUNT(*) FROM functions) AS n, (SELECT COALESCE(SUM(reserved_concurrency), 0) FROM functions) AS reserved,
      (SELECT COALESCE(SUM(code_size), 0) FROM functions) + (SELECT COALESCE(SUM(code_size), 0) FROM function_versions) AS size`))!;
    return { functionCount: Number(row.n), reservedConcurrency: Number(row.reserved), totalCodeSize: Number(row.size) };
  }

  async enqueueInvocation(r: FunctionInvocationRecord): Promise<void> {
    await this.db.pool.query(`INSERT INTO function_invocations (id, function_arn, qualifier, payload, attempts, due_at, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`, [r.id, r.functionArn, r.qualifier ?? null, r.payload, r.attempts, r.dueAt, r.createdAt]);
  }

  async claimInvocations(now: number, leaseMs: number, limit: number): Promise<readonly FunctionInvocationRecord[]> {
    // SKIP LOCKED: concurrent claimers pass over each other's rows; the old due_at is returned as it was.
    const rows = await this.rows(`WITH c AS (
        SELECT id, due_at FROM function_invocations WHERE due_at <= $1 ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED),
      u AS (UPDATE function_invocations i SET due_at = $2 FROM c WHERE i.id = c.id RETURNING i.*, c.due_at AS claimed_due_at)
      SELECT id, function_arn, qualifier, payload, attempts, claimed_due_at AS due_at, created_at FROM u ORDER BY claimed_due_at, id`,
    [now, now + leaseMs, pageSize(limit)]);
    return rows.map(toInvocation);
  }

  async retryInvocation(id: string, dueAt: number, attempts: number): Promise<void> {
    await this.db.pool.query("UPDATE function_invocations SET due_at = $1, attempts = $2 WHERE id = $3", [dueAt, attempts, id]);
  }

  async deleteInvocation(id: string): Promise<void> {
    await this.db.pool.query("DELETE FROM function_invocations WHERE id = $1", [id]);
  }

  async nextInvocationDue(): Promise<number | undefined> {
    const row = await this.first("SELECT due_at FROM function_invocations ORDER BY due_at LIMIT 1");
    return row ? Number(row.due_at) : undefined;
  }
}
