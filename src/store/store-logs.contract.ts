/** @module Store contract: CloudWatch Logs groups, streams and events. */
import { expect, it } from "vitest";
import { AlreadyExists } from "./records.js";
import { allPages, T0, type CurrentStore } from "./store-fixtures.contract.js";

const ev = (timestamp: number, message: string) => ({ timestamp, message });

export function logsContract(store: CurrentStore): void {
  it("creates, lists (by prefix) and deletes log groups", async () => {
    const s = store().logs;
    for (const name of ["/aws/lambda/b", "/aws/lambda/a", "/other", "/aws/lambdax"]) await s.createLogGroup(name, T0);
    await expect(s.createLogGroup("/other", T0)).rejects.toBeInstanceOf(AlreadyExists);
    expect(await s.getLogGroup("/other")).toEqual({ name: "/other", creationTime: T0, storedBytes: 0 });
    const all = await allPages((after) => s.listLogGroups(undefined, { limit: 3, after }), (g) => g.name);
    expect(all.map((g) => g.name)).toEqual(["/aws/lambda/a", "/aws/lambda/b", "/aws/lambdax", "/other"]);
    const lambda = await allPages((after) => s.listLogGroups("/aws/lambda/", { limit: 1, after }), (g) => g.name);
    expect(lambda.map((g) => g.name)).toEqual(["/aws/lambda/a", "/aws/lambda/b"]);
    expect(await s.deleteLogGroup("/other")).toBe(true);
    expect(await s.deleteLogGroup("/other")).toBe(false);
    expect(await s.getLogGroup("/other")).toBeUndefined();
  });

  it("creates streams only in existing groups, once", async () => {
    const s = store().logs;
    expect(await s.createLogStream("/g", "s", T0)).toBe(false);
    await s.createLogGroup("/g", T0);
    expect(await s.createLogStream("/g", "s", T0 + 1)).toBe(true);
    await expect(s.createLogStream("/g", "s", T0)).rejects.toBeInstanceOf(AlreadyExists);
    expect(await s.getLogStream("/g", "s")).toEqual({
      groupName: "/g", name: "s", creationTime: T0 + 1, firstEventTimestamp: undefined, lastEventTimestamp: undefined,
      lastIngestionTime: undefined, storedBytes: 0,
    });
  });

  it("appends events (creating groups and streams) and keeps the streams' times and sizes", async () => {
    const s = store().logs;
    await s.appendLogEvents([
      { groupName: "/g", streamName: "s1", events: [ev(T0 + 5, "hello"), ev(T0 + 3, "héllo")] },
      { groupName: "/g", streamName: "s2", events: [ev(T0 + 1, "x")] },
    ], T0 + 100);
    await s.appendLogEvents([{ groupName: "/g", streamName: "s1", events: [ev(T0 + 9, "later")] }], T0 + 200);
    expect(await s.getLogStream("/g", "s1")).toEqual({
      groupName: "/g", name: "s1", creationTime: T0 + 100, firstEventTimestamp: T0 + 3, lastEventTimestamp: T0 + 9, lastIngestionTime: T0 + 200, storedBytes: 16,
    });
    expect((await s.getLogGroup("/g"))!.storedBytes).toBe(17);
    const byName = await s.listLogStreams({ groupName: "/g", orderBy: "LogStreamName", descending: false }, { limit: 10 });
    expect(byName.items.map((x) => x.name)).toEqual(["s1", "s2"]);
    const newest = await allPages((after) => s.listLogStreams({ groupName: "/g", orderBy: "LastEventTime", descending: true }, { limit: 1, after }), (x) => x.name);
    expect(newest.map((x) => x.name)).toEqual(["s1", "s2"]);
    const prefixed = await s.listLogStreams({ groupName: "/g", orderBy: "LogStreamName", descending: true, prefix: "s2" }, { limit: 10 });
    expect(prefixed.items.map((x) => x.name)).toEqual(["s2"]);
    expect((await s.listLogStreams({ groupName: "/none", orderBy: "LogStreamName", descending: false }, { limit: 10 })).items).toEqual([]);
  });

  it("reads events by time across streams, in pages, both ways, within a time range", async () => {
    const s = store().logs;
    await s.appendLogEvents([
      { groupName: "/g", streamName: "a", events: [ev(T0 + 1, "a1"), ev(T0 + 3, "a3"), ev(T0 + 3, "a3bis")] },
      { groupName: "/g", streamName: "b", events: [ev(T0 + 2, "b2"), ev(T0 + 4, "b4")] },
      { groupName: "/h", streamName: "a", events: [ev(T0, "other group")] },
    ], T0 + 10);
    const forward = await allPages((after) => s.listLogEvents({ groupName: "/g" }, { limit: 2, after }), (e) => e.id);
    expect(forward.map((e) => e.message)).toEqual(["a1", "b2", "a3", "a3bis", "b4"]);
    expect(forward[0]).toMatchObject({ groupName: "/g", streamName: "a", timestamp: T0 + 1, ingestionTime: T0 + 10 });
    const backward = await allPages((after) => s.listLogEvents({ groupName: "/g" }, { limit: 2, after, reverse: true }), (e) => e.id);
    expect(backward.map((e) => e.message)).toEqual(["b4", "a3bis", "a3", "b2", "a1"]);
    const streamA = await s.listLogEvents({ groupName: "/g", streamNames: ["a"] }, { limit: 10 });
    expect(streamA.items.map((e) => e.message)).toEqual(["a1", "a3", "a3bis"]);
    const ranged = await s.listLogEvents({ groupName: "/g", startTime: T0 + 2, endTime: T0 + 4 }, { limit: 10 });
    expect(ranged.items.map((e) => e.message)).toEqual(["b2", "a3", "a3bis"]);
    const prefixed = await s.listLogEvents({ groupName: "/g", streamNamePrefix: "b" }, { limit: 10 });
    expect(prefixed.items.map((e) => e.message)).toEqual(["b2", "b4"]);
    expect((await s.listLogEvents({ groupName: "/g", streamNames: ["none"] }, { limit: 10 })).items).toEqual([]);
    expect((await s.listLogEvents({ groupName: "/none" }, { limit: 10 })).items).toEqual([]);
  });

  it("deletes a stream with its events, and a group with everything in it", async () => {
    const s = store().logs;
    await s.appendLogEvents([
      { groupName: "/g", streamName: "a", events: [ev(T0, "a")] },
      { groupName: "/g", streamName: "b", events: [ev(T0, "bb")] },
    ], T0);
    expect(await s.deleteLogStream("/g", "a")).toBe(true);
    expect(await s.deleteLogStream("/g", "a")).toBe(false);
    expect((await s.listLogEvents({ groupName: "/g" }, { limit: 10 })).items.map((e) => e.message)).toEqual(["bb"]);
    expect((await s.getLogGroup("/g"))!.storedBytes).toBe(2);
    expect(await s.deleteLogGroup("/g")).toBe(true);
    await s.appendLogEvents([{ groupName: "/g", streamName: "b", events: [ev(T0, "new")] }], T0);
    expect((await s.listLogEvents({ groupName: "/g" }, { limit: 10 })).items.map((e) => e.message)).toEqual(["new"]);
  });
}
