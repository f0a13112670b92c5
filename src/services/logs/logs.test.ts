import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../store/index.js";
import type { CallContext, OperationTable } from "../operations.js";
import { createManualClock, type ManualClock } from "../states/test-support.js";
import { createLogsService } from "./service.js";
import { createLogSink } from "./log-sink.js";

let store: Store;
let clock: ManualClock;
let logs: OperationTable;
let flushes = 0;
const call: CallContext = { accountId: "123456789012", region: "us-east-1", requestId: "r" };
const run = (op: string, input: Record<string, unknown>) => logs[op]!(input, call);
const failure = async (p: Promise<unknown>) => p.then(() => { throw new Error("resolved"); }, (e: { code: string; message: string }) => ({ code: e.code, message: e.message }));

beforeEach(async () => {
  store = await openStore(":memory:");
  clock = createManualClock();
  flushes = 0;
  logs = createLogsService({ store, clock, accountId: "123456789012", region: "us-east-1", flush: async () => void flushes++ });
});
afterEach(async () => store.close());

const T = () => clock.now();
async function seed(): Promise<void> {
  await store.logs.appendLogEvents([
    { groupName: "/aws/lambda/f", streamName: "2026/01/01/[$LATEST]a", events: [{ timestamp: T() + 1, message: "START one" }, { timestamp: T() + 3, message: "ERROR boom" }] },
    { groupName: "/aws/lambda/f", streamName: "2026/01/01/[$LATEST]b", events: [{ timestamp: T() + 2, message: "START two" }, { timestamp: T() + 4, message: "END two" }] },
  ], T() + 10);
}

describe("log groups and streams", () => {
  it("creates, describes and deletes groups and streams with AWS's shapes and errors", async () => {
    await run("CreateLogGroup", { logGroupName: "/app" });
    expect(await failure(run("CreateLogGroup", { logGroupName: "/app" }))).toEqual({ code: "ResourceAlreadyExistsException", message: "The specified log group already exists" });
    await run("CreateLogStream", { logGroupName: "/app", logStreamName: "s1" });
    expect((await failure(run("CreateLogStream", { logGroupName: "/app", logStreamName: "s1" }))).code).toBe("ResourceAlreadyExistsException");
    expect(await failure(run("CreateLogStream", { logGroupName: "/none", logStreamName: "s1" }))).toEqual({ code: "ResourceNotFoundException", message: "The specified log group does not exist." });
    const groups = await run("DescribeLogGroups", { logGroupNamePrefix: "/a" });
    expect(groups).toEqual({ logGroups: [{
      logGroupName: "/app", creationTime: T(), metricFilterCount: 0, arn: "arn:aws:logs:us-east-1:123456789012:log-group:/app:*",
      logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/app", storedBytes: 0, logGroupClass: "STANDARD",
    }] });
    const streams = await run("DescribeLogStreams", { logGroupIdentifier: "arn:aws:logs:us-east-1:123456789012:log-group:/app" });
    expect(streams).toEqual({ logStreams: [{ logStreamName: "s1", creationTime: T(), arn: "arn:aws:logs:us-east-1:123456789012:log-group:/app:log-stream:s1", storedBytes: 0 }] });
    await run("PutLogEvents", { logGroupName: "/app", logStreamName: "s1", logEvents: [{ timestamp: 5, message: "a" }, { timestamp: 6, message: "b" }] });
    expect((await failure(run("PutLogEvents", { logGroupName: "/app", logStreamName: "s1", logEvents: [{ timestamp: 6, message: "a" }, { timestamp: 5, message: "b" }] }))).message)
      .toBe("Log events in a single PutLogEvents request must be in chronological order.");
    expect((await failure(run("PutLogEvents", { logGroupName: "/app", logStreamName: "zz", logEvents: [{ timestamp: 5, message: "a" }] }))).message)
      .toBe("The specified log stream does not exist.");
    await run("DeleteLogStream", { logGroupName: "/app", logStreamName: "s1" });
    await run("DeleteLogGroup", { logGroupName: "/app" });
    expect((await failure(run("DeleteLogGroup", { logGroupName: "/app" }))).code).toBe("ResourceNotFoundException");
    expect((await failure(run("DescribeLogGroups", { limit: 0 }))).message).toMatch(/Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1/);
  });

  it("describes streams newest first and in pages", async () => {
    await seed();
    const newest = await run("DescribeLogStreams", { logGroupName: "/aws/lambda/f", orderBy: "LastEventTime", descending: true, limit: 1 });
    expect((newest.logStreams as { logStreamName: string; lastEventTimestamp: number }[])[0]).toMatchObject({ logStreamName: "2026/01/01/[$LATEST]b", lastEventTimestamp: T() + 4 });
    const next = await run("DescribeLogStreams", { logGroupName: "/aws/lambda/f", orderBy: "LastEventTime", descending: true, limit: 1, nextToken: newest.nextToken });
    expect((next.logStreams as { logStreamName: string }[]).map((s) => s.logStreamName)).toEqual(["2026/01/01/[$LATEST]a"]);
    expect(next.nextToken).toBeUndefined();
    expect((await failure(run("DescribeLogStreams", { logGroupName: "/aws/lambda/f", orderBy: "LastEventTime", logStreamNamePrefix: "x" }))).code).toBe("InvalidParameterException");
    expect((await failure(run("DescribeLogStreams", { logGroupName: "/nope" }))).code).toBe("ResourceNotFoundException");
    expect(flushes).toBeGreaterThan(0);
  });
});

