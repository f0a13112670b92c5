/** @module Finding and cancelling blocked frames, and the EvaluationFailed event. */
import { StatesError, failureLocation, type StatesFailure } from "../asl/index.js";
import { evaluationFailedDetails } from "../history/index.js";
import type { ExecutionState, FrameState, Waiting } from "./execution-state.js";
import { emit, type TransitionContext } from "./transition-context.js";

export function findWaitingFrame(state: ExecutionState, match: (w: Waiting) => boolean): FrameState | undefined {
  for (const id in state.frames) {
    const frame = state.frames[id]!;
    if (frame.status === "waiting" && frame.waiting && match(frame.waiting)) return frame;
  }
  return undefined;
}

/** Stops a frame and everything below it; their pending timers and tokens are dropped. */
export function cancelFrame(ctx: TransitionContext, frame: FrameState): void {
  const w = frame.waiting;
  if (frame.status === "running" || frame.status === "waiting") frame.status = "cancelled";
  if (!w) return;
  if (w.kind === "wait" || w.kind === "retry") ctx.out.timersRemoved.push(w.timerId);
  if (w.kind === "task") {
    if (w.timeoutTimerId) ctx.out.timersRemoved.push(w.timeoutTimerId);
    if (w.heartbeatTimerId) ctx.out.timersRemoved.push(w.heartbeatTimerId);
    if (w.token) ctx.out.tokensRemoved.push(w.token);
  }
  if (w.kind === "children" && w.agg.distributed) {
    // The Map Run's child executions are aborted after the commit.
    w.agg.children.forEach((arn, slot) => {
      if (arn && !w.agg.settled![slot]) ctx.out.childStops.push(arn);
    });
    emit(ctx, "MapRunAborted", frame.lastEventId);
  } else if (w.kind === "children") {
    for (const id of w.agg.children) {
      const child = ctx.state.frames[id];
      if (child) cancelFrame(ctx, child);
    }
  }
  frame.waiting = undefined;
}

/** Drops finished frames below `frame` from the state, keeping snapshots small. */
export function forgetChildren(ctx: TransitionContext, frame: FrameState): void {
  const w = frame.waiting;
  if (w?.kind !== "children") return;
  for (const id of w.agg.children) {
    const child = ctx.state.frames[id];
    if (child) forgetChildren(ctx, child);
    delete ctx.state.frames[id];
  }
}

/** Records EvaluationFailed for JSONata failures (States.QueryEvaluationError); returns the last event id. */
export function recordEvaluationFailure(ctx: TransitionContext, stateName: string, failure: StatesFailure, previousEventId: number): number {
  if (failure.error !== StatesError.QueryEvaluationError) return previousEventId;
  return emit(ctx, "EvaluationFailed", previousEventId, evaluationFailedDetails(stateName, failure.error, failure.cause, failureLocation(failure)));
}
