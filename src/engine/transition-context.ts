/** @module What a transition needs besides the state: the plan, names, randomness and the time. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { Plan, Random } from "../asl/index.js";
import type { ExecutionState } from "./execution-state.js";
import type { ExecutionRecord } from "../store/index.js";

/** Names the context object and history carry. */
export interface ExecutionNames {
  readonly executionArn: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

/** An execution's names, from its record's ARNs. */
export function namesOf(record: ExecutionRecord): ExecutionNames {
  const [, partition = "aws", , region = "us-east-1", accountId = "123456789012"] = record.arn.split(":");
  const smName = record.stateMachineArn.split(":")[6] ?? "";
  return {
    executionArn: record.arn, executionName: record.name, stateMachineArn: record.stateMachineArn, stateMachineName: smName,
    roleArn: record.roleArn, region, accountId, partition,
  };
}

/** A task to carry out after the transition commits (at least once; its id makes the result idempotent). */
export interface TaskDispatch {
  readonly executionArn: string;
  readonly taskId: string;
  readonly resource: string;
  readonly stateName: string;
  readonly input: JsonValue;
  readonly context: JsonObject;
  readonly retryCount: number;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  readonly taskToken: string | undefined;
}

export interface TimerRequest {
  readonly id: string;
  readonly dueAt: number;
}

/** A history event as a transition emits it: its details member(s) apart, ready to be stored as JSON text. */
export interface EmittedEvent {
  readonly timestamp: number;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly details: Record<string, unknown> | undefined;
}

/** Everything one transition produced, besides the new state. */
export interface TransitionOutput {
  readonly events: EmittedEvent[];
  readonly tasks: TaskDispatch[];
  readonly timersAdded: TimerRequest[];
  readonly timersRemoved: string[];
  readonly tokensAdded: { token: string; taskId: string; heartbeatSeconds: number | undefined }[];
  readonly tokensRemoved: string[];
  /** Tasks handed to activity workers (GetActivityTask) instead of being dispatched. */
  readonly activityTasks: { token: string; activityArn: string; input: JsonValue }[];
  /** Distributed Map child executions to start after the commit (idempotent by ARN). */
  readonly childStarts: ChildStart[];
  /** Child executions to abort after the commit (their Map Run failed). */
  readonly childStops: string[];
}

/** A Distributed Map item run as its own execution. */
export interface ChildStart {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly definition: string;
  readonly input: JsonValue;
  readonly mapRunArn: string;
  readonly parentExecutionArn: string;
  readonly roleArn: string;
}

export interface TransitionContext {
  readonly plan: Plan;
  readonly names: ExecutionNames;
  readonly random: Random;
  readonly now: number;
  readonly state: ExecutionState;
  readonly out: TransitionOutput;
  readonly executionContext: JsonObject;
  readonly stateMachineContext: JsonObject;
  /** Set by an update-map-run input: whether a running Map Run took the update. */
  mapRunUpdated?: boolean;
}

export const createTransitionOutput = (): TransitionOutput => ({
  events: [], tasks: [], timersAdded: [], timersRemoved: [], tokensAdded: [], tokensRemoved: [], activityTasks: [], childStarts: [], childStops: [],
});

/** Appends a history event and returns its id. */
export function emit(ctx: TransitionContext, type: string, previousEventId: number, details?: Record<string, unknown>): number {
  const id = ++ctx.state.lastEventId;
  ctx.out.events.push({ timestamp: ctx.now, type, id, previousEventId, details });
  return id;
}

/** A new id unique within the execution (tasks, timers, frames). */
export const nextId = (ctx: TransitionContext, prefix: string): string => `${prefix}${++ctx.state.seq}`;