describe("GetLogEvents", () => {
  it("reads a stream from the head or the tail, with forward and backward tokens that stop at the end", async () => {
    await seed();
    const stream = { logGroupName: "/aws/lambda/f", logStreamName: "2026/01/01/[$LATEST]a" };
    const head = await run("GetLogEvents", { ...stream, startFromHead: true, limit: 1 });
    expect(head.events).toEqual([{ timestamp: T() + 1, message: "START one", ingestionTime: T() + 10 }]);
    const more = await run("GetLogEvents", { ...stream, nextToken: head.nextForwardToken, limit: 1 });
    expect((more.events as { message: string }[]).map((e) => e.message)).toEqual(["ERROR boom"]);
    const end = await run("GetLogEvents", { ...stream, nextToken: more.nextForwardToken });
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(more.nextForwardToken);
    const tail = await run("GetLogEvents", { ...stream, limit: 1 });
    expect((tail.events as { message: string }[]).map((e) => e.message)).toEqual(["ERROR boom"]);
    const back = await run("GetLogEvents", { ...stream, nextToken: tail.nextBackwardToken });
    expect((back.events as { message: string }[]).map((e) => e.message)).toEqual(["START one"]);
    const all = await run("GetLogEvents", stream);
    expect((all.events as { message: string }[]).map((e) => e.message)).toEqual(["START one", "ERROR boom"]);
    expect((await failure(run("GetLogEvents", { logGroupName: "/aws/lambda/f", logStreamName: "nope" }))).message).toBe("The specified log stream does not exist.");
    expect((await failure(run("GetLogEvents", { ...stream, nextToken: "garbage" }))).code).toBe("InvalidParameterException");
  });
});

describe("FilterLogEvents", () => {
  it("interleaves a group's streams by time, filters, and pages", async () => {
    await seed();
    const all = await run("FilterLogEvents", { logGroupName: "/aws/lambda/f" });
    expect((all.events as { message: string }[]).map((e) => e.message)).toEqual(["START one", "START two", "ERROR boom", "END two"]);
    expect((all.events as Record<string, unknown>[])[0]).toEqual({
      logStreamName: "2026/01/01/[$LATEST]a", timestamp: T() + 1, message: "START one", ingestionTime: T() + 10, eventId: expect.any(String),
    });
    expect(all.searchedLogStreams).toEqual([]);
    const filtered = await run("FilterLogEvents", { logGroupName: "/aws/lambda/f", filterPattern: "START" , limit: 1 });
    expect((filtered.events as { message: string }[]).map((e) => e.message)).toEqual(["START one"]);
    const page2 = await run("FilterLogEvents", { logGroupName: "/aws/lambda/f", filterPattern: "START", limit: 1, nextToken: filtered.nextToken });
    expect((page2.events as { message: string }[]).map((e) => e.message)).toEqual(["START two"]);
    const ranged = await run("FilterLogEvents", { logGroupName: "/aws/lambda/f", startTime: T() + 2, endTime: T() + 4 });
    expect((ranged.events as { message: string }[]).map((e) => e.message)).toEqual(["START two", "ERROR boom"]);
    const one = await run("FilterLogEvents", { logGroupName: "/aws/lambda/f", logStreamNames: ["2026/01/01/[$LATEST]b"] });
    expect((one.events as { message: string }[]).map((e) => e.message)).toEqual(["START two", "END two"]);
    expect((await failure(run("FilterLogEvents", { logGroupName: "/nope" }))).message).toBe("The specified log group does not exist.");
    expect((await failure(run("FilterLogEvents", { logGroupName: "/aws/lambda/f", logStreamNames: ["a"], logStreamNamePrefix: "a" }))).code).toBe("InvalidParameterException");
  });
});

describe("the runtime's log sink", () => {
  it("buffers lines and writes them in one batch on flush, in order", async () => {
    const sink = createLogSink(store, clock, { flushMs: 60_000 });
    sink.append("/aws/lambda/s", "st", [{ timestamp: 1, message: "a" }]);
    sink.append("/aws/lambda/s", "st", [{ timestamp: 2, message: "" }, { timestamp: 3, message: "x".repeat(300_000) }]);
    expect(await store.logs.getLogGroup("/aws/lambda/s")).toBeUndefined();
    await sink.flush();
    const events = (await store.logs.listLogEvents({ groupName: "/aws/lambda/s" }, { limit: 10 })).items;
    expect(events.map((e) => e.message.length)).toEqual([1, 1, 262_144]);
    await sink.close();
  });

  it("flushes by itself when enough lines wait, or after flushMs", async () => {
    const sink = createLogSink(store, clock, { flushMs: 10, maxEvents: 2 });
    sink.append("/g", "s", [{ timestamp: 1, message: "a" }, { timestamp: 2, message: "b" }]);
    sink.append("/g", "s", [{ timestamp: 3, message: "c" }]);
    for (let i = 0; i < 100 && (await store.logs.listLogEvents({ groupName: "/g" }, { limit: 10 })).items.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await store.logs.listLogEvents({ groupName: "/g" }, { limit: 10 })).items.map((e) => e.message)).toEqual(["a", "b", "c"]);
    await sink.close();
  });
});
