/** @module The SQLite store's Lambda functions, versions, aliases, code packages and async invocation queue. */
import { pageSize, toPage } from "../cursor.js";
import { listByKeyQuery, type Query } from "../queries.js";
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
import type { Prepare } from "./sqlite-write.js";

const marks = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

export class SqliteFunctions implements FunctionsStore {
  constructor(private readonly q: Prepare, private readonly write: <R>(fn: () => R) => R) {}

  private all(query: Query): Row[] {
    return this.q(query.sql).all(...query.params);
  }
  private putCode(code: FunctionCodeRecord): void {
    this.q("INSERT INTO function_code (sha256, size, zip) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING")
      .run(code.sha256, code.zip.byteLength, Buffer.from(code.zip.buffer, code.zip.byteOffset, code.zip.byteLength));
  }
  private prune(sha256: string): void {
    this.q(PRUNE_CODE).run(sha256, sha256, sha256);
  }

  async createFunction(record: FunctionRecord, code: FunctionCodeRecord): Promise<void> {
    this.write(() => {
      const info = this.q(`INSERT INTO functions (${FUNCTION_COLUMNS.join(", ")}) VALUES (${marks(FUNCTION_COLUMNS.length)}) ON CONFLICT (arn) DO NOTHING`)
        .run(...functionValues(record));
      if (info.changes === 0) throw new AlreadyExists(record.arn);
      this.putCode(code);
    });
  }

  async updateFunction(record: FunctionRecord, expectedRevisionId: string, code?: FunctionCodeRecord): Promise<boolean> {
    return this.write(() => {
      const old = this.q("SELECT code_sha256 FROM functions WHERE arn = ? AND revision_id = ?").get(record.arn, expectedRevisionId);
      if (!old) return false;
      if (code) this.putCode(code);
      const set = FUNCTION_COLUMNS.slice(1).map((c) => `${c} = ?`).join(", ");
      const [arn, ...rest] = functionValues(record);
      this.q(`UPDATE functions SET ${set} WHERE arn = ?`).run(...rest, arn!);
      if (old.code_sha256 !== record.codeSha256) this.prune(old.code_sha256 as string);
      return true;
    });
  }

  async setFunctionConcurrency(arn: string, reservedConcurrency: number | undefined): Promise<boolean> {
    return this.q("UPDATE functions SET reserved_concurrency = ? WHERE arn = ?").run(reservedConcurrency ?? null, arn).changes > 0;
  }

  async getFunction(arn: string): Promise<FunctionRecord | undefined> {
    const row = this.q("SELECT * FROM functions WHERE arn = ?").get(arn);
    return row && toFunction(row);
  }

  async listFunctions(options: ListOptions) {
    const query = listByKeyQuery("functions", "arn", options);
    return toPage(this.all(query), query.size, toFunction, (r) => [r.arn as string]);
  }

  async deleteFunction(arn: string): Promise<void> {
    this.write(() => {
      const shas = this.q("SELECT code_sha256 FROM functions WHERE arn = ? UNION SELECT code_sha256 FROM function_versions WHERE function_arn = ?")
        .all(arn, arn).map((r) => r.code_sha256 as string);
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM function_invocations WHERE function_arn = ?").run(arn);
      this.q("DELETE FROM function_aliases WHERE function_arn = ?").run(arn);
      this.q("DELETE FROM function_versions WHERE function_arn = ?").run(arn);
      this.q("DELETE FROM functions WHERE arn = ?").run(arn);
      for (const sha of shas) this.prune(sha);
    });
  }

  async publishFunctionVersion(record: Omit<FunctionVersionRecord, "arn" | "version">): Promise<FunctionVersionRecord | undefined> {
    return this.write(() => {
      const row = this.q("UPDATE functions SET last_version = last_version + 1 WHERE arn = ? RETURNING last_version").get(record.functionArn);
      if (!row) return undefined;
      const version = Number(row.last_version);
      const published: FunctionVersionRecord = { ...record, version, arn: `${record.functionArn}:${version}` };
      this.q(`INSERT INTO function_versions (${FUNCTION_VERSION_COLUMNS.join(", ")}) VALUES (${marks(FUNCTION_VERSION_COLUMNS.length)})`)
        .run(...functionVersionValues(published));
      return published;
    });
  }

