/** @module openStore: which spec opens what. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, SQLITE_FILE_NAME } from "./open-store.js";
import { machine, machineArn } from "./store-fixtures.contract.js";

const root = mkdtempSync(join(tmpdir(), "stepwise-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("openStore", () => {
  it("puts SQLite at DIR/stepwise.db for a folder, creating it", async () => {
    const dir = join(root, "data", "nested");
    const store = await openStore(dir);
    await store.createStateMachine(machine("m"));
    await store.close();
    expect(existsSync(join(dir, SQLITE_FILE_NAME))).toBe(true);
    // The file itself also names the store.
    const again = await openStore(join(dir, SQLITE_FILE_NAME));
    expect(await again.getStateMachine(machineArn("m"))).toEqual(machine("m"));
    await again.close();
  });

  it("opens sqlite:FILE, :memory: and sqlite::memory:", async () => {
    const file = join(root, "x", "named.sqlite");
    for (const spec of [`sqlite:${file}`, ":memory:", "sqlite::memory:"]) {
      const store = await openStore(spec);
      await store.createStateMachine(machine("m"));
      await store.close();
    }
    expect(existsSync(file)).toBe(true);
    expect(existsSync(":memory:")).toBe(false);
  });

  it("refuses an empty spec and a bad PostgreSQL schema name", async () => {
    await expect(openStore("")).rejects.toThrow(/Empty store spec/);
    await expect(openStore("postgres://127.0.0.1:1/db", { schema: "x; DROP" })).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
