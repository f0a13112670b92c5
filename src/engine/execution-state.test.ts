import { describe, expect, it } from "vitest";
import { createExecutionState, deserializeState, serializeState, type ExecutionState, type FrameState } from "./execution-state.js";
import type { JsonValue } from "../shared/json.js";

function frame(id: string, raw: JsonValue, waiting: FrameState["waiting"] = undefined): FrameState {
  return {
    id, parentId: id === "r" ? undefined : "r", slot: 0, planPath: [], variables: { x: 1 }, state: "S", raw, entered: true, enteredEventId: 2,
    enteredAt: 5, retryCount: 0, retryCounters: [], lastEventId: 3, waiting, status: waiting ? "waiting" : "running", output: undefined, error: undefined,
  };
}

const task = (input: JsonValue): FrameState["waiting"] => ({
  kind: "task", taskId: "k1", input, token: undefined, timeoutSeconds: undefined, timeoutTimerId: undefined, heartbeatTimerId: undefined, heartbeatSeconds: undefined,
});

function stateWith(frames: FrameState[]): ExecutionState {
  const state = createExecutionState({ in: "put" }, 1);
  for (const f of frames) state.frames[f.id] = f;
  return state;
}

describe("execution state snapshots", () => {
  it("come back equal, frames with their keys in order, the execution's input from the store", () => {
    const shared = { v: 1, note: 'quote " and \\u2028' };
    const state = stateWith([
      frame("r", shared, task(shared)), frame("f2", [1, { a: null }], task({ other: true })), frame("f3", null, task(null)),
      frame("f4", 0), frame("f5", "text", { kind: "wait", timerId: "t1", output: { o: 1 }, assigned: undefined }),
    ]);
    const text = serializeState(state);
    expect(state.frames.r!.raw).toBe(shared);
    expect((state.frames.r!.waiting as { input: JsonValue }).input).toBe(shared);
    const back = deserializeState(text, () => ({ in: "put" }));
    expect(back).toEqual(state);
    const definedKeys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined).map(([k]) => k);
    for (const id in state.frames) expect(definedKeys(back.frames[id]!)).toEqual(definedKeys(state.frames[id]!));
    expect(JSON.parse(text)).toMatchObject({ v: 2, taskInputIsRaw: ["r", "f3"] });
    expect(text).not.toContain('"put"');
  });

  it("read snapshots written before (the state as plain JSON, with or without the input)", () => {
    const state = stateWith([frame("r", { a: 1 }, task({ a: 1 }))]);
    expect(deserializeState(JSON.stringify(state), () => ({ not: "used" }))).toEqual(state);
    const { input: _input, ...withoutInput } = state;
    expect(deserializeState(JSON.stringify(withoutInput), () => ({ in: "put" }))).toEqual(state);
  });
});
