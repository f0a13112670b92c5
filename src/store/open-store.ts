/** @module Opens the store a spec names: SQLite (a file, a folder, in memory) or PostgreSQL (a URL). */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "./store.js";

export interface OpenStoreOptions {
  /** PostgreSQL: the schema to use (default: the URL's `?schema=`, else `public`); created when missing. */
  readonly schema?: string;
  /** PostgreSQL: the most connections the pool opens (default 10). */
  readonly maxConnections?: number;
}

/** The file name of the SQLite database inside a data folder. */
export const SQLITE_FILE_NAME = "stepwise.db";

/**
 * Opens and migrates a store:
 * - `postgres://...` / `postgresql://...`: PostgreSQL (`?schema=NAME` picks the schema);
 * - `sqlite:PATH`: SQLite database file PATH (`sqlite::memory:` in memory);
 * - `:memory:`: SQLite in memory (gone on close);
 * - anything else: a folder (created when missing) holding `stepwise.db`, or an existing file.
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    const { openPostgresStore } = await import("./postgres/postgres-store.js");
    return openPostgresStore(spec, options);
  }
  const { openSqliteStore } = await import("./sqlite/sqlite-store.js");
  if (spec.startsWith("sqlite:")) return openSqliteStore(spec.slice("sqlite:".length));
  if (spec === ":memory:") return openSqliteStore(spec);
  if (spec === "") throw new Error("Empty store spec: give a folder, sqlite:FILE, :memory: or a postgres:// URL");
  return openSqliteStore(isFile(spec) ? spec : join(spec, SQLITE_FILE_NAME));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
