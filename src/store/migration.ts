/** @module Versioned schema migrations: applied in order, each once, recorded in schema_migrations. */

export interface Migration {
  /** 1, 2, 3, ... without gaps; never renumber or edit a released migration, add a new one. */
  readonly version: number;
  readonly name: string;
  /** DDL and data moves; runs inside one transaction with the bookkeeping row. */
  readonly sql: string;
}

/** The migrations still to apply on a schema at `current`; refuses a schema newer than this code. */
export function pendingMigrations(migrations: readonly Migration[], current: number): readonly Migration[] {
  const latest = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  if (current > latest) {
    throw new Error(`The store's schema is at version ${current}, newer than this Stepwise knows (${latest}): upgrade Stepwise`);
  }
  return migrations.slice(current);
}
