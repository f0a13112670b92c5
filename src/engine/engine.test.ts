import { describe, it, expect, afterEach } from "vitest";
import type { Store } from "../store/index.js";
import { openStore } from "../store/open-store.js";
import { createVirtualClock } from "../shared/virtual-clock.js";
import { storeId } from "./to-batch.js";
import { createTestEngine, newExecution, waitForEnd, type TestEngine } from "./engine-test-kit.js";

let store: Store;
let kit: TestEngine | undefined;

async function setup(handlers: Parameters<typeof createTestEngine>[1] = {}) {
  store = await openStore(":memory:");
  kit = createTestEngine(store, handlers);
  await kit.engine.resume();
  return kit;
}

afterEach(async () => {
  await kit?.engine.close();
  kit = undefined;
  await store?.close();
});

const types = async (arn: string) => (await store.listEvents(arn, { limit: 1000 })).items.map((e) => e.type);

describe("durable engine", () => {
  it("runs a Pass chain to success and stores every event", async () => {
    const { engine } = await setup();
    const def = { StartAt: "A", States: { A: { Type: "Pass", Result: { x: 1 }, ResultPath: "$.a", Next: "B" }, B: { Type: "Pass", End: true } } };
    const start = newExecution(def, { in: true });
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(JSON.parse(record.output!)).toEqual({ in: true, a: { x: 1 } });
    expect(await types(start.record.arn)).toEqual([
      "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
  });

  it("runs tasks with retries and catches, recording each attempt once", async () => {
    let calls = 0;
    const { engine } = await setup({
      flaky: () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error("try again"), { name: "Transient" });
        return { ok: calls };
      },
      boom: () => {
        throw Object.assign(new Error("bad"), { name: "Fatal" });
      },
    });
    const def = {
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "flaky", Retry: [{ ErrorEquals: ["Transient"], IntervalSeconds: 2, MaxAttempts: 3 }], ResultPath: "$.t", Next: "U" },
        U: { Type: "Task", Resource: "boom", Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.err", Next: "Done" }], End: true },
        Done: { Type: "Succeed" },
      },
    };
    const start = newExecution(def, {});
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(JSON.parse(record.output!)).toEqual({ t: { ok: 3 }, err: { Error: "Fatal", Cause: "bad" } });
    const t = await types(start.record.arn);
    expect(t.filter((x) => x === "TaskScheduled")).toHaveLength(4);
    expect(t.filter((x) => x === "TaskStateEntered")).toHaveLength(2);
  });

  it("fires a one-hour Wait on the durable timer, also across an engine restart", async () => {
    const { engine } = await setup();
    const def = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, Next: "P" }, P: { Type: "Pass", End: true } } };
    const start = newExecution(def, { v: 1 });
    await engine.start(start);
    await engine.close();
    // A new engine on the same store picks the execution up.
    kit = createTestEngine(store, {}, kit!.clock);
    await kit.engine.resume();
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(record.stopDate! - record.startDate).toBeGreaterThanOrEqual(3600_000);
  });

  it("re-dispatches a task whose result was lost in a crash, and records its result once", async () => {
    const first = await setup({ slow: () => new Promise(() => undefined) });
    const def = { StartAt: "T", States: { T: { Type: "Task", Resource: "slow", End: true } } };
    const start = newExecution(def, { n: 1 });
    await first.engine.start(start);
    expect(first.calls).toHaveLength(1);
    await first.engine.close();
    // The lost handler keeps the first clock busy for ever: the restarted engine gets its own.
    kit = createTestEngine(store, { slow: (input) => ({ done: input }) }, createVirtualClock(first.clock.now()));
    await kit.engine.resume();
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(JSON.parse(record.output!)).toEqual({ done: { n: 1 } });
    const t = await types(start.record.arn);
    expect(t.filter((x) => x === "TaskSucceeded")).toHaveLength(1);
  });

  it("calls a pending task again after a restart exactly as before: same task id, input, context, timeout", async () => {
    const first = await setup({ slow: () => new Promise(() => undefined) });
    const def = {
      StartAt: "Items",
      States: {
        Items: {
          Type: "Map", ItemsPath: "$.items", End: true,
          ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: "slow", TimeoutSeconds: 30, Parameters: { "v.$": "$", "entered.$": "$$.State.EnteredTime" }, End: true } } },
        },
      },
    };
    const start = newExecution(def, { items: ["a", "b"] });
    await first.engine.start(start);
    expect(first.calls).toHaveLength(2);
    await first.engine.close();
    // The virtual clock would jump to the 30 s timeout before an answer: the restarted engine's calls are enough here.
    const later = createTestEngine(store, { slow: () => new Promise(() => undefined) }, createVirtualClock(first.clock.now()));
    kit = later;
    await later.engine.resume();
    const strip = ({ taskId, resource, stateName, input, context, retryCount, timeoutSeconds, taskToken }: (typeof later.calls)[number]) =>
      ({ taskId, resource, stateName, input, context, retryCount, timeoutSeconds, taskToken });
    expect(later.calls.map(strip)).toEqual(first.calls.map(strip));
    expect(later.calls.map((c) => c.timeoutSeconds)).toEqual([30, 30]);
    expect(typeof (later.calls[0]!.input as { entered: unknown }).entered).toBe("string");
  });

  it("does not call a callback task again after a restart once its call returned (the token is out)", async () => {
    const resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    const first = await setup({ [resource]: () => ({ MessageId: "m" }) });
    const def = { StartAt: "T", States: { T: { Type: "Task", Resource: resource, Parameters: { "token.$": "$$.Task.Token" }, End: true } } };
    const start = newExecution(def, {});
    await first.engine.start(start);
    await first.engine.idle();
    const token = first.calls[0]!.taskToken!;
    await first.engine.close();
    const later = createTestEngine(store, { [resource]: () => ({ MessageId: "again" }) }, createVirtualClock(first.clock.now()));
    kit = later;
    await later.engine.resume();
    await later.engine.idle();
    expect(later.calls).toHaveLength(0);
    expect(await later.engine.sendTaskSuccess(token, { ok: 1 })).toBe(true);
    expect(JSON.parse((await waitForEnd(store, start.record.arn)).output!)).toEqual({ ok: 1 });
  });

  it("calls a task once after a restart when an earlier version's outbox row stands for it too, and removes the row", async () => {
    const first = await setup({ slow: () => new Promise(() => undefined) });
    const start = newExecution({ StartAt: "T", States: { T: { Type: "Task", Resource: "slow", End: true } } }, { n: 2 });
    await first.engine.start(start);
    const { executionArn, ...legacyPayload } = first.calls[0]!;
    await first.engine.close();
    const lastEventId = (await store.getExecution(executionArn))!.lastEventId;
    await store.commitTransition(executionArn, lastEventId, {
      events: [],
      outboxAdded: [{ id: storeId(executionArn, legacyPayload.taskId), executionArn, kind: "task", payload: JSON.stringify(legacyPayload), createdAt: 0 }],
    });
    const later = createTestEngine(store, { slow: (input) => ({ done: input }) }, createVirtualClock(first.clock.now()));
    kit = later;
    await later.engine.resume();
    const record = await waitForEnd(store, start.record.arn);
    expect(JSON.parse(record.output!)).toEqual({ done: { n: 2 } });
    expect(later.calls).toHaveLength(1);
    await later.engine.idle();
    expect(await store.listOutbox(10)).toEqual([]);
  });

  it("keeps the execution's input out of the snapshot and restores it on restart ($$.Execution.Input)", async () => {
    const first = await setup({ slow: () => new Promise(() => undefined) });
    const def = { StartAt: "T", States: { T: { Type: "Task", Resource: "slow", Parameters: { "input.$": "$$.Execution.Input" }, End: true } } };
    const start = newExecution(def, { marker: "input-only-in-the-execution-row" });
    await first.engine.start(start);
    await first.engine.close();
    // The frames hold their own data; the execution's input itself is not written again with each transition.
    expect(JSON.parse((await store.getSnapshot(start.record.arn))!)).not.toHaveProperty("input");
    const later = createTestEngine(store, { slow: (input) => input }, createVirtualClock(first.clock.now()));
    kit = later;
    await later.engine.resume();
    const record = await waitForEnd(store, start.record.arn);
    expect(JSON.parse(record.output!)).toEqual({ input: { marker: "input-only-in-the-execution-row" } });
  });

  it("stores no outbox row for a task call: the waiting state is the record", async () => {
    const { engine } = await setup({ slow: () => new Promise(() => undefined) });
    const start = newExecution({ StartAt: "T", States: { T: { Type: "Task", Resource: "slow", End: true } } });
    await engine.start(start);
    expect(await store.listOutbox(10)).toEqual([]);
  });

  it("waits for a task token and completes on SendTaskSuccess", async () => {
    const { engine, calls } = await setup({ "arn:aws:states:::sqs:sendMessage.waitForTaskToken": () => ({ MessageId: "m" }) });
    const def = {
      StartAt: "T",
      States: { T: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { "token.$": "$$.Task.Token" }, End: true } },
    };
    const start = newExecution(def, {});
    await engine.start(start);
    await engine.idle();
    expect((await store.getExecution(start.record.arn))!.status).toBe("RUNNING");
    const token = calls[0]!.taskToken!;
    expect((calls[0]!.input as { token: string }).token).toBe(token);
    expect(await engine.sendTaskSuccess(token, { answer: 42 })).toBe(true);
    const record = await waitForEnd(store, start.record.arn);
    expect(JSON.parse(record.output!)).toEqual({ answer: 42 });
    expect(await engine.sendTaskSuccess(token, {})).toBe(false);
  });

  it("hands activity tasks out through the store", async () => {
    const { engine } = await setup();
    const activityArn = "arn:aws:states:us-east-1:123456789012:activity:work";
    const def = { StartAt: "A", States: { A: { Type: "Task", Resource: activityArn, End: true } } };
    const start = newExecution(def, { job: 7 });
    await engine.start(start);
    const task = await store.takeActivityTask(activityArn);
    expect(JSON.parse(task!.input)).toEqual({ job: 7 });
    await engine.sendTaskFailure(task!.token, "WorkerError", "it broke");
    const record = await waitForEnd(store, start.record.arn);
    expect(record).toMatchObject({ status: "FAILED", error: "WorkerError", cause: "it broke" });
    expect(await types(start.record.arn)).toContain("ActivityFailed");
  });

  it("runs Map and Parallel states with their history", async () => {
    const { engine } = await setup({ double: (x) => (x as number) * 2 });
    const def = {
      StartAt: "M",
      States: {
        M: { Type: "Map", ItemsPath: "$.items", MaxConcurrency: 2, ItemProcessor: { StartAt: "D", States: { D: { Type: "Task", Resource: "double", End: true } } }, ResultPath: "$.m", Next: "P" },
        P: { Type: "Parallel", Branches: [{ StartAt: "X", States: { X: { Type: "Pass", Result: "x", End: true } } }, { StartAt: "Y", States: { Y: { Type: "Pass", Result: "y", End: true } } }], ResultPath: "$.p", End: true },
      },
    };
    const start = newExecution(def, { items: [1, 2, 3] });
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(JSON.parse(record.output!)).toEqual({ items: [1, 2, 3], m: [2, 4, 6], p: ["x", "y"] });
    const t = await types(start.record.arn);
    expect(t.filter((x) => x === "MapIterationSucceeded")).toHaveLength(3);
    expect(t).toContain("ParallelStateSucceeded");
  });

  it("stops a running execution", async () => {
    const { engine } = await setup();
    const def = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 100000, End: true } } };
    const start = newExecution(def, {});
    await engine.start(start);
    await engine.stop(start.record.arn, "Stopped", "by test");
    const record = await store.getExecution(start.record.arn);
    expect(record).toMatchObject({ status: "ABORTED", error: "Stopped", cause: "by test" });
    expect((await types(start.record.arn)).at(-1)).toBe("ExecutionAborted");
  });

  it("redrives a failed execution from the state that failed", async () => {
    let fail = true;
    const { engine } = await setup({
      flaky: (input) => {
        if (fail) throw Object.assign(new Error("down"), { name: "Outage" });
        return { ok: input };
      },
    });
    const def = { StartAt: "A", States: { A: { Type: "Pass", Result: 1, ResultPath: "$.a", Next: "T" }, T: { Type: "Task", Resource: "flaky", End: true } } };
    const start = newExecution(def, {});
    await engine.start(start);
    expect(await waitForEnd(store, start.record.arn)).toMatchObject({ status: "FAILED", error: "Outage" });
    fail = false;
    expect(await engine.redrive(start.record.arn)).toBe(true);
    const record = await waitForEnd(store, start.record.arn);
    expect(record).toMatchObject({ status: "SUCCEEDED", redriveCount: 1 });
    expect(JSON.parse(record.output!)).toEqual({ ok: { a: 1 } });
    const t = await types(start.record.arn);
    expect(t.filter((x) => x === "PassStateEntered")).toHaveLength(1);
    expect(t.slice(t.indexOf("ExecutionFailed"))).toEqual([
      "ExecutionFailed", "ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded",
    ]);
  });

  it("runs a Distributed Map's items as child executions of a Map Run", async () => {
    const { engine } = await setup({ square: (x) => (x as number) * (x as number) });
    const def = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map", Label: "Squares", MaxConcurrency: 2,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "S", States: { S: { Type: "Task", Resource: "square", End: true } } },
          End: true,
        },
      },
    };
    const start = newExecution(def, [1, 2, 3]);
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(JSON.parse(record.output!)).toEqual([1, 4, 9]);
    expect(await types(start.record.arn)).toEqual([
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited",
      "ExecutionSucceeded",
    ]);
    const events = (await store.listEvents(start.record.arn, { limit: 100 })).items;
    const mapRunArn = JSON.parse(events.find((e) => e.type === "MapRunStarted")!.details).mapRunStartedEventDetails.mapRunArn as string;
    expect(mapRunArn).toMatch(/:mapRun:Machine\/Squares:/);
    const children = (await store.listExecutions({ mapRunArn }, { limit: 10 })).items;
    expect(children).toHaveLength(3);
    for (const child of children) {
      expect(child.status).toBe("SUCCEEDED");
      expect(child.arn).toMatch(/:execution:Machine\/Squares:/);
      expect(await types(child.arn)).toEqual([
        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded",
      ]);
    }
  });

  it("fails a Distributed Map when a child execution fails and aborts the others", async () => {
    const { engine } = await setup({
      work: (x) => {
        if (x === 2) throw Object.assign(new Error("two"), { name: "Bad" });
        return x;
      },
    });
    const def = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "S", States: { S: { Type: "Task", Resource: "work", End: true } } },
          End: true,
        },
      },
    };
    const start = newExecution(def, [1, 2, 3]);
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(record).toMatchObject({ status: "FAILED", error: "Bad", cause: "two" });
    expect(await types(start.record.arn)).toContain("MapRunFailed");
  });

  it("applies UpdateMapRun to a running Map Run and aborts its children when the parent stops", async () => {
    const gates: Array<() => void> = [];
    const { engine } = await setup({ hold: (x) => new Promise((resolve) => gates.push(() => resolve(x))) });
    const def = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map", MaxConcurrency: 1,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "H", States: { H: { Type: "Task", Resource: "hold", End: true } } },
          End: true,
        },
      },
    };
    const start = newExecution(def, [1, 2, 3, 4]);
    await engine.start(start);
    for (let i = 0; i < 50 && gates.length < 1; i++) await new Promise((r) => setImmediate(r));
    const events = (await store.listEvents(start.record.arn, { limit: 100 })).items;
    const mapRunArn = JSON.parse(events.find((e) => e.type === "MapRunStarted")!.details).mapRunStartedEventDetails.mapRunArn as string;
    expect(gates).toHaveLength(1);
    expect(await engine.updateMapRun(start.record.arn, mapRunArn, { maxConcurrency: 3 })).toBe(true);
    expect(await engine.mapRunLimits(start.record.arn, mapRunArn)).toMatchObject({ maxConcurrency: 3 });
    for (let i = 0; i < 50 && gates.length < 3; i++) await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(3);
    await engine.stop(start.record.arn, "Stopped", undefined);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(await types(start.record.arn)).toContain("MapRunAborted");
    const children = (await store.listExecutions({ mapRunArn }, { limit: 10 })).items;
    expect(children).toHaveLength(3);
    for (const child of children) expect(child.status).toBe("ABORTED");
    expect(await engine.updateMapRun(start.record.arn, mapRunArn, { maxConcurrency: 5 })).toBe(false);
    for (const release of gates) release();
  });

  it("fails a task whose result is over 256 KiB, so that Catch can take States.DataLimitExceeded", async () => {
    const { engine } = await setup({ big: () => "x".repeat(300 * 1024) });
    const def = {
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "big", Catch: [{ ErrorEquals: ["States.DataLimitExceeded"], Next: "Caught" }], End: true },
        Caught: { Type: "Pass", End: true },
      },
    };
    const start = newExecution(def, {});
    await engine.start(start);
    const record = await waitForEnd(store, start.record.arn);
    expect(record.status).toBe("SUCCEEDED");
    expect(JSON.parse(record.output!)).toEqual({
      Error: "States.DataLimitExceeded",
      Cause: "The state/task 'big' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect(await types(start.record.arn)).toContain("TaskFailed");
  });
});
