/**
 * @module WAL checkpoints on a thread of their own. A checkpoint copies the WAL into the database file
 * and waits for the disk (fsync, several ms): run by the writing connection after a commit, as SQLite
 * does by default, it would stall every write behind it. Here a worker thread with its own connection
 * runs PASSIVE checkpoints (they never block writers or readers) when the store says it wrote; the
 * writing connection keeps a large automatic checkpoint as a safety net should the worker fall behind.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Pages the WAL may reach before the writing connection checkpoints by itself (4 KB pages: 64 MB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;
/** Least time between two checkpoints asked for. */
const INTERVAL_MS = 50;

// CommonJS run by the worker: one connection, a PASSIVE checkpoint per "checkpoint" message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next request (or the writer's fallback) checkpoints instead.
  }
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private last = 0;
  private readonly exited: Promise<void>;

  constructor(path: string) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
    // A worker that fails (driver missing, file gone) only loses checkpoints: the fallback takes over.
    this.worker.on("error", () => undefined);
  }

  /** The store committed: checkpoint soon (at most once per INTERVAL_MS). */
  wrote(): void {
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.worker.postMessage("checkpoint");
  }

  async close(): Promise<void> {
    // Referenced again while it closes: an unreferenced worker would let the process end before it did.
    this.worker.ref();
    this.worker.postMessage("close");
    await this.exited;
  }
}
