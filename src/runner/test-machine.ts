/** @module Helpers for the runner's end-to-end tests: compile a definition, run it deterministically, read the history. */
import type { JsonValue } from "../shared/json.js";
import type { Clock } from "../shared/clock.js";
import type { Random } from "../asl/index.js";
import type { HistoryEvent } from "../history/index.js";
import { compileStateMachine } from "./index.js";
import type { RunOptions, RunResult } from "./types.js";

/** The start time every test run uses: 2024-01-01T00:00:00.000Z. */
export const T0 = Date.UTC(2024, 0, 1);

/** Lambda function ARNs (LambdaFunction* events) and an optimised integration (Task* events). */
export const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:Work";
export const LAMBDA_2 = "arn:aws:lambda:us-east-1:123456789012:function:Other";
export const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

/** A Random whose UUIDs count up and whose floats come from `floats` (0.5 once they run out). */
export function sequenceRandom(floats: readonly number[] = []): Random & { uuids: string[] } {
  let u = 0;
  let f = 0;
  const uuids: string[] = [];
  return {
    uuids,
    uuid: () => {
      const id = `00000000-0000-4000-8000-${String(++u).padStart(12, "0")}`;
      uuids.push(id);
      return id;
    },
    float: () => (f < floats.length ? floats[f++]! : 0.5),
  };
}

/** Compiles `definition` (failing the test on diagnostics) and runs it with history, T0 and counted UUIDs. */
export async function runMachine(definition: unknown, input: JsonValue = {}, options: RunOptions = {}): Promise<RunResult> {
  const compiled = compileStateMachine(definition);
  if (!compiled.ok) throw new Error(`definition rejected: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.machine.run(input, { history: true, startTime: T0, random: sequenceRandom(), ...options });
}

/** An Error whose `name` is the ASL error name, as handlers throw it. */
export const taskError = (name: string, message?: string): Error => Object.assign(new Error(message), { name });

/** The event types in order. */
export const typesOf = (result: RunResult): string[] => (result.history ?? []).map((e) => e.type);

/** `id<previousEventId type` for each event: compact enough to compare whole chains. */
export const chainOf = (result: RunResult): string[] =>
  (result.history ?? []).map((e) => `${e.id}<${e.previousEventId} ${e.type}`);

/** Milliseconds since T0 of each event, keyed `id type`. */
export const timesOf = (result: RunResult): string[] =>
  (result.history ?? []).map((e) => `${e.id} ${e.type} +${e.timestamp - T0}`);

/** The events of the given type. */
export const eventsOf = (result: RunResult, type: string): HistoryEvent[] => (result.history ?? []).filter((e) => e.type === type);

/** The event's details object (the one key besides timestamp, type, id and previousEventId). */
export function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  const key = Object.keys(event).find((k) => k.endsWith("EventDetails"));
  return key ? (event[key] as Record<string, unknown>) : undefined;
}

/**
 * A custom clock whose sleeps end almost at once: after the pending callbacks have run, time jumps
 * to the earliest sleeper and wakes it. Unlike the built-in virtual clock it does not wait for task
 * handlers in flight, so a handler that never settles meets its timeout. `sleeps` lists every
 * requested duration.
 */
export function instantClock(start: number = T0): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  const sleepers: { at: number; wake: () => void }[] = [];
  const wakeEarliest = () => {
    if (sleepers.length === 0) return;
    let first = 0;
    for (let i = 1; i < sleepers.length; i++) if (sleepers[i]!.at < sleepers[first]!.at) first = i;
    const [sleeper] = sleepers.splice(first, 1);
    if (sleeper!.at > now) now = sleeper!.at;
    sleeper!.wake();
    if (sleepers.length > 0) setImmediate(wakeEarliest);
  };
  return {
    sleeps,
    now: () => now,
    sleepUntil(at, signal) {
      sleeps.push(at - now);
      if (at <= now || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const sleeper = { at, wake: resolve };
        sleepers.push(sleeper);
        signal?.addEventListener("abort", () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        }, { once: true });
        setImmediate(wakeEarliest);
      });
    },
  };
}

/** A promise that never settles: a task that hangs until its timeout. */
export const never = (): Promise<JsonValue> => new Promise<JsonValue>(() => {});
