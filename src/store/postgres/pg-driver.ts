/** @module The few `pg` methods the PostgreSQL store uses, as a narrow type; the driver loads lazily. */

export interface PgResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number | null;
}

export interface PgQueryable {
  query(text: string, values?: readonly unknown[]): Promise<PgResult>;
}

export interface PgPoolClient extends PgQueryable {
  /** Back to the pool; with an error, the connection is destroyed instead. */
  release(error?: Error | boolean): void;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
}

interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
  types: { getTypeParser(oid: number, format?: string): unknown };
}

const INT8 = 20;

/**
 * A pool on `connectionString` whose sessions use `schema`. BIGINT (our ms timestamps and ids, all
 * below 2^53) reads as a number, for this pool only (pg's global parsers stay untouched).
 */
export async function createPgPool(connectionString: string, schema: string, max: number): Promise<PgPool> {
  const imported = (await import("pg")) as unknown as { default?: PgModule } & PgModule;
  const pg = imported.default ?? imported;
  const types = {
    getTypeParser: (oid: number, format?: string) => (oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)),
  };
  // The schema goes in the startup packet (libpq `options`), so every session uses it from its first query.
  const url = new URL(connectionString);
  const options = [url.searchParams.get("options"), `-c search_path=${quoteIdentifier(schema)}`].filter(Boolean).join(" ");
  url.searchParams.set("options", options);
  const pool = new pg.Pool({ connectionString: url.toString(), max, types });
  // An idle client losing its server must not crash the process: the pool replaces it.
  pool.on("error", () => undefined);
  return pool;
}

/** Schema names we accept: plain identifiers, so quoting is only for case. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid PostgreSQL schema name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Runs `fn` between BEGIN and COMMIT on one connection of `pool` (ROLLBACK when it throws). */
export async function inTransaction<R>(pool: PgPool, fn: (c: PgQueryable) => Promise<R>): Promise<R> {
  const client: PgPoolClient = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
      client.release();
    } catch (rollbackError) {
      client.release(rollbackError as Error);
    }
    throw error;
  }
}
