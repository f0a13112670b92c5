/** @module Turns what a transition produced into the store's atomic TransitionBatch. */
import type { ExecutionRecord, TransitionBatch } from "../store/index.js";
import type { HistoryEvent } from "../history/index.js";
import { serializeState, type ExecutionState } from "./execution-state.js";
import type { TransitionContext } from "./transition-context.js";

/** Store-wide ids of an execution's timers and outbox entries (the engine's ids are per execution). */
export const storeId = (executionArn: string, localId: string): string => `${executionArn}|${localId}`;

export interface BatchExtras {
  /** Outbox entries (task ids) whose result this transition records. */
  readonly completedTasks?: readonly string[];
  /** The timer (local id) whose firing this transition handles. */
  readonly firedTimer?: string;
}

export function toBatch(arn: string, ctx: TransitionContext, state: ExecutionState, extras: BatchExtras = {}): TransitionBatch {
  const now = ctx.now;
  const execution: Partial<Omit<ExecutionRecord, "arn" | "lastEventId">> | undefined =
    state.status === "RUNNING"
      ? state.redrivenAt === now
        ? { status: "RUNNING", redriveCount: state.redriveCount, redriveDate: now, stopDate: undefined, error: undefined, cause: undefined }
        : undefined
      : {
          status: state.status,
          output: state.output === undefined ? undefined : JSON.stringify(state.output),
          error: state.error,
          cause: state.cause,
          stopDate: now,
        };
  const timersRemoved = ctx.out.timersRemoved.map((id) => storeId(arn, id));
  if (extras.firedTimer) timersRemoved.push(storeId(arn, extras.firedTimer));
  return {
    events: ctx.out.events.map((e) => toEventRecord(arn, e)),
    ...(execution ? { execution } : {}),
    snapshot: serializeState(state),
    timersAdded: ctx.out.timersAdded.map((t) => ({ id: storeId(arn, t.id), executionArn: arn, dueAt: t.dueAt, payload: JSON.stringify({ timerId: t.id }) })),
    timersRemoved,
    outboxAdded: [
      ...ctx.out.tasks.map((t) => ({ id: storeId(arn, t.taskId), executionArn: arn, kind: "task", payload: JSON.stringify(t), createdAt: now })),
      ...ctx.out.childStarts.map((c) => ({ id: storeId(arn, `start:${c.arn}`), executionArn: arn, kind: "child-start", payload: JSON.stringify(c), createdAt: now })),
      ...ctx.out.childStops.map((c) => ({ id: storeId(arn, `stop:${c}`), executionArn: arn, kind: "child-stop", payload: JSON.stringify(c), createdAt: now })),
    ],
    outboxRemoved: (extras.completedTasks ?? []).map((id) => storeId(arn, id)),
    tokensAdded: ctx.out.tokensAdded.map((t) => ({
      token: t.token, executionArn: arn, payload: JSON.stringify({ taskId: t.taskId }),
      heartbeatDueAt: t.heartbeatSeconds === undefined ? undefined : now + t.heartbeatSeconds * 1000,
    })),
    tokensRemoved: ctx.out.tokensRemoved,
    // A token that goes away takes its activity task with it (if a worker has not taken it yet).
    activityTasksRemoved: ctx.out.tokensRemoved,
    activityTasksAdded: ctx.out.activityTasks.map((t) => ({ token: t.token, activityArn: t.activityArn, input: JSON.stringify(t.input), createdAt: now })),
  };
}

function toEventRecord(executionArn: string, e: HistoryEvent) {
  const { timestamp, type, id, previousEventId, ...details } = e;
  return { executionArn, id, previousEventId, type, timestamp, details: JSON.stringify(details) };
}
