import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arnOf, createTestLambda, rejectionOf, throttle, type TestLambda } from "./test-support.js";

let l: TestLambda;
beforeEach(async () => (l = await createTestLambda()));
afterEach(async () => l.close());

describe("Invoke (Event): the durable queue", () => {
  it("queues the event (202), runs it once, and forgets it", async () => {
    await l.create("e");
    expect(await l.call("Invoke", { FunctionName: "e", InvocationType: "Event", Payload: '{"n":1}' })).toEqual({ StatusCode: 202 });
    expect(l.runtime.calls).toEqual([]);
    expect(await l.store.functions.nextInvocationDue()).toBe(l.clock.now());
    expect(await l.service.runDueInvocations()).toBe(1);
    expect(l.runtime.calls.map((c) => c.payload)).toEqual(['{"n":1}']);
    expect(await l.store.functions.nextInvocationDue()).toBeUndefined();
    expect(await l.service.runDueInvocations()).toBe(0);
  });

  it("retries a failing function twice, after 1 and then 2 minutes, with the same request id", async () => {
    await l.create("f");
    l.runtime.behaviour = () => ({ payload: '{"errorType":"Error"}', functionError: "Unhandled" });
    await l.call("Invoke", { FunctionName: "f", InvocationType: "Event" });
    await l.service.runDueInvocations();
    l.clock.advance(59_999);
    expect(await l.service.runDueInvocations()).toBe(0);
    l.clock.advance(1);
    expect(await l.service.runDueInvocations()).toBe(1);
    l.clock.advance(119_999);
    expect(await l.service.runDueInvocations()).toBe(0);
    l.clock.advance(1);
    expect(await l.service.runDueInvocations()).toBe(1);
    l.clock.advance(3_600_000);
    expect(await l.service.runDueInvocations()).toBe(0);
    expect(l.runtime.calls).toHaveLength(3);
    expect(new Set(l.runtime.calls.map((c) => c.options.requestId)).size).toBe(1);
    expect(await l.store.functions.nextInvocationDue()).toBeUndefined();
  });

  it("keeps throttled events and tries again later, up to six hours", async () => {
    await l.create("t");
    l.runtime.behaviour = throttle;
    await l.call("Invoke", { FunctionName: "t", InvocationType: "Event", Qualifier: "$LATEST" });
    await l.service.runDueInvocations();
    expect(await l.store.functions.nextInvocationDue()).toBe(l.clock.now() + 1000);
    l.runtime.behaviour = (_s, payload) => ({ payload });
    l.clock.advance(1000);
    expect(await l.service.runDueInvocations()).toBe(1);
    expect(l.runtime.calls).toHaveLength(2);
    expect(await l.store.functions.nextInvocationDue()).toBeUndefined();

    l.runtime.behaviour = throttle;
    await l.call("Invoke", { FunctionName: "t", InvocationType: "Event" });
    for (let i = 0; i < 100 && (await l.store.functions.nextInvocationDue()) !== undefined; i++) {
      await l.service.runDueInvocations();
      l.clock.advance(300_000);
    }
    expect(await l.store.functions.nextInvocationDue()).toBeUndefined();
    expect(l.errors).toEqual([]);
  });

  it("drops events of functions deleted meanwhile, and refuses unknown qualifiers and large payloads up front", async () => {
    await l.create("gone");
    await l.call("Invoke", { FunctionName: "gone", InvocationType: "Event" });
    await l.call("DeleteFunction", { FunctionName: "gone" });
    expect(await l.service.runDueInvocations()).toBe(0);
    await l.create("here");
    expect((await rejectionOf(l.call("Invoke", { FunctionName: "here", InvocationType: "Event", Qualifier: "live" }))).code).toBe("ResourceNotFoundException");
    const big = await rejectionOf(l.call("Invoke", { FunctionName: "here", InvocationType: "Event", Payload: JSON.stringify("x".repeat(1_048_576)) }));
    expect(big).toMatchObject({ code: "RequestTooLargeException", message: "Request must be smaller than 1048576 bytes for the InvokeFunction operation" });
    expect(await l.call("InvokeAsync", { FunctionName: "here", InvokeArgs: "{}" })).toEqual({ Status: 202 });
    expect(await l.service.runDueInvocations()).toBe(1);
    expect(l.runtime.calls.map((c) => c.spec.functionArn)).toEqual([arnOf("here")]);
  });
});

describe("the queue running by itself", () => {
  it("runs a queued event without being asked, and stops on close", async () => {
    const own = await createTestLambda({ queue: true });
    try {
      await own.create("bg");
      await own.call("Invoke", { FunctionName: "bg", InvocationType: "Event", Payload: '{"bg":true}' });
      for (let i = 0; i < 200 && own.runtime.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(own.runtime.calls.map((c) => c.payload)).toEqual(['{"bg":true}']);
      for (let i = 0; i < 200 && (await own.store.functions.nextInvocationDue()) !== undefined; i++) await new Promise((r) => setTimeout(r, 5));
      expect(await own.store.functions.nextInvocationDue()).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});
