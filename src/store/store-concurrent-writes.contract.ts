/**
 * @module Store contract: execution writes issued together (stores may commit them as one group):
 * each succeeds or fails on its own, and nothing of a failed one is kept.
 */
import { expect, it } from "vitest";
import { ExecutionNotFound, VersionConflict, type TransitionBatch } from "./records.js";
import { events, execution, executionArn, start, startBatch, T0, type CurrentStore } from "./store-fixtures.contract.js";
import type { Store } from "./store.js";

/** Everything observable about one execution. */
async function observe(s: Store, arn: string) {
  return {
    execution: await s.getExecution(arn),
    events: (await s.listEvents(arn, { limit: 100 })).items,
    snapshot: await s.getSnapshot(arn),
  };
}

const token = (name: string, arn: string) => ({ token: name, executionArn: arn, payload: "{}", heartbeatDueAt: undefined });

export function concurrentWritesContract(store: CurrentStore): void {
  it("settles concurrent writes one by one: a failing write fails alone and keeps nothing", async () => {
    const s = store();
    const [a, b, c] = [await start(s, execution("m", "a")), await start(s, execution("m", "b")), await start(s, execution("m", "c"))];
    await start(s, execution("m", "holder"), { tokensAdded: [token("taken", executionArn("m", "holder"))] });
    const [beforeB, beforeC] = [await observe(s, b.arn), await observe(s, c.arn)];
    const d = execution("m", "d");
    const failingPartWay: TransitionBatch = {
      events: events(c.arn, 2, 2), snapshot: "half", execution: { status: "SUCCEEDED", output: "{}" },
      outboxAdded: [{ id: "o", executionArn: c.arn, kind: "task", payload: "{}", createdAt: T0 }], tokensAdded: [token("taken", c.arn)],
    };
    // All issued before any is awaited: a grouping store commits them together.
    const results = await Promise.allSettled([
      s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), snapshot: "a2" }),
      s.commitTransition(b.arn, 0, { events: events(b.arn, 1, 1), snapshot: "stale" }),
      s.commitTransition(executionArn("m", "nope"), 1, { events: events(executionArn("m", "nope"), 2, 1) }),
      s.commitTransition(c.arn, 1, failingPartWay),
      s.createExecution(d, startBatch(d.arn, { tokensAdded: [token("d-token", d.arn)] })),
      s.createExecution(execution("m", "a", { input: '{"again":true}' }), startBatch(a.arn, { snapshot: "again" })),
      s.commitTransition(b.arn, 1, { events: events(b.arn, 2, 1), snapshot: "b2" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    const reason = (i: number) => (results[i] as PromiseRejectedResult).reason;
    expect(reason(1)).toBeInstanceOf(VersionConflict);
    expect(reason(2)).toBeInstanceOf(ExecutionNotFound);
    expect(reason(3)).not.toBeInstanceOf(VersionConflict);
    expect((results[4] as PromiseFulfilledResult<unknown>).value).toEqual({ created: true });
    expect((results[5] as PromiseFulfilledResult<unknown>).value).toMatchObject({ created: false, existing: { arn: a.arn, input: a.input } });

    expect(await observe(s, c.arn)).toEqual(beforeC);
    expect((await s.getTaskToken("taken"))!.executionArn).toBe(executionArn("m", "holder"));
    expect(await s.listOutbox(10)).toEqual([]);
    const afterB = await observe(s, b.arn);
    expect(afterB.events).toEqual([...beforeB.events, ...events(b.arn, 2, 1)]);
    expect(afterB.snapshot).toBe("b2");
    // Writes issued together may be applied in any order: the next one of an execution waits for the last.
    await s.commitTransition(a.arn, 2, { events: events(a.arn, 3, 2), snapshot: "a4", execution: { status: "SUCCEEDED", output: "{}" } });
    expect(await s.getExecution(a.arn)).toMatchObject({ status: "SUCCEEDED", output: "{}", lastEventId: 4 });
    expect((await s.listEvents(a.arn, { limit: 10 })).items.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(await s.getSnapshot(a.arn)).toBe("a4");
    expect(await s.getExecution(d.arn)).toEqual({ ...d, lastEventId: 1 });
    expect((await s.getTaskToken("d-token"))!.executionArn).toBe(d.arn);
  });

  it("tells stale and unknown transitions apart among good ones", async () => {
    const s = store();
    const records = [];
    for (let i = 0; i < 6; i++) records.push(await start(s, execution("m", `g${i}`)));
    const stale = records[2]!;
    await s.commitTransition(stale.arn, 1, { events: events(stale.arn, 2, 1) });
    const results = await Promise.allSettled([
      ...records.map((r) => s.commitTransition(r.arn, 1, {
        events: events(r.arn, 2, 2), snapshot: `next ${r.name}`,
        outboxAdded: [{ id: `o-${r.name}`, executionArn: r.arn, kind: "task", payload: "{}", createdAt: T0 }],
      })),
      s.commitTransition(executionArn("m", "nope"), 1, { events: events(executionArn("m", "nope"), 2, 1) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ name: "VersionConflict", expected: 1, actual: 2 });
    expect((results[6] as PromiseRejectedResult).reason).toBeInstanceOf(ExecutionNotFound);
    expect((await s.getExecution(stale.arn))!.lastEventId).toBe(2);
    expect(await s.getSnapshot(stale.arn)).toBe(JSON.stringify({ at: 1 }));
    expect((await s.listOutbox(10)).map((o) => o.id).sort()).toEqual(["o-g0", "o-g1", "o-g3", "o-g4", "o-g5"]);
    for (const r of records.filter((r) => r !== stale)) {
      expect((await s.getExecution(r.arn))!.lastEventId).toBe(3);
      expect(await s.getSnapshot(r.arn)).toBe(`next ${r.name}`);
    }
  });

  it("keeps nothing of a creation that fails among others", async () => {
    const s = store();
    await start(s, execution("m", "holder"), { tokensAdded: [token("taken", executionArn("m", "holder"))] });
    const [x, y, z] = [execution("m", "x"), execution("m", "y"), execution("m", "z")];
    const results = await Promise.allSettled([
      s.createExecution(x, startBatch(x.arn)),
      s.createExecution(y, startBatch(y.arn, { tokensAdded: [token("taken", y.arn)], timersAdded: [{ id: "t", executionArn: y.arn, dueAt: T0, payload: "{}" }] })),
      s.createExecution(z, { ...startBatch(z.arn), events: events(z.arn, 2, 1) }),
      s.createExecution(execution("m", "w"), startBatch(executionArn("m", "w"))),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason.message).toMatch(/without gaps/);
    expect(await observe(s, y.arn)).toEqual({ execution: undefined, events: [], snapshot: undefined });
    expect(await s.getExecution(z.arn)).toBeUndefined();
    expect(await s.nextTimerDue()).toBeUndefined();
    expect((await s.getTaskToken("taken"))!.executionArn).toBe(executionArn("m", "holder"));
    expect((await s.getExecution(x.arn))!.lastEventId).toBe(1);
    expect((await s.getExecution(executionArn("m", "w")))!.lastEventId).toBe(1);
    expect((await s.listExecutions({}, { limit: 10 })).items.map((e) => e.name).sort()).toEqual(["holder", "w", "x"]);
  });

  it("lets one of several concurrent transitions from the same version win, with many executions in flight", async () => {
    const s = store();
    const records = [];
    for (let i = 0; i < 20; i++) records.push(await start(s, execution("m", `e${i}`)));
    const writes = records.flatMap((r) => [1, 2].map((n) => s.commitTransition(r.arn, 1, { events: events(r.arn, 2, n), snapshot: `by ${n}` })));
    const results = await Promise.allSettled(writes);
    for (const [i, r] of records.entries()) {
      const pair = results.slice(2 * i, 2 * i + 2);
      expect(pair.filter((p) => p.status === "fulfilled")).toHaveLength(1);
      expect((pair.find((p) => p.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflict);
      const winner = pair.findIndex((p) => p.status === "fulfilled") + 1;
      expect((await s.getExecution(r.arn))!.lastEventId).toBe(1 + winner);
      expect(await s.getSnapshot(r.arn)).toBe(`by ${winner}`);
    }
  });
}
