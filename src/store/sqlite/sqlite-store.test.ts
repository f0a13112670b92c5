/** @module The store contract on SQLite: in memory, and on files for durability and several handles. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openStore } from "../open-store.js";
import { runStoreContract } from "../store.contract.js";

const root = mkdtempSync(join(tmpdir(), "stepwise-sqlite-"));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract("SQLite in memory", () => openStore(":memory:"));
runStoreContract("SQLite file", () => openStore(`sqlite:${join(root, `db${++n}.db`)}`), {
  location: async () => {
    const dir = join(root, `dir${++n}`);
    return () => openStore(dir);
  },
});
