/** @module Turns what a transition produced into the store's atomic TransitionBatch. */
import type { EventRecord, ReplayEntry, TransitionBatch } from "../store/index.js";
import { serializeState, type ExecutionState } from "./execution-state.js";
import { PayloadTexts } from "./payload-texts.js";
import { detailsJson } from "./details-json.js";
import type { EmittedEvent, TransitionContext } from "./transition-context.js";

/** Store-wide ids of an execution's timers and outbox entries (the engine's ids are per execution). */
export const storeId = (executionArn: string, localId: string): string => `${executionArn}|${localId}`;

export interface BatchExtras {
  /** Outbox entries (local ids) this transition removes: the work they stood for is done. */
  readonly completedTasks?: readonly string[];
  /** The timer (local id) whose firing this transition handles. */
  readonly firedTimer?: string;
}

/** `replay`: the transition's replay log entry, written instead of a snapshot (replay.ts). */
export function toBatch(arn: string, ctx: TransitionContext, state: ExecutionState, extras: BatchExtras = {}, replay?: ReplayEntry): TransitionBatch {
  const now = ctx.now;
  const out = ctx.out;
  const texts = new PayloadTexts();
  const events = new Array<EventRecord>(out.events.length);
  for (let i = 0; i < events.length; i++) events[i] = toEventRecord(arn, out.events[i]!, texts);
  // Lists with nothing in them are left out: most transitions add a task or two and remove one.
  const batch: Mutable<TransitionBatch> = replay ? { events, replay } : { events, snapshot: serializeState(state, texts) };
  const execution = executionChanges(state, now);
  if (execution) batch.execution = execution;
  if (out.timersAdded.length > 0) {
    batch.timersAdded = out.timersAdded.map((t) => ({ id: storeId(arn, t.id), executionArn: arn, dueAt: t.dueAt, payload: JSON.stringify({ timerId: t.id }) }));
  }
  if (out.timersRemoved.length > 0 || extras.firedTimer) {
    const timersRemoved = out.timersRemoved.map((id) => storeId(arn, id));
    if (extras.firedTimer) timersRemoved.push(storeId(arn, extras.firedTimer));
    batch.timersRemoved = timersRemoved;
  }
  // Task calls need no outbox entry: the state's waiting frames say which calls a restart makes again (pending-tasks.ts).
  if (out.childStarts.length > 0 || out.childStops.length > 0) {
    batch.outboxAdded = [
      ...out.childStarts.map((c) => ({ id: storeId(arn, `start:${c.arn}`), executionArn: arn, kind: "child-start", payload: JSON.stringify(c), createdAt: now })),
      ...out.childStops.map((c) => ({ id: storeId(arn, `stop:${c}`), executionArn: arn, kind: "child-stop", payload: JSON.stringify(c), createdAt: now })),
    ];
  }
  if (extras.completedTasks?.length) batch.outboxRemoved = extras.completedTasks.map((id) => storeId(arn, id));
  if (out.tokensAdded.length > 0) {
    batch.tokensAdded = out.tokensAdded.map((t) => ({
      token: t.token, executionArn: arn, payload: JSON.stringify({ taskId: t.taskId }),
      heartbeatDueAt: t.heartbeatSeconds === undefined ? undefined : now + t.heartbeatSeconds * 1000,
    }));
  }
  if (out.tokensRemoved.length > 0) {
    batch.tokensRemoved = out.tokensRemoved;
    // A token that goes away takes its activity task with it (if a worker has not taken it yet).
    batch.activityTasksRemoved = out.tokensRemoved;
  }
  if (out.activityTasks.length > 0) {
    batch.activityTasksAdded = out.activityTasks.map((t) => ({ token: t.token, activityArn: t.activityArn, input: JSON.stringify(t.input), createdAt: now }));
  }
  return batch;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The execution record's fields this transition changes: on redrive and when it closes. */
function executionChanges(state: ExecutionState, now: number): TransitionBatch["execution"] {
  if (state.status === "RUNNING") {
    return state.redrivenAt === now
      ? { status: "RUNNING", redriveCount: state.redriveCount, redriveDate: now, stopDate: undefined, error: undefined, cause: undefined }
      : undefined;
  }
  return {
    status: state.status,
    output: state.output === undefined ? undefined : JSON.stringify(state.output),
    error: state.error,
    cause: state.cause,
    stopDate: now,
  };
}

function toEventRecord(executionArn: string, e: EmittedEvent, texts: PayloadTexts): EventRecord {
  return { executionArn, id: e.id, previousEventId: e.previousEventId, type: e.type, timestamp: e.timestamp, details: detailsJson(e.details, e.id, texts) };
}
