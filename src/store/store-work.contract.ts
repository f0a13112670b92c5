/** @module Store contract: timers, outbox, task tokens and activity tasks (the engine's durable work). */
import { expect, it } from "vitest";
import type { ActivityTaskRecord } from "./records.js";
import { activityArn, events, execution, start, T0, type CurrentStore } from "./store-fixtures.contract.js";
import type { Store } from "./store.js";

const tasks = (activity: string, count: number, from = 0): ActivityTaskRecord[] =>
  Array.from({ length: count }, (_, i) => ({ token: `${activity}-${from + i}`, activityArn: activityArn(activity), input: `{"i":${from + i}}`, createdAt: T0 + from + i }));

/** Runs `count` takeActivityTask calls at once and returns the tokens handed out. */
export async function takeConcurrently(stores: readonly Store[], activity: string, count: number): Promise<string[]> {
  const taken = await Promise.all(Array.from({ length: count }, (_, i) => stores[i % stores.length]!.takeActivityTask(activityArn(activity))));
  return taken.flatMap((t) => (t ? [t.token] : []));
}

export function workContract(store: CurrentStore): void {
  it("hands out due timers oldest first and knows the next due time", async () => {
    const s = store();
    const a = await start(s, execution("m", "a"), {
      timersAdded: [{ id: "t1", executionArn: "", dueAt: T0 + 30, payload: "a1" }, { id: "t2", executionArn: "", dueAt: T0 + 10, payload: "a2" }],
    });
    // Timer ids are per execution: "t1" again for another one.
    const b = await start(s, execution("m", "b"), { timersAdded: [{ id: "t1", executionArn: "", dueAt: T0 + 20, payload: "b1" }] });
    expect(await s.nextTimerDue()).toBe(T0 + 10);
    expect(await s.dueTimers(T0 + 20, 10)).toEqual([
      { id: "t2", executionArn: a.arn, dueAt: T0 + 10, payload: "a2" },
      { id: "t1", executionArn: b.arn, dueAt: T0 + 20, payload: "b1" },
    ]);
    expect(await s.dueTimers(T0 + 100, 1)).toHaveLength(1);
    expect(await s.dueTimers(T0 + 9, 10)).toEqual([]);
    await s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), timersRemoved: ["t2", "t1"], timersAdded: [{ id: "t1", executionArn: a.arn, dueAt: T0 + 5, payload: "again" }] });
    expect((await s.dueTimers(T0 + 100, 10)).map((t) => t.payload)).toEqual(["again", "b1"]);
    await s.commitTransition(a.arn, 2, { events: [], timersRemoved: ["t1"] });
    await s.commitTransition(b.arn, 1, { events: [], timersRemoved: ["t1"] });
    expect(await s.nextTimerDue()).toBeUndefined();
  });

  it("keeps outbox work until a transition removes it, leasing it to one claimer at a time", async () => {
    const s = store();
    const outbox = (id: string, createdAt: number) => ({ id, executionArn: "", kind: "task", payload: `{"${id}":1}`, createdAt });
    const a = await start(s, execution("m", "a"), { outboxAdded: [outbox("o2", T0 + 2), outbox("o1", T0 + 1)] });
    const b = await start(s, execution("m", "b"), { outboxAdded: [outbox("o1", T0 + 3)] });
    expect((await s.listOutbox(10)).map((o) => [o.executionArn, o.id])).toEqual([[a.arn, "o1"], [a.arn, "o2"], [b.arn, "o1"]]);
    expect((await s.listOutbox(10))[0]).toEqual({ id: "o1", executionArn: a.arn, kind: "task", payload: '{"o1":1}', createdAt: T0 + 1 });

    const claimed = await s.claimOutbox(T0 + 100, 1000, 2);
    expect(claimed.map((o) => [o.executionArn, o.id])).toEqual([[a.arn, "o1"], [a.arn, "o2"]]);
    expect((await s.claimOutbox(T0 + 100, 1000, 10)).map((o) => [o.executionArn, o.id])).toEqual([[b.arn, "o1"]]);
    expect(await s.claimOutbox(T0 + 500, 1000, 10)).toEqual([]);
    // Leases run out: the work comes back (at least once).
    expect(await s.claimOutbox(T0 + 1100, 1000, 10)).toHaveLength(3);

    await s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), outboxRemoved: ["o1"] });
    expect((await s.listOutbox(10)).map((o) => [o.executionArn, o.id])).toEqual([[a.arn, "o2"], [b.arn, "o1"]]);
  });

  it("never leases the same outbox item to two concurrent claimers", async () => {
    const s = store();
    const outboxAdded = Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, executionArn: "", kind: "task", payload: "{}", createdAt: T0 + i }));
    await start(s, execution("m", "a"), { outboxAdded });
    const claims = await Promise.all(Array.from({ length: 8 }, () => s.claimOutbox(T0 + 100, 60_000, 3)));
    const ids = claims.flat().map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(outboxAdded.map((o) => o.id).sort());
  });

  it("stores task tokens, moves their heartbeat and forgets them when a transition removes them", async () => {
    const s = store();
    const a = await start(s, execution("m", "a"), { tokensAdded: [{ token: "tok-1", executionArn: "", payload: '{"task":"t1"}', heartbeatDueAt: T0 + 60 }] });
    expect(await s.getTaskToken("tok-1")).toEqual({ token: "tok-1", executionArn: a.arn, payload: '{"task":"t1"}', heartbeatDueAt: T0 + 60 });
    await s.touchTaskToken("tok-1", T0 + 120);
    expect((await s.getTaskToken("tok-1"))!.heartbeatDueAt).toBe(T0 + 120);
    await s.touchTaskToken("tok-1", undefined);
    expect((await s.getTaskToken("tok-1"))!.heartbeatDueAt).toBeUndefined();
    await s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), tokensRemoved: ["tok-1"] });
    expect(await s.getTaskToken("tok-1")).toBeUndefined();
    expect(await s.getTaskToken("never")).toBeUndefined();
  });

  it("hands out activity tasks oldest first, each once, per activity", async () => {
    const s = store();
    const a = await start(s, execution("m", "a"), { activityTasksAdded: [...tasks("work", 3, 1), ...tasks("other", 1)] });
    await s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), activityTasksAdded: tasks("work", 1, 0) });
    expect(await s.takeActivityTask(activityArn("work"))).toEqual({ token: "work-0", activityArn: activityArn("work"), input: '{"i":0}', createdAt: T0 });
    expect((await s.takeActivityTask(activityArn("work")))!.token).toBe("work-1");
    await s.commitTransition(a.arn, 2, { events: events(a.arn, 3, 1), activityTasksRemoved: ["work-2"] });
    expect((await s.takeActivityTask(activityArn("work")))!.token).toBe("work-3");
    expect(await s.takeActivityTask(activityArn("work"))).toBeUndefined();
    expect((await s.takeActivityTask(activityArn("other")))!.token).toBe("other-0");
  });

  it("hands each activity task to exactly one of many concurrent workers", async () => {
    const s = store();
    await start(s, execution("m", "a"), { activityTasksAdded: tasks("busy", 10) });
    const tokens = await takeConcurrently([s], "busy", 25);
    expect(tokens.sort()).toEqual(tasks("busy", 10).map((t) => t.token).sort());
  });

  it("migrates idempotently: a second migrate() changes nothing", async () => {
    const s = store();
    const a = await start(s, execution("m", "kept"), { timersAdded: [{ id: "t", executionArn: "", dueAt: T0, payload: "p" }] });
    await s.migrate();
    await s.migrate();
    expect(await s.getExecution(a.arn)).toEqual(a);
    expect(await s.dueTimers(T0, 10)).toHaveLength(1);
  });
}
