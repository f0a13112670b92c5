import { describe, it, expect } from "vitest";
import { StopController, linkedStop } from "./stop.js";

describe("StopController", () => {
  it("calls each listener once with the reason set, as AbortSignal does", () => {
    const stop = new StopController();
    const seen: unknown[] = [];
    stop.signal.addEventListener("abort", () => seen.push(stop.signal.reason));
    stop.abort({ afterEventId: 7 });
    stop.abort({ afterEventId: 9 });
    expect(stop.signal.aborted).toBe(true);
    expect(seen).toEqual([{ afterEventId: 7 }]);
  });

  it("skips a listener removed during the abort and does not call one added during it", () => {
    const stop = new StopController();
    const calls: string[] = [];
    const second = () => calls.push("second");
    const late = () => calls.push("late");
    stop.addEventListener("abort", () => {
      calls.push("first");
      stop.removeEventListener("abort", second);
      stop.addEventListener("abort", late);
    });
    stop.addEventListener("abort", second);
    stop.abort(undefined);
    expect(calls).toEqual(["first"]);
  });

  it("calls listeners in the order they were added, whichever were removed before", () => {
    const stop = new StopController();
    const calls: string[] = [];
    const a = () => calls.push("a");
    const b = () => calls.push("b");
    const c = () => calls.push("c");
    stop.addEventListener("abort", a);
    stop.addEventListener("abort", b);
    stop.addEventListener("abort", b);
    stop.removeEventListener("abort", a);
    stop.addEventListener("abort", c);
    stop.addEventListener("abort", a);
    stop.abort(undefined);
    expect(calls).toEqual(["b", "c", "a"]);
  });

  it("does not call a removed listener", () => {
    const stop = new StopController();
    let called = false;
    const listener = () => (called = true);
    stop.addEventListener("abort", listener);
    stop.removeEventListener("abort", listener);
    stop.abort(undefined);
    expect(called).toBe(false);
  });
});

describe("linkedStop", () => {
  it("aborts with the parent's reason until released", () => {
    const parent = new StopController();
    const a = linkedStop(parent.signal);
    const b = linkedStop(parent.signal);
    b.release();
    parent.abort({ afterEventId: 3 });
    expect(a.controller.signal).toMatchObject({ aborted: true, reason: { afterEventId: 3 } });
    expect(b.controller.signal.aborted).toBe(false);
  });

  it("starts aborted under an aborted parent", () => {
    const parent = new StopController();
    parent.abort("why");
    expect(linkedStop(parent.signal).controller.signal).toMatchObject({ aborted: true, reason: "why" });
  });
});
