import { describe, it, expect } from "vitest";
import type { JsonValue } from "../shared/json.js";
import { runMachine, instantClock, never, timesOf, typesOf, eventsOf, LAMBDA, T0 } from "./test-machine.js";

const realDelay = (ms: number, value: JsonValue) => new Promise<JsonValue>((resolve) => setTimeout(() => resolve(value), ms));

describe("the virtual clock (default)", () => {
  it("a year of Wait takes no real time", async () => {
    const started = Date.now();
    const r = await runMachine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 365 * 24 * 3600, End: true } } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.stopDate - r.startDate).toBe(365 * 24 * 3600 * 1000);
  });

  it("starts at startTime: the context object and the events carry it", async () => {
    const start = Date.UTC(2030, 5, 1, 12);
    const r = await runMachine(
      { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "t.$": "$$.Execution.StartTime" }, End: true } } },
      {},
      { startTime: start },
    );
    expect(r.output).toEqual({ t: "2030-06-01T12:00:00.000Z" });
    expect(r.startDate).toBe(start);
    expect(r.history!.every((e) => e.timestamp === start)).toBe(true);
  });

  it("does not move while a handler works in real time", async () => {
    const r = await runMachine(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 1, End: true } } },
              { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } },
            ],
            End: true,
          },
        },
      },
      {},
      { handlers: { [LAMBDA]: () => realDelay(30, "slow but in time") } },
    );
    // 30 ms of real work is no virtual time: the 1 s timeout does not fire, the Wait ends after it.
    expect(r).toMatchObject({ status: "SUCCEEDED", output: ["slow but in time", {}] });
    expect(timesOf(r).filter((t) => /LambdaFunctionSucceeded|WaitStateExited/.test(t))).toEqual([
      "8 LambdaFunctionSucceeded +0", "10 WaitStateExited +10000",
    ]);
  });

  it("sleepers wake in time order across branches", async () => {
    const wait = (name: string, s: number) => ({ StartAt: name, States: { [name]: { Type: "Wait", Seconds: s, End: true } } });
    const r = await runMachine({
      StartAt: "P",
      States: { P: { Type: "Parallel", Branches: [wait("A", 30), wait("B", 10), wait("C", 20)], End: true } },
    });
    expect(eventsOf(r, "WaitStateExited").map((e) => `${(e.stateExitedEventDetails as { name: string }).name}+${e.timestamp - T0}`)).toEqual([
      "B+10000", "C+20000", "A+30000",
    ]);
  });
});

describe("the real clock", () => {
  it("waits for real", async () => {
    const at = new Date(Date.now() + 150).toISOString();
    const started = Date.now();
    const r = await runMachine({ StartAt: "W", States: { W: { Type: "Wait", Timestamp: at, End: true } } }, {}, { clock: "real", startTime: undefined });
    expect(r.status).toBe("SUCCEEDED");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(r.stopDate - r.startDate).toBeGreaterThanOrEqual(100);
  });

  it("times a task out for real", async () => {
    const r = await runMachine(
      { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 1, End: true } } },
      {},
      { clock: "real", startTime: undefined, handlers: { [LAMBDA]: never } },
    );
    expect(r.error).toBe("States.Timeout");
    expect(r.stopDate - r.startDate).toBeGreaterThanOrEqual(900);
  });
});

describe("a custom clock", () => {
  it("gives every timestamp and is asked for each sleep", async () => {
    const clock = instantClock(Date.UTC(2025, 0, 1));
    const r = await runMachine(
      {
        StartAt: "W1",
        States: { W1: { Type: "Wait", Seconds: 5, Next: "W2" }, W2: { Type: "Wait", Timestamp: "2025-01-01T00:01:00Z", End: true } },
      },
      {},
      { clock, startTime: undefined },
    );
    expect(clock.sleeps).toEqual([5000, 55_000]);
    expect(r.startDate).toBe(Date.UTC(2025, 0, 1));
    expect(r.stopDate).toBe(Date.UTC(2025, 0, 1, 0, 1));
  });

  it("the execution times out while a task hangs (no TimeoutSeconds on the task)", async () => {
    const r = await runMachine(
      { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } }, TimeoutSeconds: 30 },
      {},
      { clock: instantClock(), handlers: { [LAMBDA]: never } },
    );
    expect(r.status).toBe("TIMED_OUT");
    expect(r.stopDate - r.startDate).toBe(30_000);
    expect(typesOf(r)).toEqual(["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "ExecutionTimedOut"]);
  });

  it("a task's own timeout before the execution's: States.Timeout", async () => {
    const r = await runMachine(
      { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 10, End: true } }, TimeoutSeconds: 30 },
      {},
      { clock: instantClock(), handlers: { [LAMBDA]: never } },
    );
    expect(r).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(r.stopDate - r.startDate).toBe(10_000);
  });
});

describe("the end of an execution", () => {
  it("nothing is recorded after ExecutionTimedOut, even by branches still running", async () => {
    const r = await runMachine(
      {
        StartAt: "M",
        States: {
          M: { Type: "Map", ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", SecondsPath: "$", Next: "After" }, After: { Type: "Pass", End: true } } }, End: true },
        },
        TimeoutSeconds: 15,
      },
      [10, 20, 30],
    );
    expect(r.status).toBe("TIMED_OUT");
    expect(r.stopDate - r.startDate).toBe(15_000);
    const count = r.history!.length;
    expect(typesOf(r).at(-1)).toBe("ExecutionTimedOut");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.history!.length).toBe(count);
  });

  it("a handler still running when the execution fails is not waited for", async () => {
    let resolveLate: (v: JsonValue) => void = () => {};
    const r = await runMachine(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [
              { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } } },
              { StartAt: "F", States: { F: { Type: "Fail", Error: "Stop" } } },
            ],
            End: true,
          },
        },
      },
      {},
      { handlers: { [LAMBDA]: () => new Promise<JsonValue>((resolve) => (resolveLate = resolve)) } },
    );
    expect(r).toMatchObject({ status: "FAILED", error: "Stop" });
    resolveLate("late");
  });
});

describe("maxDurationSeconds", () => {
  it("ends an execution TIMED_OUT at the limit even without TimeoutSeconds (Express's five minutes)", async () => {
    const { compileStateMachine } = await import("./index.js");
    const compiled = compileStateMachine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 600, End: true } } });
    if (!compiled.ok) throw new Error("invalid");
    const r = await compiled.machine.run({}, { maxDurationSeconds: 300, startTime: 0 });
    expect(r.status).toBe("TIMED_OUT");
    expect(r.stopDate - r.startDate).toBe(300_000);
  });
});
