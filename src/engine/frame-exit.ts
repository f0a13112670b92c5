/** @module How a state ends in the durable engine: exit to Next, complete the branch, retry, catch or fail. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import {
  applyCatcher, findCatcher, findRetrier, isTerminalError, retryDelayMs, type AslError, type MapPlan, type ParallelPlan, type StatePlan,
  type TaskPlan,
} from "../asl/index.js";
import { PayloadDetails, errorDetails, exitedDetails, stateExitedType } from "../history/index.js";
import { ROOT_FRAME, type FrameState } from "./execution-state.js";
import { emit, nextId, type TransitionContext } from "./transition-context.js";
import { scopeOf } from "./frames.js";
import type { Resume } from "./step-state.js";
import { cancelFrame } from "./frame-wait.js";
import { storedPayload } from "../store/index.js";
import { onChildSettled } from "./aggregate.js";

/** Lets state code put a frame (back) on the transition's run queue. */
export interface FrameControl {
  schedule(frame: FrameState, resume: Resume | undefined): void;
}

export interface StateExit {
  readonly next: string | undefined;
  readonly output: JsonValue;
  readonly assigned: JsonObject | undefined;
}

/** Records the state's exit and moves the frame to Next, or completes the frame. */
export function exitState(ctx: TransitionContext, frame: FrameState, state: StatePlan, exit: StateExit, lastEventId: number, control: FrameControl): void {
  if (exit.assigned) Object.assign(frame.variables, exit.assigned);
  const exitedId = emit(ctx, stateExitedType(state.type), lastEventId, exitedDetails(state.name, exit.output, exit.assigned, storedPayload));
  frame.lastEventId = exitedId;
  frame.waiting = undefined;
  if (exit.next !== undefined) {
    frame.state = exit.next;
    frame.entered = false;
    frame.raw = exit.output;
    frame.status = "running";
    return;
  }
  frame.output = exit.output;
  frame.status = "done";
  if (frame.id === ROOT_FRAME) {
    ctx.state.status = "SUCCEEDED";
    ctx.state.output = exit.output;
    if (ctx.state.timeoutTimerId) ctx.out.timersRemoved.push(ctx.state.timeoutTimerId);
    emit(ctx, "ExecutionSucceeded", exitedId, {
      executionSucceededEventDetails: { output: storedPayload(exit.output), outputDetails: PayloadDetails },
    });
    return;
  }
  onChildSettled(ctx, frame, control);
}

/** The branch fails with `error`: the execution (root) or the parent Map / Parallel hears of it. */
export function failFrame(ctx: TransitionContext, frame: FrameState, error: AslError, lastEventId: number, control: FrameControl): void {
  frame.status = "failed";
  frame.error = error;
  frame.lastEventId = lastEventId;
  frame.waiting = undefined;
  if (frame.id !== ROOT_FRAME) {
    onChildSettled(ctx, frame, control);
    return;
  }
  ctx.state.status = "FAILED";
  ctx.state.error = error.error;
  ctx.state.cause = error.cause;
  if (ctx.state.timeoutTimerId) ctx.out.timersRemoved.push(ctx.state.timeoutTimerId);
  for (const id in ctx.state.frames) if (id !== ROOT_FRAME) cancelFrame(ctx, ctx.state.frames[id]!);
  emit(ctx, "ExecutionFailed", lastEventId, { executionFailedEventDetails: errorDetails(error.error, error.cause) });
}

/** Retry, then Catch, then failure: AWS's order for Task, Parallel and Map states. */
export async function handleStateError(
  ctx: TransitionContext, frame: FrameState, state: StatePlan, error: AslError, lastEventId: number, control: FrameControl,
): Promise<void> {
  if (isTerminalError(error.error) || (state.type !== "Task" && state.type !== "Parallel" && state.type !== "Map")) {
    failFrame(ctx, frame, error, lastEventId, control);
    return;
  }
  const s = state as TaskPlan | ParallelPlan | MapPlan;
  const i = findRetrier(s.retry, error.error);
  const used = frame.retryCounters[i] ?? 0;
  if (i >= 0 && used < s.retry[i]!.maxAttempts) {
    const delay = retryDelayMs(s.retry[i]!, used, ctx.random);
    frame.retryCounters[i] = used + 1;
    frame.retryCount++;
    frame.lastEventId = lastEventId;
    if (delay <= 0) {
      frame.status = "running";
      return;
    }
    const timerId = nextId(ctx, "t");
    ctx.out.timersAdded.push({ id: timerId, dueAt: ctx.now + delay });
    frame.waiting = { kind: "retry", timerId };
    frame.status = "waiting";
    return;
  }
  let last = lastEventId;
  if (state.type === "Map" || state.type === "Parallel") last = emit(ctx, `${state.type}StateFailed`, last);
  const catcher = findCatcher(s.catch, error.error);
  if (!catcher) {
    failFrame(ctx, frame, error, last, control);
    return;
  }
  const { output, assigned } = await applyCatcher(state, catcher, frame.raw, error, scopeOf(ctx, frame, state));
  exitState(ctx, frame, state, { next: catcher.next, output, assigned }, last, control);
}
