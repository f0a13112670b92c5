/** @module The few better-sqlite3 methods the SQLite store uses, as a narrow type; the driver loads lazily. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type SqliteValue = string | number | null | Uint8Array;

export interface SqliteStatement {
  run(...params: SqliteValue[]): { readonly changes: number; readonly lastInsertRowid: number | bigint };
  get(...params: SqliteValue[]): Record<string, unknown> | undefined;
  all(...params: SqliteValue[]): Record<string, unknown>[];
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wraps `fn` in BEGIN / COMMIT (ROLLBACK when it throws); `.immediate` takes the write lock at BEGIN. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { (...args: A): R; immediate(...args: A): R };
  close(): unknown;
  readonly open: boolean;
  /** False when no transaction is open (also after SQLite rolled one back by itself on an I/O error). */
  readonly inTransaction: boolean;
}

type Constructor = new (path: string, options?: { timeout?: number }) => SqliteDatabase;

/** Opens a database (":memory:" or a file, whose folder is created) with the pragmas the store wants. */
export async function openSqliteDatabase(path: string): Promise<SqliteDatabase> {
  const driver = (await import("better-sqlite3")) as unknown as { default: Constructor };
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new driver.default(path, { timeout: 5000 });
  try {
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    // WAL + NORMAL: commits survive a crash of the process; a power loss may lose the last ones.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
