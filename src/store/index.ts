/** @module The store: one interface, SQLite (embedded default) and PostgreSQL (several nodes). */
export type { Store, ListOptions } from "./store.js";
export * from "./records.js";
export { openStore, SQLITE_FILE_NAME, type OpenStoreOptions } from "./open-store.js";
