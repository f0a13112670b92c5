/** @module Finding and cancelling blocked frames, and the EvaluationFailed event. */
import { StatesError, failureLocation, type StatesFailure } from "../asl/index.js";
import { evaluationFailedDetails } from "../history/index.js";
import type { ExecutionState, FrameState, Waiting } from "./execution-state.js";
import { emit, type TransitionContext } from "./transition-context.js";

/**
 * The waiting frame that `id` (a task's or a timer's) belongs to, if `match` agrees. A look through
 * many frames (a Map with 1,000 iterations in flight, for every task result) leaves an index of the
 * waiting frames by their ids for the next lookups; the index is checked, and built again when it
 * misses (an id made since, or one no frame waits on).
 */
export function findWaitingFrame(state: ExecutionState, id: string, match: (w: Waiting) => boolean): FrameState | undefined {
  const indexed = waitIndexes.get(state)?.get(id);
  if (indexed && state.frames[indexed.id] === indexed && waitsOn(indexed, match)) return indexed;
  let looked = 0;
  let found: FrameState | undefined;
  for (const frameId in state.frames) {
    const frame = state.frames[frameId]!;
    looked++;
    if (waitsOn(frame, match)) {
      found = frame;
      break;
    }
  }
  if (looked >= INDEX_FROM_FRAMES) indexWaitingFrames(state);
  return found;
}

const waitsOn = (frame: FrameState, match: (w: Waiting) => boolean): boolean =>
  frame.status === "waiting" && frame.waiting !== undefined && match(frame.waiting);

/** A lookup through this many frames builds the index (fewer are looked through faster than indexed). */
const INDEX_FROM_FRAMES = 64;

/** Waiting frames by the ids they wait on, per state object (a loaded or replayed state gets its own). */
const waitIndexes = new WeakMap<ExecutionState, Map<string, FrameState>>();

function indexWaitingFrames(state: ExecutionState): void {
  const index = new Map<string, FrameState>();
  for (const frameId in state.frames) {
    const frame = state.frames[frameId]!;
    const w = frame.waiting;
    if (frame.status !== "waiting" || !w) continue;
    if (w.kind === "task") {
      index.set(w.taskId, frame);
      if (w.timeoutTimerId) index.set(w.timeoutTimerId, frame);
      if (w.heartbeatTimerId) index.set(w.heartbeatTimerId, frame);
    } else if (w.kind === "wait" || w.kind === "retry") index.set(w.timerId, frame);
  }
  waitIndexes.set(state, index);
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
