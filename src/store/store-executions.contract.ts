/** @module Store contract: executions, their history, transitions and listings. */
import { expect, it } from "vitest";
import { ExecutionNotFound, VersionConflict, type ExecutionRecord, type ExecutionSummary } from "./records.js";
import { allPages, events, execution, executionArn, machineArn, start, startBatch, T0, type CurrentStore } from "./store-fixtures.contract.js";
import type { Store } from "./store.js";
import { payloadRefText, storedPayload } from "./event-payloads.js";

const summary = ({ input, output, error, cause, definition, traceHeader, ...rest }: ExecutionRecord): ExecutionSummary => rest;

/** Everything observable about one execution, to prove a failed write changed nothing. */
async function observe(s: Store, arn: string) {
  return {
    execution: await s.getExecution(arn),
    events: (await s.listEvents(arn, { limit: 100 })).items,
    snapshot: await s.getSnapshot(arn),
    timers: await s.dueTimers(Number.MAX_SAFE_INTEGER, 100),
    outbox: await s.listOutbox(100),
  };
}

export function executionsContract(store: CurrentStore): void {
  it("creates an execution with its first transition", async () => {
    const s = store();
    const record = execution("m", "e1", { traceHeader: "Root=1", stateMachineVersionArn: `${machineArn("m")}:1` });
    const result = await s.createExecution(record, { ...startBatch(record.arn), events: events(record.arn, 1, 3), execution: { input: '{"merged":true}' } });
    expect(result).toEqual({ created: true });
    expect(await s.getExecution(record.arn)).toEqual({ ...record, input: '{"merged":true}', lastEventId: 3 });
    expect((await s.listEvents(record.arn, { limit: 10 })).items).toEqual(events(record.arn, 1, 3));
    expect(await s.getSnapshot(record.arn)).toBe(JSON.stringify({ at: 1 }));
    expect(await s.getExecution(executionArn("m", "nope"))).toBeUndefined();
    expect(await s.getSnapshot(executionArn("m", "nope"))).toBeUndefined();
  });

  it("returns the existing execution for the same state machine and name, writing nothing", async () => {
    const s = store();
    const record = await start(s, execution("m", "same"));
    const again = await s.createExecution(execution("m", "same", { input: '{"other":1}' }), {
      events: events(record.arn, 1, 2), snapshot: "other", timersAdded: [{ id: "t", executionArn: record.arn, dueAt: T0, payload: "{}" }],
    });
    expect(again).toEqual({ created: false, existing: record });
    expect((await s.listEvents(record.arn, { limit: 10 })).items).toHaveLength(1);
    expect(await s.getSnapshot(record.arn)).toBe(JSON.stringify({ at: 1 }));
    expect(await s.nextTimerDue()).toBeUndefined();
    expect((await s.createExecution(execution("other", "same"), startBatch(executionArn("other", "same")))).created).toBe(true);
  });

  it("keeps each execution's own definition", async () => {
    const s = store();
    const a = await start(s, execution("m", "a", { definition: '{"v":1}' }));
    const b = await start(s, execution("m", "b", { definition: '{"v":2}' }));
    const c = await start(s, execution("n", "c", { definition: '{"v":1}' }));
    expect((await s.getExecution(a.arn))!.definition).toBe('{"v":1}');
    expect((await s.getExecution(b.arn))!.definition).toBe('{"v":2}');
    expect((await s.getExecution(c.arn))!.definition).toBe('{"v":1}');
  });

  it("commits a transition: events appended, fields changed, snapshot replaced", async () => {
    const s = store();
    const record = await start(s, execution("m", "e"));
    await s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 2), snapshot: "s2" });
    await s.commitTransition(record.arn, 3, {
      events: events(record.arn, 4, 1, "ExecutionSucceeded"), snapshot: "s3",
      execution: { status: "SUCCEEDED", output: '{"ok":true}', stopDate: T0 + 9, traceHeader: undefined },
    });
    expect(await s.getExecution(record.arn)).toEqual({ ...record, status: "SUCCEEDED", output: '{"ok":true}', stopDate: T0 + 9, lastEventId: 4 });
    expect((await s.listEvents(record.arn, { limit: 10 })).items.map((e) => e.type)).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateEntered", "ExecutionSucceeded"]);
    expect(await s.getSnapshot(record.arn)).toBe("s3");
  });

  it("gives back the last snapshot whatever its size: large after small, small after large", async () => {
    const s = store();
    const large = (tag: string) => JSON.stringify({ tag, pad: "x".repeat(100_000) });
    const record = execution("m", "big");
    await s.createExecution(record, { ...startBatch(record.arn), snapshot: large("first") });
    expect(await s.getSnapshot(record.arn)).toBe(large("first"));
    await s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 1), replay: { seq: 1, body: "r" } });
    expect(await s.getSnapshot(record.arn)).toBe(large("first"));
    await s.commitTransition(record.arn, 2, { events: events(record.arn, 3, 1), snapshot: "small", replayCleared: true });
    expect(await s.getSnapshot(record.arn)).toBe("small");
    await s.commitTransition(record.arn, 3, { events: events(record.arn, 4, 1), snapshot: large("again") });
    expect(await s.getSnapshot(record.arn)).toBe(large("again"));
    await s.commitTransition(record.arn, 4, { events: events(record.arn, 5, 1), snapshot: "done", execution: { status: "SUCCEEDED", output: "{}" } });
    expect(await s.getSnapshot(record.arn)).toBe("done");
    expect((await s.getExecution(record.arn))!.status).toBe("SUCCEEDED");
  });

  it("keeps a replay log per execution: entries in seq order beside the snapshot until a batch clears it", async () => {
    const s = store();
    const a = await start(s, execution("m", "a"));
    const b = await start(s, execution("m", "b"));
    expect(await s.getReplayLog(a.arn)).toEqual([]);
    await s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), replay: { seq: 1, body: "a1" } });
    await s.commitTransition(b.arn, 1, { events: [], replay: { seq: 1, body: "b1" } });
    await s.commitTransition(a.arn, 2, { events: [], replay: { seq: 2, body: "a2" } });
    // Writes of several executions committed together keep each one's entries apart.
    await Promise.all([
      s.commitTransition(a.arn, 2, { events: events(a.arn, 3, 2), replay: { seq: 3, body: "a3" } }),
      s.commitTransition(b.arn, 1, { events: events(b.arn, 2, 1), replay: { seq: 2, body: "b2" } }),
    ]);
    expect(await s.getReplayLog(a.arn)).toEqual(["a1", "a2", "a3"]);
    expect(await s.getSnapshot(a.arn)).toBe(JSON.stringify({ at: 1 }));
    // A failed write adds no entry.
    await expect(s.commitTransition(a.arn, 1, { events: events(a.arn, 2, 1), replay: { seq: 4, body: "stale" } })).rejects.toBeInstanceOf(VersionConflict);
    await s.commitTransition(a.arn, 4, { events: events(a.arn, 5, 1), snapshot: "s5", replayCleared: true });
    expect(await s.getReplayLog(a.arn)).toEqual([]);
    expect(await s.getSnapshot(a.arn)).toBe("s5");
    await s.commitTransition(a.arn, 5, { events: [], replay: { seq: 1, body: "after s5" } });
    expect(await s.getReplayLog(a.arn)).toEqual(["after s5"]);
    // Cleared first, then appended.
    await s.commitTransition(a.arn, 5, { events: [], replayCleared: true, replay: { seq: 1, body: "fresh" } });
    expect(await s.getReplayLog(a.arn)).toEqual(["fresh"]);
    expect(await s.getReplayLog(b.arn)).toEqual(["b1", "b2"]);
    expect(await s.getReplayLog(executionArn("m", "nope"))).toEqual([]);
  });

  it("gives back payloads written as marked values as JSON text, the rest of the details as written", async () => {
    const s = store();
    const record = await start(s, execution("m", "e"));
    const value = { note: 'say "hi"\n', n: 1e21, list: [1.5, -0, null, true], "é": "\ud800" };
    const written = [
      { stateEnteredEventDetails: { name: "T", input: storedPayload(value), inputDetails: { truncated: false } } },
      { taskScheduledEventDetails: { resource: "invoke", region: "us-east-1", parameters: storedPayload([value]) } },
      { taskSucceededEventDetails: { output: storedPayload("text"), outputDetails: { truncated: false } } },
      { stateExitedEventDetails: { name: "T", output: '{"already":"text"}', assignedVariables: { $p: '"kept"' } } },
    ];
    await s.commitTransition(record.arn, 1, {
      events: written.map((details, i) => ({ ...events(record.arn, 2 + i, 1)[0]!, details: JSON.stringify(details) })),
    });
    const read = (await s.listEvents(record.arn, { limit: 10 })).items.slice(1).map((e) => e.details);
    expect(read).toEqual([
      JSON.stringify({ stateEnteredEventDetails: { name: "T", input: JSON.stringify(value), inputDetails: { truncated: false } } }),
      JSON.stringify({ taskScheduledEventDetails: { resource: "invoke", region: "us-east-1", parameters: JSON.stringify([value]) } }),
      JSON.stringify({ taskSucceededEventDetails: { output: '"text"', outputDetails: { truncated: false } } }),
      JSON.stringify(written[3]),
    ]);
  });

  it("gives back a payload written as a reference to an earlier event of the batch as that event's payload, on every page", async () => {
    const s = store();
    const record = await start(s, execution("m", "e"));
    const value = { note: 'say "hi"', list: [1, -0, null] };
    const marked = JSON.stringify(storedPayload(value));
    const written = [
      `{"taskSucceededEventDetails":{"output":${marked},"outputDetails":{"truncated":false}}}`,
      `{"stateExitedEventDetails":{"name":"T","output":${payloadRefText(2, "output")}}}`,
      `{"stateEnteredEventDetails":{"name":"U","input":${payloadRefText(2, "output")}}}`,
      `{"taskScheduledEventDetails":{"resource":"r","parameters":${payloadRefText(4, "input")}}}`,
    ];
    await s.commitTransition(record.arn, 1, { events: written.map((details, i) => ({ ...events(record.arn, 2 + i, 1)[0]!, details })) });
    const text = JSON.stringify(JSON.stringify(value));
    const expected = [
      `{"taskSucceededEventDetails":{"output":${text},"outputDetails":{"truncated":false}}}`,
      `{"stateExitedEventDetails":{"name":"T","output":${text}}}`,
      `{"stateEnteredEventDetails":{"name":"U","input":${text}}}`,
      `{"taskScheduledEventDetails":{"resource":"r","parameters":${text}}}`,
    ];
    const details = (page: { items: readonly { id: number; details: string }[] }) => page.items.filter((e) => e.id > 1).map((e) => e.details);
    expect(details(await s.listEvents(record.arn, { limit: 10 }))).toEqual(expected);
    expect(details(await s.listEvents(record.arn, { limit: 10, reverse: true }))).toEqual([...expected].reverse());
    const first = await s.listEvents(record.arn, { limit: 3 });
    expect(details(await s.listEvents(record.arn, { limit: 3, after: first.next }))).toEqual(expected.slice(2));
  });

  it("throws VersionConflict when the execution moved on, writing nothing", async () => {
    const s = store();
    const record = await start(s, execution("m", "e"));
    await s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 1) });
    const before = await observe(s, record.arn);
    const stale = s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 1), snapshot: "x", execution: { status: "FAILED" } });
    await expect(stale).rejects.toBeInstanceOf(VersionConflict);
    await expect(stale).rejects.toMatchObject({ executionArn: record.arn, expected: 1, actual: 2 });
    expect(await observe(s, record.arn)).toEqual(before);
    await expect(s.commitTransition(executionArn("m", "nope"), 0, { events: [] })).rejects.toBeInstanceOf(ExecutionNotFound);
  });

  it("lets exactly one of two concurrent transitions from the same version win", async () => {
    const s = store();
    const record = await start(s, execution("m", "race"));
    const results = await Promise.allSettled([1, 2].map((n) =>
      s.commitTransition(record.arn, 1, { events: events(record.arn, 2, n), snapshot: `by ${n}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(VersionConflict);
    const winner = results.findIndex((r) => r.status === "fulfilled") + 1;
    expect((await s.getExecution(record.arn))!.lastEventId).toBe(1 + winner);
    expect(await s.getSnapshot(record.arn)).toBe(`by ${winner}`);
  });

  it("writes nothing of a batch that fails part way", async () => {
    const s = store();
    await start(s, execution("m", "holder"), { tokensAdded: [{ token: "taken", executionArn: executionArn("m", "holder"), payload: "{}", heartbeatDueAt: undefined }] });
    const record = await start(s, execution("m", "e"));
    const before = await observe(s, record.arn);
    const failing = s.commitTransition(record.arn, 1, {
      events: events(record.arn, 2, 3), snapshot: "half", execution: { status: "SUCCEEDED", output: "{}" },
      timersAdded: [{ id: "t1", executionArn: record.arn, dueAt: T0, payload: "{}" }],
      outboxAdded: [{ id: "o1", executionArn: record.arn, kind: "task", payload: "{}", createdAt: T0 }],
      tokensAdded: [{ token: "taken", executionArn: record.arn, payload: "{}", heartbeatDueAt: undefined }],
    });
    await expect(failing).rejects.toThrow();
    expect(await observe(s, record.arn)).toEqual(before);
    // Event ids with a gap are refused before anything is written.
    await expect(s.commitTransition(record.arn, 1, { events: events(record.arn, 3, 1), snapshot: "gap" })).rejects.toThrow(/without gaps/);
    expect(await observe(s, record.arn)).toEqual(before);
    await s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 1) });
    expect((await s.getExecution(record.arn))!.lastEventId).toBe(2);
  });

  it("pages through the history forwards and in reverse", async () => {
    const s = store();
    const record = await start(s, execution("m", "long"));
    await s.commitTransition(record.arn, 1, { events: events(record.arn, 2, 24) });
    const forward = await s.listEvents(record.arn, { limit: 10 });
    expect(forward.items.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const all = await allPages((after) => s.listEvents(record.arn, { limit: 10, after }), (e) => e.id);
    expect(all.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const reversed = await allPages((after) => s.listEvents(record.arn, { limit: 7, after, reverse: true }), (e) => e.id);
    expect(reversed.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    const exact = await s.listEvents(record.arn, { limit: 25 });
    expect(exact.next).toBeUndefined();
    expect(await s.listEvents(executionArn("m", "nope"), { limit: 5 })).toEqual({ items: [], next: undefined });
  });

  it("lists executions newest first, by machine and status, ties broken by ARN", async () => {
    const s = store();
    const made: ExecutionRecord[] = [];
    for (let i = 0; i < 12; i++) {
      const status = i % 3 === 0 ? "SUCCEEDED" : "RUNNING";
      made.push(await start(s, execution("m", `e${String(i).padStart(2, "0")}`, { startDate: T0 + Math.floor(i / 2), status })));
    }
    await start(s, execution("other", "x", { startDate: T0 + 100 }));
    const newestFirst = [...made].sort((a, b) => b.startDate - a.startDate || (a.arn < b.arn ? 1 : -1));
    const listed = await allPages((after) => s.listExecutions({ stateMachineArn: machineArn("m") }, { limit: 5, after }), (e) => e.arn);
    expect(listed).toEqual(newestFirst.map(summary));
    const running = await allPages((after) => s.listExecutions({ stateMachineArn: machineArn("m"), status: "RUNNING" }, { limit: 3, after }), (e) => e.arn);
    expect(running.map((e) => e.arn)).toEqual(newestFirst.filter((e) => e.status === "RUNNING").map((e) => e.arn));
    const succeeded = await s.listExecutions({ status: "SUCCEEDED" }, { limit: 100 });
    expect(succeeded.items.map((e) => e.arn)).toEqual(newestFirst.filter((e) => e.status === "SUCCEEDED").map((e) => e.arn));
    const everything = await allPages((after) => s.listExecutions({}, { limit: 4, after }), (e) => e.arn);
    expect(everything.map((e) => e.name)).toEqual(["x", ...newestFirst.map((e) => e.name)]);
    const open = await allPages((after) => s.listOpenExecutions({ limit: 4, after }), (e) => e.arn);
    expect(open.map((e) => e.name).sort()).toEqual(["x", ...made.filter((e) => e.status === "RUNNING").map((e) => e.name)].sort());
  });

  it("keeps pagination stable while executions are started", async () => {
    const s = store();
    for (let i = 0; i < 10; i++) await start(s, execution("m", `old${i}`, { startDate: T0 + i }));
    const first = await s.listExecutions({ stateMachineArn: machineArn("m") }, { limit: 4 });
    for (let i = 0; i < 5; i++) await start(s, execution("m", `new${i}`, { startDate: T0 + 50 + i }));
    await start(s, execution("m", "tie", { startDate: T0 + 6 }));
    const rest = await allPages((after) => s.listExecutions({ stateMachineArn: machineArn("m") }, { limit: 4, after: after ?? first.next }), (e) => e.arn);
    expect(first.items.map((e) => e.name)).toEqual(["old9", "old8", "old7", "old6"]);
    // "tie" sorts before old6 (same start date, greater ARN), so it is not part of what follows.
    expect(rest.map((e) => e.name)).toEqual(["old5", "old4", "old3", "old2", "old1", "old0"]);
  });

  it("lists executions by version, alias and map run", async () => {
    const s = store();
    const version = `${machineArn("m")}:1`;
    const alias = `${machineArn("m")}:prod`;
    const mapRun = "arn:aws:states:us-east-1:123456789012:mapRun:m/run:1";
    await start(s, execution("m", "plain"));
    await start(s, execution("m", "v", { stateMachineVersionArn: version, startDate: T0 + 1 }));
    await start(s, execution("m", "va", { stateMachineVersionArn: version, stateMachineAliasArn: alias, startDate: T0 + 2, status: "FAILED" }));
    await start(s, execution("m", "child", { mapRunArn: mapRun, parentExecutionArn: executionArn("m", "plain") }));
    const names = async (filter: Parameters<Store["listExecutions"]>[0]) => (await s.listExecutions(filter, { limit: 10 })).items.map((e) => e.name);
    expect(await names({ stateMachineVersionArn: version })).toEqual(["va", "v"]);
    expect(await names({ stateMachineVersionArn: version, status: "FAILED" })).toEqual(["va"]);
    expect(await names({ stateMachineAliasArn: alias })).toEqual(["va"]);
    expect(await names({ mapRunArn: mapRun })).toEqual(["child"]);
    expect(await names({ stateMachineArn: machineArn("m") })).toEqual(["va", "v", "plain", "child"]);
    const child = (await s.listExecutions({ mapRunArn: mapRun }, { limit: 1 })).items[0]!;
    expect(child.parentExecutionArn).toBe(executionArn("m", "plain"));
    expect(child).not.toHaveProperty("input");
  });
}
