/** @module The store: one interface, SQLite (embedded default) and PostgreSQL (several nodes). */
export type { Store, ListOptions } from "./store.js";
export * from "./records.js";
export type * from "./records-functions.js";
export type * from "./records-logs.js";
export type { FunctionsStore } from "./store-functions.js";
export type { LogsStore } from "./store-logs.js";
export { openStore, SQLITE_FILE_NAME, type OpenStoreOptions } from "./open-store.js";
export { logEventCursor } from "./cursor.js";
export { markedText, payloadRefText, PAYLOAD_FIELDS, storedPayload, type StoredPayload } from "./event-payloads.js";
