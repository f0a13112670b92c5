import { describe, it, expect } from "vitest";
import { createExecutionState, type FrameState, type Waiting } from "./execution-state.js";
import { findWaitingFrame } from "./frame-wait.js";

const taskWaiting = (taskId: string, timeoutTimerId?: string): Waiting => ({
  kind: "task", taskId, input: null, token: undefined, timeoutTimerId, heartbeatTimerId: undefined, heartbeatSeconds: undefined,
});

function frame(id: string, waiting: Waiting | undefined): FrameState {
  return {
    id, parentId: undefined, slot: 0, planPath: [], variables: {}, state: "S", raw: null, entered: true, enteredEventId: 0, enteredAt: 0,
    retryCount: 0, retryCounters: [], lastEventId: 0, waiting, status: waiting ? "waiting" : "running", output: undefined, error: undefined,
  };
}

const isTask = (taskId: string) => (w: Waiting) => w.kind === "task" && w.taskId === taskId;
const isTimer = (timerId: string) => (w: Waiting) =>
  (w.kind === "wait" && w.timerId === timerId) || (w.kind === "task" && w.timeoutTimerId === timerId);

describe("findWaitingFrame", () => {
  for (const count of [3, 200]) {
    it(`finds frames by task and timer id and follows changes (${count} frames${count >= 64 ? ", indexed" : ""})`, () => {
      const state = createExecutionState(null, 0);
      for (let i = 0; i < count; i++) {
        state.frames[`f${i}`] = frame(`f${i}`, i % 2 === 0 ? taskWaiting(`k${i}`, `t${i}`) : { kind: "wait", timerId: `w${i}`, output: null, assigned: undefined });
      }
      const task = count - 2 - (count % 2); // the last task frame (even), then the last wait frame (odd)
      const last = task + 1;
      expect(findWaitingFrame(state, `k${task}`, isTask(`k${task}`))?.id).toBe(`f${task}`);
      expect(findWaitingFrame(state, `t0`, isTimer("t0"))?.id).toBe("f0");
      expect(findWaitingFrame(state, `w${last}`, isTimer(`w${last}`))?.id).toBe(`f${last}`);
      // An id nobody waits on.
      expect(findWaitingFrame(state, "k999", isTask("k999"))).toBeUndefined();
      // The frame waits on a new task now: the old id finds nothing, the new one finds it.
      state.frames.f0!.waiting = taskWaiting("k1000");
      expect(findWaitingFrame(state, "k0", isTask("k0"))).toBeUndefined();
      expect(findWaitingFrame(state, "k1000", isTask("k1000"))?.id).toBe("f0");
      // A frame that runs again, or is gone, waits on nothing.
      state.frames.f0!.status = "running";
      expect(findWaitingFrame(state, "k1000", isTask("k1000"))).toBeUndefined();
      delete state.frames[`f${last}`];
      expect(findWaitingFrame(state, `w${last}`, isTimer(`w${last}`))).toBeUndefined();
      // A frame put back in its place under the same id is the one found.
      state.frames[`f${last}`] = frame(`f${last}`, taskWaiting("k2000"));
      expect(findWaitingFrame(state, "k2000", isTask("k2000"))).toBe(state.frames[`f${last}`]);
    });
  }
});
