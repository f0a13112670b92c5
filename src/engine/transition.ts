/** @module One transition of a durable execution: apply an input, run every branch until it blocks. */
import { PayloadDetails, enteredDetails, errorDetails, stateEnteredType } from "../history/index.js";
import { isStatesFailure, type AslError, type StatePlan } from "../asl/index.js";
import type { EngineInput } from "./engine-input.js";
import { ROOT_FRAME, type FrameState } from "./execution-state.js";
import { emit, nextId, type TransitionContext } from "./transition-context.js";
import { createFrame, planOf } from "./frames.js";
import { stepState, type Resume } from "./step-state.js";
import { handleStateError, exitState, type FrameControl } from "./frame-exit.js";
import { cancelFrame, findWaitingFrame, recordEvaluationFailure } from "./frame-wait.js";
import { onChildExecutionClosed, updateMapRun, type ChildOutcome } from "./aggregate.js";
import { storedPayload } from "../store/index.js";

/**
 * Applies `input` to `ctx.state` (mutated in place) and appends the resulting events, tasks and
 * timers to `ctx.out`. Pure apart from that: no I/O, time and randomness come from `ctx`.
 */
export async function applyInput(ctx: TransitionContext, input: EngineInput): Promise<void> {
  const queue: { frame: FrameState; resume: Resume | undefined }[] = [];
  const control: FrameControl = { schedule: (frame, resume) => queue.push({ frame, resume }) };
  const state = ctx.state;
  switch (input.kind) {
    case "start": {
      emit(ctx, "ExecutionStarted", 0, {
        executionStartedEventDetails: { input: storedPayload(state.input), inputDetails: PayloadDetails, roleArn: ctx.names.roleArn },
      });
      if (ctx.plan.timeoutSeconds !== undefined) {
        state.timeoutTimerId = nextId(ctx, "t");
        ctx.out.timersAdded.push({ id: state.timeoutTimerId, dueAt: state.startTime + ctx.plan.timeoutSeconds * 1000 });
      }
      const root = createFrame(ctx, ROOT_FRAME, undefined, 0, [], ctx.plan.startAt, state.input, 0);
      queue.push({ frame: root, resume: undefined });
      break;
    }
    case "stop": {
      if (state.status !== "RUNNING") return;
      endExecution(ctx, "ABORTED");
      emit(ctx, "ExecutionAborted", state.lastEventId, { executionAbortedEventDetails: errorDetails(input.error, input.cause) });
      state.error = input.error;
      state.cause = input.cause;
      return;
    }
    case "redrive": {
      if (state.status === "RUNNING" || state.status === "SUCCEEDED") return;
      const root = state.frames[ROOT_FRAME]!;
      for (const id in state.frames) if (id !== ROOT_FRAME) delete state.frames[id];
      state.status = "RUNNING";
      state.redriveCount++;
      state.redrivenAt = ctx.now;
      state.error = undefined;
      state.cause = undefined;
      root.lastEventId = emit(ctx, "ExecutionRedriven", state.lastEventId, { executionRedrivenEventDetails: { redriveCount: state.redriveCount } });
      root.entered = false;
      root.waiting = undefined;
      root.error = undefined;
      queue.push({ frame: root, resume: undefined });
      break;
    }
    case "timer": {
      if (state.status !== "RUNNING") return;
      if (input.timerId === state.timeoutTimerId) {
        endExecution(ctx, "TIMED_OUT");
        emit(ctx, "ExecutionTimedOut", state.lastEventId);
        return;
      }
      const found = findWaitingFrame(state, input.timerId, (w) =>
        (w.kind === "wait" || w.kind === "retry") && w.timerId === input.timerId ? true
        : w.kind === "task" && (w.timeoutTimerId === input.timerId || w.heartbeatTimerId === input.timerId));
      if (!found) return;
      const w = found.waiting!;
      if (w.kind === "task") {
        const error = w.timeoutTimerId === input.timerId ? "States.Timeout" : "States.HeartbeatTimeout";
        queue.push({ frame: found, resume: { kind: "task-failed", error: { error }, timedOut: true } });
      } else queue.push({ frame: found, resume: { kind: w.kind === "wait" ? "wait-over" : "retry" } });
      break;
    }
    case "heartbeat": {
      const found = findWaitingFrame(state, input.taskId, (w) => w.kind === "task" && w.taskId === input.taskId);
      const w = found?.waiting;
      if (!found || w?.kind !== "task" || w.heartbeatSeconds === undefined) return;
      if (w.heartbeatTimerId) ctx.out.timersRemoved.push(w.heartbeatTimerId);
      const heartbeatTimerId = nextId(ctx, "t");
      ctx.out.timersAdded.push({ id: heartbeatTimerId, dueAt: ctx.now + w.heartbeatSeconds * 1000 });
      found.waiting = { ...w, heartbeatTimerId };
      return;
    }
    case "activity-started": {
      const found = findWaitingFrame(state, input.taskId, (w) => w.kind === "task" && w.taskId === input.taskId);
      if (!found) return;
      found.lastEventId = emit(ctx, "ActivityStarted", found.lastEventId,
        { activityStartedEventDetails: input.workerName === undefined ? {} : { workerName: input.workerName } });
      return;
    }
    case "outbox-done":
      return;
    case "task-handed-out": {
      const found = findWaitingFrame(state, input.taskId, (w) => w.kind === "task" && w.taskId === input.taskId);
      if (found?.waiting?.kind === "task") found.waiting = { ...found.waiting, handedOut: true };
      return;
    }
    case "update-map-run": {
      if (state.status !== "RUNNING") return;
      const { kind: _kind, mapRunArn, ...update } = input;
      ctx.mapRunUpdated = updateMapRun(ctx, mapRunArn, update, control);
      break;
    }
    case "child-closed": {
      if (state.status !== "RUNNING") return;
      const outcome: ChildOutcome = input.status === "SUCCEEDED"
        ? { ok: true, output: input.output ?? null }
        : { ok: false, error: input.error ?? { error: `States.${input.status === "TIMED_OUT" ? "Timeout" : "BranchFailed"}` } };
      onChildExecutionClosed(ctx, input.childArn, outcome, control);
      break;
    }
    case "task-succeeded":
    case "task-failed": {
      if (state.status !== "RUNNING") return;
      const found = findWaitingFrame(state, input.taskId, (w) => w.kind === "task" && w.taskId === input.taskId);
      if (!found) return; // a duplicate or late result: already recorded once
      queue.push({
        frame: found,
        resume: input.kind === "task-succeeded"
          ? { kind: "task-succeeded", result: input.result }
          : { kind: "task-failed", error: input.error, timedOut: false },
      });
      break;
    }
  }
  while (queue.length > 0 && state.status === "RUNNING") {
    const { frame, resume } = queue.shift()!;
    await runFrame(ctx, frame, resume, control);
  }
}

