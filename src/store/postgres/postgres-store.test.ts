/** @module The store contract on PostgreSQL: each store in a fresh schema `stepwise_test_<random>`, dropped afterwards. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../open-store.js";
import { execution, start } from "../store-fixtures.contract.js";
import { runStoreContract } from "../store.contract.js";
import { createPgPool } from "./pg-driver.js";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { PostgresStore } from "./postgres-store.js";

const url = process.env.STEPWISE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schemas: string[] = [];
const freshSchema = (): string => {
  schemas.push(`stepwise_test_${randomBytes(6).toString("hex")}`);
  return schemas[schemas.length - 1]!;
};

/** Why PostgreSQL cannot be used, or undefined when it answers. */
async function unreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reason = await unreachable();
if (reason === undefined) {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  runStoreContract("PostgreSQL", () => openStore(url, { schema: freshSchema(), maxConnections: 4 }), {
    location: async () => {
      const schema = freshSchema();
      return () => openStore(url, { schema, maxConnections: 4 });
    },
  });
  describe("PostgreSQL migrations", () => {
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };

    it("lets several nodes start at once on a new schema: one migrates, the others wait", async () => {
      const schema = freshSchema();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(`${url}?schema=${schema}`, { maxConnections: 2 })));
      await start(stores[0]!, execution("m", "e"));
      expect((await stores[3]!.getExecution(execution("m", "e").arn))!.name).toBe("e");
      await Promise.all(stores.map((s) => s.close()));
      expect(await query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
    });

    it("upgrades without losing data, and applies a failing migration not at all", async () => {
      const schema = freshSchema();
      const record = execution("m", "e");
      const first = await openStore(url, { schema });
      await start(first, record);
      await first.close();
      const next = POSTGRES_MIGRATIONS.length + 1;
      const broken = { version: next, name: "broken", sql: "ALTER TABLE executions ADD COLUMN half TEXT; SELECT * FROM no_such_table;" };
      const failing = new PostgresStore(await createPgPool(url, schema, 2), schema, [...POSTGRES_MIGRATIONS, broken]);
      await expect(failing.migrate()).rejects.toThrow(/no_such_table/);
      await failing.close();
      const v2 = { version: next, name: "note", sql: "ALTER TABLE executions ADD COLUMN note TEXT; UPDATE executions SET note = 'kept: ' || name;" };
      const upgraded = new PostgresStore(await createPgPool(url, schema, 2), schema, [...POSTGRES_MIGRATIONS, v2]);
      await upgraded.migrate();
      await upgraded.migrate();
      expect(await upgraded.getExecution(record.arn)).toEqual(record);
      await upgraded.close();
      expect(await query(`SELECT note FROM "${schema}".executions`)).toEqual([{ note: "kept: e" }]);
      expect(await query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).toEqual(
        [...POSTGRES_MIGRATIONS, v2].map((m) => ({ version: m.version })));
      await expect(openStore(url, { schema })).rejects.toThrow(/newer than this Stepwise/);
    });
  });
} else if (process.env.CI === "true") {
  describe("Store contract: PostgreSQL", () => {
    it("needs a reachable PostgreSQL in CI", () => {
      throw new Error(`PostgreSQL at ${url} is not reachable: ${reason}`);
    });
  });
} else {
  console.warn(`Skipping the PostgreSQL store contract: ${url} is not reachable (${reason}). Set STEPWISE_TEST_POSTGRES_URL to point at a server.`);
  describe.skip("Store contract: PostgreSQL (not reachable)", () => it("runs against PostgreSQL", () => undefined));
}