  async getFunctionVersion(arn: string): Promise<FunctionVersionRecord | undefined> {
    const row = this.q("SELECT * FROM function_versions WHERE arn = ?").get(arn);
    return row && toFunctionVersion(row);
  }

  async lastFunctionVersion(functionArn: string): Promise<FunctionVersionRecord | undefined> {
    const row = this.q("SELECT * FROM function_versions WHERE function_arn = ? ORDER BY version DESC LIMIT 1").get(functionArn);
    return row && toFunctionVersion(row);
  }

  async listFunctionVersions(functionArn: string, options: ListOptions) {
    const query = listFunctionVersionsQuery(functionArn, options);
    return toPage(this.all(query), query.size, toFunctionVersion, (r) => [Number(r.version)]);
  }

  async deleteFunctionVersion(arn: string): Promise<void> {
    this.write(() => {
      const row = this.q("DELETE FROM function_versions WHERE arn = ? RETURNING code_sha256").get(arn);
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      if (row) this.prune(row.code_sha256 as string);
    });
  }

  async putFunctionAlias(record: FunctionAliasRecord): Promise<void> {
    this.q(`INSERT INTO function_aliases (${FUNCTION_ALIAS_COLUMNS.join(", ")}) VALUES (${marks(FUNCTION_ALIAS_COLUMNS.length)})${ALIAS_UPSERT}`)
      .run(...functionAliasValues(record));
  }

  async getFunctionAlias(arn: string): Promise<FunctionAliasRecord | undefined> {
    const row = this.q("SELECT * FROM function_aliases WHERE arn = ?").get(arn);
    return row && toFunctionAlias(row);
  }

  async listFunctionAliases(functionArn: string, options: ListOptions) {
    const query = listByKeyQuery("function_aliases", "arn", options, { column: "function_arn", value: functionArn });
    return toPage(this.all(query), query.size, toFunctionAlias, (r) => [r.arn as string]);
  }

  async deleteFunctionAlias(arn: string): Promise<void> {
    this.write(() => {
      this.q("DELETE FROM tags WHERE resource_arn = ?").run(arn);
      this.q("DELETE FROM function_aliases WHERE arn = ?").run(arn);
    });
  }

  async getFunctionCode(sha256: string): Promise<FunctionCodeRecord | undefined> {
    const row = this.q("SELECT sha256, zip FROM function_code WHERE sha256 = ?").get(sha256);
    return row && { sha256: row.sha256 as string, zip: new Uint8Array(row.zip as Buffer) };
  }

  async functionTotals(): Promise<FunctionTotals> {
    const f = this.q("SELECT COUNT(*) AS n, COALESCE(SUM(reserved_concurrency), 0) AS reserved FROM functions").get()!;
    const code = this.q(`SELECT COALESCE((SELECT SUM(code_size) FROM functions), 0) + COALESCE((SELECT SUM(code_size) FROM function_versions), 0) AS size`).get()!;
    return { functionCount: Number(f.n), reservedConcurrency: Number(f.reserved), totalCodeSize: Number(code.size) };
  }

  async enqueueInvocation(r: FunctionInvocationRecord): Promise<void> {
    this.q("INSERT INTO function_invocations (id, function_arn, qualifier, payload, attempts, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(r.id, r.functionArn, r.qualifier ?? null, r.payload, r.attempts, r.dueAt, r.createdAt);
  }

  async claimInvocations(now: number, leaseMs: number, limit: number): Promise<readonly FunctionInvocationRecord[]> {
    return this.write(() => {
      const rows = this.q("SELECT * FROM function_invocations WHERE due_at <= ? ORDER BY due_at, id LIMIT ?").all(now, pageSize(limit));
      const lease = this.q("UPDATE function_invocations SET due_at = ? WHERE id = ?");
      for (const r of rows) lease.run(now + leaseMs, r.id as string);
      return rows.map(toInvocation);
    });
  }

  async retryInvocation(id: string, dueAt: number, attempts: number): Promise<void> {
    this.q("UPDATE function_invocations SET due_at = ?, attempts = ? WHERE id = ?").run(dueAt, attempts, id);
  }

  async deleteInvocation(id: string): Promise<void> {
    this.q("DELETE FROM function_invocations WHERE id = ?").run(id);
  }

  async nextInvocationDue(): Promise<number | undefined> {
    const row = this.q("SELECT due_at FROM function_invocations ORDER BY due_at LIMIT 1").get();
    return row ? Number(row.due_at) : undefined;
  }
}
