/** @module THE store contract: every Store implementation runs this suite (Vitest) and must pass all of it. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VersionConflict } from "./records.js";
import { catalogContract } from "./store-catalog.contract.js";
import { concurrentWritesContract } from "./store-concurrent-writes.contract.js";
import { executionsContract } from "./store-executions.contract.js";
import { activityArn, events, execution, machine, machineArn, start, T0 } from "./store-fixtures.contract.js";
import { takeConcurrently, workContract } from "./store-work.contract.js";
import { functionsContract } from "./store-functions.contract.js";
import { logsContract } from "./store-logs.contract.js";
import type { Store } from "./store.js";

export interface ContractOptions {
  /**
   * For durable stores: makes a fresh, empty location and returns a function that opens a store on
   * it, each call a new handle (connection, pool) on the same data.
   */
  readonly location?: () => Promise<() => Promise<Store>>;
}

/** Runs the contract against stores from `open` (each test gets a fresh, empty, migrated store). */
export function runStoreContract(name: string, open: () => Promise<Store>, options: ContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const current = (): Store => store!;

    describe("state machines, versions, aliases, tags, activities", () => catalogContract(current));
    describe("executions and history", () => executionsContract(current));
    describe("execution writes issued together", () => concurrentWritesContract(current));
    describe("timers, outbox, tokens, activity tasks", () => workContract(current));
    describe("functions, versions, aliases, code, async invocations", () => functionsContract(current));
    describe("log groups, streams and events", () => logsContract(current));
    const location = options.location;
    if (location) describe("durability and several handles", () => durabilityContract(location));
  });
}

function durabilityContract(location: () => Promise<() => Promise<Store>>): void {
  it("keeps its data when closed and opened again", async () => {
    const openHere = await location();
    const first = await openHere();
    await first.createStateMachine(machine("m"));
    const record = await start(first, execution("m", "e"), { timersAdded: [{ id: "t", executionArn: "", dueAt: T0, payload: "p" }] });
    await first.commitTransition(record.arn, 1, { events: events(record.arn, 2, 2), snapshot: "s", execution: { status: "SUCCEEDED" } });
    await first.close();
    const second = await openHere();
    try {
      expect(await second.getStateMachine(machineArn("m"))).toEqual(machine("m"));
      expect(await second.getExecution(record.arn)).toEqual({ ...record, status: "SUCCEEDED", lastEventId: 3 });
      expect((await second.listEvents(record.arn, { limit: 10 })).items).toHaveLength(3);
      expect(await second.getSnapshot(record.arn)).toBe("s");
      expect(await second.nextTimerDue()).toBe(T0);
    } finally {
      await second.close();
    }
  });

  it("settles concurrent writes only once another handle can read them", async () => {
    const openHere = await location();
    const [writer, reader] = [await openHere(), await openHere()];
    try {
      const records = [];
      for (let i = 0; i < 5; i++) records.push(await start(writer, execution("m", `w${i}`)));
      const writes = records.map((r) =>
        writer.commitTransition(r.arn, 1, { events: events(r.arn, 2, 1), snapshot: "done" }).then(() => reader.getSnapshot(r.arn)));
      expect(await Promise.all(writes)).toEqual(records.map(() => "done"));
      const created = execution("m", "late");
      expect(await writer.createExecution(created, { events: events(created.arn, 1, 1), snapshot: "s" }).then(() => reader.getExecution(created.arn)))
        .toEqual(created);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("shares work safely between handles: tasks once, versions checked", async () => {
    const openHere = await location();
    const handles = [await openHere(), await openHere(), await openHere()];
    try {
      const [a, b, c] = handles as [Store, Store, Store];
      await start(a, execution("m", "e"), {
        activityTasksAdded: Array.from({ length: 12 }, (_, i) => ({ token: `k${i}`, activityArn: activityArn("shared"), input: "{}", createdAt: T0 + i })),
      });
      const tokens = await takeConcurrently(handles, "shared", 30);
      expect(tokens.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`).sort());
      const arn = execution("m", "e").arn;
      const results = await Promise.allSettled([b, c].map((h) => h.commitTransition(arn, 1, { events: events(arn, 2, 1) })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflict);
      // Opening a migrated location again migrates nothing and loses nothing.
      expect((await a.getExecution(arn))!.lastEventId).toBe(2);
    } finally {
      for (const h of handles) await h.close();
    }
  });
}
