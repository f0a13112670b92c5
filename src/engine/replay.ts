/**
 * @module The replay log: when an execution's state is large (a Map with many iterations), a
 * transition stores what it needs to run again (its input, time and random draws) instead of the
 * whole state, and loading applies those entries in order over the last snapshot. A snapshot is
 * written again once the log has grown as large as it, so the writes of an execution stay linear in
 * its transitions (one snapshot per transition made a 1,000-item Map write 898 MB).
 */
import type { Random } from "../asl/index.js";
import type { TransitionBatch } from "../store/index.js";
import type { EngineInput } from "./engine-input.js";
import type { TransitionContext } from "./transition-context.js";
import { toBatch, type BatchExtras } from "./to-batch.js";

/** States smaller than this are written whole every transition: about as cheap as a log entry, and loading needs no replay. */
export const SMALL_SNAPSHOT_CHARS = 16 * 1024;

export interface ReplayRecord {
  /** The execution's count of transitions before this one (a check that the log follows on from the snapshot). */
  readonly after: number;
  readonly now: number;
  readonly input: EngineInput;
  /** Values the transition drew from its Random, in order (UUIDs as strings, floats as numbers). */
  readonly random: readonly (string | number)[];
}

/** How much a live execution has written since its last snapshot. */
export interface ReplayCounts {
  snapshotChars: number;
  logChars: number;
  logEntries: number;
}

/** Whether the execution's state is large enough for its transitions to be logged (and their random draws noted). */
export const logsTransitions = (counts: ReplayCounts): boolean => counts.snapshotChars >= SMALL_SNAPSHOT_CHARS;

/** Whether a transition writes its entry to the log rather than a snapshot. */
export function writesReplay(counts: ReplayCounts, entryChars: number): boolean {
  return logsTransitions(counts) && counts.logChars + entryChars < counts.snapshotChars;
}

/**
 * A transition's batch: a log entry when the state is large and the log still smaller than it, else
 * a snapshot (then `counts` start again from it). `draws` is undefined when the transition did not
 * record its random draws (a small state). A closing transition leaves a snapshot (redrive starts
 * from it); so does a redrive, which changes `$$.Execution` (replay would not see that).
 */
export function replayOrSnapshotBatch(
  counts: ReplayCounts, ctx: TransitionContext, input: EngineInput, after: number, draws: (string | number)[] | undefined, extras: BatchExtras,
): TransitionBatch {
  const arn = ctx.names.executionArn;
  if (draws && ctx.state.status === "RUNNING" && input.kind !== "redrive") {
    const record: ReplayRecord = { after, now: ctx.now, input, random: draws };
    const body = JSON.stringify(record);
    if (writesReplay(counts, body.length)) {
      counts.logChars += body.length;
      return toBatch(arn, ctx, ctx.state, extras, { seq: ++counts.logEntries, body });
    }
  }
  const batch: { -readonly [K in keyof TransitionBatch]: TransitionBatch[K] } = toBatch(arn, ctx, ctx.state, extras);
  if (counts.logEntries > 0) batch.replayCleared = true;
  counts.snapshotChars = batch.snapshot!.length;
  counts.logChars = 0;
  counts.logEntries = 0;
  return batch;
}

/** A Random that notes what it hands out, for the transition's log entry. */
export function recordingRandom(random: Random, draws: (string | number)[]): Random {
  return {
    uuid: () => {
      const value = random.uuid();
      draws.push(value);
      return value;
    },
    float: () => {
      const value = random.float();
      draws.push(value);
      return value;
    },
  };
}

/** A Random that hands out a log entry's draws again, in order. */
export function replayingRandom(draws: readonly (string | number)[]): Random {
  let next = 0;
  const take = <T extends string | number>(kind: "string" | "number"): T => {
    const value = draws[next++];
    if (typeof value !== kind) throw new Error(`Replay log: draw ${next} is not a ${kind === "string" ? "UUID" : "float"}`);
    return value as T;
  };
  return { uuid: () => take<string>("string"), float: () => take<number>("number") };
}

export function parseReplay(text: string): ReplayRecord {
  const record = JSON.parse(text) as ReplayRecord;
  if (typeof record.after !== "number" || typeof record.now !== "number" || !Array.isArray(record.random) || typeof record.input?.kind !== "string") {
    throw new Error("Replay log: malformed entry");
  }
  return record;
}
