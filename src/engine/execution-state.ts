/** @module The folded state of a durable execution: plain JSON, so it can be stored as a snapshot. */
import type { JsonValue } from "../shared/json.js";
import type { AslError } from "../asl/index.js";
import { PayloadTexts } from "./payload-texts.js";

/** What a branch (the machine, a Parallel branch, a Map iteration) is blocked on. */
export type Waiting =
  | {
      readonly kind: "task";
      readonly taskId: string;
      readonly input: JsonValue;
      readonly token: string | undefined;
      /** Resolved TimeoutSeconds (absent in snapshots written before it was kept). */
      readonly timeoutSeconds?: number | undefined;
      readonly timeoutTimerId: string | undefined;
      readonly heartbeatTimerId: string | undefined;
      readonly heartbeatSeconds: number | undefined;
      /** A callback task's call returned (the token is out): a restart must not call it again. */
      readonly handedOut?: boolean;
    }
  | { readonly kind: "wait"; readonly timerId: string; readonly output: JsonValue; readonly assigned: Record<string, JsonValue> | undefined }
  | { readonly kind: "retry"; readonly timerId: string }
  | { readonly kind: "children"; readonly agg: Aggregate };

/** A running Map or Parallel state: its children and what they produced so far. */
export interface Aggregate {
  readonly type: "Map" | "Parallel";
  /** Effective input of the state (for ItemSelector-free finishing and history). */
  readonly input: JsonValue;
  /** Map: the input of each iteration. Parallel: one entry per branch (the same input). */
  readonly inputs: JsonValue[];
  readonly results: JsonValue[];
  next: number;
  running: number;
  /** MaxConcurrency (0: no limit); UpdateMapRun may change it, and the tolerances, while a Map Run runs. */
  limit: number;
  failed: number;
  toleratedCount: number | undefined;
  toleratedPercentage: number | undefined;
  error: AslError | undefined;
  readonly distributed: boolean;
  readonly startedEventId: number;
  /** Frame ids of the children; for a Distributed Map, the ARNs of its child executions. */
  readonly children: string[];
  /** Distributed Map: the Map Run's ARN; slots whose child execution has been accounted for. */
  readonly mapRunArn?: string;
  readonly settled?: boolean[];
}

export interface FrameState {
  readonly id: string;
  readonly parentId: string | undefined;
  /** Index of this branch / iteration in its parent's aggregate. */
  readonly slot: number;
  /** Steps from the machine to this branch's plan: [stateName, branchIndex] pairs (-1: Map processor). */
  readonly planPath: readonly (string | number)[];
  variables: Record<string, JsonValue>;
  state: string;
  raw: JsonValue;
  entered: boolean;
  enteredEventId: number;
  enteredAt: number;
  retryCount: number;
  retryCounters: number[];
  lastEventId: number;
  waiting: Waiting | undefined;
  status: "running" | "waiting" | "done" | "failed" | "cancelled";
  output: JsonValue | undefined;
  error: AslError | undefined;
}

export interface ExecutionState {
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  lastEventId: number;
  /** Source of ids for tasks, timers and frames within this execution. */
  seq: number;
  readonly startTime: number;
  readonly input: JsonValue;
  frames: Record<string, FrameState>;
  output: JsonValue | undefined;
  error: string | undefined;
  cause: string | undefined;
  /** Timer of the execution's TimeoutSeconds, if any. */
  timeoutTimerId: string | undefined;
  redriveCount: number;
  /** Set by the transition that redrove the execution (the execution record changes with it). */
  redrivenAt: number | undefined;
  /** Transitions applied so far (a replay log entry names the count it follows; absent in older snapshots). */
  transitions?: number;
}

export const ROOT_FRAME = "r";

export function createExecutionState(input: JsonValue, startTime: number): ExecutionState {
  return {
    status: "RUNNING", lastEventId: 0, seq: 0, startTime, input, frames: {},
    output: undefined, error: undefined, cause: undefined, timeoutTimerId: undefined, redriveCount: 0, redrivenAt: undefined, transitions: 0,
  };
}

/**
 * The snapshot's text: `{"v":2,"state":..., "raw":{frameId: input...}, "taskInputIsRaw":[frameId...]}`.
 * The execution's input is left out (the store keeps it with the execution, and it may be up to
 * 256 KB: writing it again with every transition would cost as much as the rest). Each frame's input
 * goes in `raw` as text from `texts`, which has usually made it already for the transition's history
 * events; a waiting task's input that is its frame's input is written once (`taskInputIsRaw`). In
 * `state`, those fields hold null, so frames parse back with their keys in the order they were made.
 */
export function serializeState(state: ExecutionState, texts: PayloadTexts = new PayloadTexts()): string {
  const mutable = state as { input: JsonValue | undefined };
  const input = mutable.input;
  const frames = Object.values(state.frames);
  const raws = frames.map((f) => f.raw);
  const sameInput = frames.map((f) => f.waiting?.kind === "task" && f.waiting.input === f.raw);
  mutable.input = undefined;
  for (let i = 0; i < frames.length; i++) {
    frames[i]!.raw = null;
    if (sameInput[i]) taskWaiting(frames[i]!).input = null;
  }
  try {
    let raw = "";
    let same = "";
    for (let i = 0; i < frames.length; i++) {
      const id = JSON.stringify(frames[i]!.id);
      if (raws[i] !== undefined) raw += `${raw ? "," : ""}${id}:${texts.of(raws[i]!)}`;
      if (sameInput[i]) same += `${same ? "," : ""}${id}`;
    }
    return `{"v":2,"state":${JSON.stringify(state)},"raw":{${raw}},"taskInputIsRaw":[${same}]}`;
  } finally {
    mutable.input = input;
    for (let i = 0; i < frames.length; i++) {
      frames[i]!.raw = raws[i]!;
      if (sameInput[i]) taskWaiting(frames[i]!).input = raws[i]!;
    }
  }
}

/** The state a snapshot holds (either format), with the execution's input put back (snapshots written before it was left out keep theirs). */
export function deserializeState(text: string, input: () => JsonValue): ExecutionState {
  const parsed = JSON.parse(text) as { v?: number } & Record<string, unknown>;
  let state = parsed as unknown as ExecutionState & { input?: JsonValue };
  if (parsed.v === 2) {
    const { state: inner, raw, taskInputIsRaw } = parsed as { state: typeof state; raw: Record<string, JsonValue>; taskInputIsRaw: string[] };
    state = inner;
    for (const id in raw) state.frames[id]!.raw = raw[id]!;
    for (const id of taskInputIsRaw) taskWaiting(state.frames[id]!).input = state.frames[id]!.raw;
  }
  if (state.input === undefined) (state as { input: JsonValue }).input = input();
  return state;
}

/** A frame's waiting task, its input writable (only (de)serialisation swaps it). */
const taskWaiting = (frame: FrameState) => frame.waiting as { input: JsonValue };
