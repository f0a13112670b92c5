import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, expect, afterEach, afterAll } from "vitest";
import type { JsonValue } from "../shared/json.js";
import type { Store, TransitionBatch } from "../store/index.js";
import { openStore } from "../store/open-store.js";
import { createVirtualClock } from "../shared/virtual-clock.js";
import { createTestEngine, createTestRandom, newExecution, waitForEnd, type TestEngine } from "./engine-test-kit.js";
import { parseReplay, replayingRandom, SMALL_SNAPSHOT_CHARS, writesReplay } from "./replay.js";

let store: Store;
let kit: TestEngine | undefined;
const root = mkdtempSync(join(tmpdir(), "stepwise-replay-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

afterEach(async () => {
  await kit?.engine.close();
  kit = undefined;
  await store?.close();
});

/** Counts what the engine writes: snapshot characters and replay entries. */
function countingWrites(inner: Store): { store: Store; written: { snapshotChars: number; snapshots: number; replays: number } } {
  const written = { snapshotChars: 0, snapshots: 0, replays: 0 };
  const note = (batch: TransitionBatch) => {
    if (batch.snapshot !== undefined) {
      written.snapshots++;
      written.snapshotChars += batch.snapshot.length;
    }
    if (batch.replay) written.replays++;
  };
  const store = new Proxy(inner, {
    get(target, key) {
      if (key === "commitTransition") return (arn: string, expected: number, batch: TransitionBatch) => (note(batch), target.commitTransition(arn, expected, batch));
      if (key === "createExecution") return (record: never, batch: TransitionBatch) => (note(batch), target.createExecution(record, batch));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store, written };
}

/** A Map over `count` items, each a Task then a Pass that draws a UUID (replay must hand out the same one). */
const mapDefinition = {
  StartAt: "Items",
  States: {
    Items: {
      Type: "Map", ItemsPath: "$.items", MaxConcurrency: 10, End: true,
      ItemProcessor: {
        StartAt: "Work",
        States: {
          Work: { Type: "Task", Resource: "work", Next: "Tag" },
          Tag: { Type: "Pass", Parameters: { "n.$": "$.n", "id.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000000)" }, End: true },
        },
      },
    },
  },
};
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ i, label: `item ${i} `.padEnd(80, "-") }));
const never = () => new Promise<JsonValue>(() => undefined);

describe("replay log", () => {
  it("writes a large state's transitions as log entries and restarts from snapshot + log with the same state", async () => {
    const path = join(root, "restart.db");
    const counted = countingWrites(await openStore(`sqlite:${path}`));
    store = counted.store;
    // The first engine answers the first 150 items, then its calls hang (a crash with 10 iterations in flight).
    const first = createTestEngine(store, { work: (input) => ((input as { i: number }).i < 150 ? { n: (input as { i: number }).i * 2 } : never()) });
    kit = first;
    await first.engine.resume();
    const start = newExecution(mapDefinition, { items: items(300) });
    await first.engine.start(start);
    while (first.calls.length < 160) await new Promise((resolve) => setImmediate(resolve));
    await first.engine.close();
    await store.close();
    // The restart: a new store over the same file, a new engine.
    store = await openStore(`sqlite:${path}`);
    const arn = start.record.arn;
    const log = await store.getReplayLog(arn);
    expect(log.length).toBeGreaterThan(0);
    expect((await store.getSnapshot(arn))!.length).toBeGreaterThanOrEqual(SMALL_SNAPSHOT_CHARS);
    // 151 transitions so far (the start and 150 task results, each running its Pass too), yet only a few whole snapshots.
    expect(counted.written.replays).toBeGreaterThan(counted.written.snapshots * 10);

    // Its Random starts elsewhere: an iteration replayed without its recorded draws would get other values.
    const otherRandom = createTestRandom();
    for (let i = 0; i < 1000; i++) otherRandom.uuid();
    const later = createTestEngine(store, { work: (input) => ({ n: (input as { i: number }).i * 2 }) }, createVirtualClock(first.clock.now()), otherRandom);
    kit = later;
    await later.engine.resume();
    // Only the 10 calls in flight are made again: the replayed state knows the first 150 iterations finished.
    expect(later.calls.slice(0, 10).map((c) => (c.input as { i: number }).i).sort((x, y) => x - y)).toEqual([150, 151, 152, 153, 154, 155, 156, 157, 158, 159]);
    const record = await waitForEnd(store, arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(later.calls).toHaveLength(150);
    const output = JSON.parse(record.output!) as { n: number; id: string; r: number }[];
    expect(output.map((o) => o.n)).toEqual(Array.from({ length: 300 }, (_, i) => i * 2));
    // Every iteration's drawn UUID and number in the output is the one its history recorded before the restart.
    const history = [];
    for (let next: string | undefined, first = true; first || next; first = false) {
      const page = await store.listEvents(arn, { limit: 1000, after: next });
      history.push(...page.items);
      next = page.next;
    }
    const tagged = history.filter((e) => e.type === "PassStateExited").map((e) => JSON.parse((JSON.parse(e.details) as { stateExitedEventDetails: { output: string } }).stateExitedEventDetails.output) as { n: number; id: string; r: number });
    expect(tagged).toHaveLength(300);
    expect(new Set(output.map((o) => o.id)).size).toBe(300);
    expect([...output].sort((x, y) => x.n - y.n)).toEqual([...tagged].sort((x, y) => x.n - y.n));
    // The closing transition leaves a snapshot and no log.
    expect(await store.getReplayLog(arn)).toEqual([]);
  });

  it("redrives a large Map that failed, and restarts in the middle of the redriven run", async () => {
    const path = join(root, "redrive.db");
    store = await openStore(`sqlite:${path}`);
    let failing = true;
    let hangFrom = Infinity;
    const work = (input: JsonValue) => {
      const i = (input as { i: number }).i;
      if (failing && i === 150) throw Object.assign(new Error("down"), { name: "Outage" });
      return i >= hangFrom ? never() : { n: i * 2 };
    };
    const first = createTestEngine(store, { work });
    kit = first;
    await first.engine.resume();
    const start = newExecution(mapDefinition, { items: items(300) });
    await first.engine.start(start);
    const arn = start.record.arn;
    expect(await waitForEnd(store, arn)).toMatchObject({ status: "FAILED", error: "Outage" });
    expect(await store.getReplayLog(arn)).toEqual([]);
    // The redriven run (the Map again, whole) stops answering from item 200 on; then the engine goes down.
    failing = false;
    hangFrom = 200;
    expect(await first.engine.redrive(arn)).toBe(true);
    while (first.calls.filter((c) => (c.input as { i: number }).i >= 200).length < 10) await new Promise((resolve) => setImmediate(resolve));
    await first.engine.close();
    await store.close();
    expect(first.calls.length).toBeGreaterThan(300);

    store = await openStore(`sqlite:${path}`);
    expect((await store.getReplayLog(arn)).length).toBeGreaterThan(0);
    hangFrom = Infinity;
    const later = createTestEngine(store, { work }, createVirtualClock(first.clock.now()));
    kit = later;
    await later.engine.resume();
    const record = await waitForEnd(store, arn);
    expect(record).toMatchObject({ status: "SUCCEEDED", redriveCount: 1 });
    expect((JSON.parse(record.output!) as { n: number }[]).map((o) => o.n)).toEqual(Array.from({ length: 300 }, (_, i) => i * 2));
    // After the restart: the 10 calls in flight again, then the 100 items not started yet.
    expect(later.calls).toHaveLength(100);
  });

  it("keeps a Map's writes linear in its items", async () => {
    const sizes: number[] = [];
    for (const count of [200, 800]) {
      const counted = countingWrites(await openStore(":memory:"));
      store = counted.store;
      kit = createTestEngine(store, { work: (input) => ({ n: (input as { i: number }).i * 2 }) });
      await kit.engine.resume();
      const start = newExecution(mapDefinition, { items: items(count) });
      await kit.engine.start(start);
      expect((await waitForEnd(store, start.record.arn)).status).toBe("SUCCEEDED");
      sizes.push(counted.written.snapshotChars);
      await kit.engine.close();
      kit = undefined;
      await store.close();
    }
    // 4x the items: a snapshot a transition wrote 16x the characters; snapshots as large as the log, about 4x.
    expect(sizes[1]! / sizes[0]!).toBeLessThan(8);
  });

  it("writes small states whole every transition, large ones as entries until the log is as large as the snapshot", () => {
    expect(writesReplay({ snapshotChars: SMALL_SNAPSHOT_CHARS - 1, logChars: 0, logEntries: 0 }, 10)).toBe(false);
    expect(writesReplay({ snapshotChars: 100_000, logChars: 0, logEntries: 0 }, 10)).toBe(true);
    expect(writesReplay({ snapshotChars: 100_000, logChars: 99_990, logEntries: 500 }, 10)).toBe(false);
  });

  it("hands out recorded draws in order and rejects a log that does not match", () => {
    const random = replayingRandom(["u-1", 0.5]);
    expect(random.uuid()).toBe("u-1");
    expect(random.float()).toBe(0.5);
    expect(() => random.float()).toThrow(/draw 3/);
    expect(() => replayingRandom([0.5]).uuid()).toThrow(/not a UUID/);
    expect(() => parseReplay('{"after":1}')).toThrow(/malformed/);
    expect(parseReplay('{"after":1,"now":2,"input":{"kind":"timer","timerId":"t"},"random":[]}').input).toEqual({ kind: "timer", timerId: "t" });
  });
});