async function runFrame(ctx: TransitionContext, frame: FrameState, firstResume: Resume | undefined, control: FrameControl): Promise<void> {
  let resume = firstResume;
  frame.status = "running";
  while (frame.status === "running" && ctx.state.status === "RUNNING") {
    const state = planOf(ctx, frame).states.get(frame.state)!;
    if (!frame.entered) enter(ctx, frame, state);
    try {
      await stepState(ctx, frame, state, resume, control);
    } catch (e) {
      if (!isStatesFailure(e)) throw e;
      const lastEventId = recordEvaluationFailure(ctx, state.name, e, ctx.state.lastEventId);
      await handleStateError(ctx, frame, state, { error: e.error, cause: e.cause }, lastEventId, control);
    }
    resume = undefined;
  }
}

function enter(ctx: TransitionContext, frame: FrameState, state: StatePlan): void {
  frame.enteredAt = ctx.now;
  frame.enteredEventId = emit(ctx, stateEnteredType(state.type), frame.lastEventId, enteredDetails(state.name, frame.raw, storedPayload));
  frame.lastEventId = frame.enteredEventId;
  frame.entered = true;
  frame.retryCount = 0;
  frame.retryCounters = [];
}

/** Ends the execution: no branch runs on, pending timers and tasks are forgotten. */
export function endExecution(ctx: TransitionContext, status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED"): void {
  ctx.state.status = status;
  const root = ctx.state.frames[ROOT_FRAME];
  if (root) cancelFrame(ctx, root);
  if (ctx.state.timeoutTimerId) ctx.out.timersRemoved.push(ctx.state.timeoutTimerId);
}

export type { AslError };
export { exitState };
