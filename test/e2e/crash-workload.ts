/**
 * @module The crash test's workload: the task handlers the server loads, the state machine, the
 * jobs and their expected outputs, and the checks of histories and task calls against them.
 */
import { existsSync, readFileSync } from "node:fs";
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from "@aws-sdk/client-sfn";

export const FLAKY = "arn:aws:states:::stepwise:flaky";
export const DOUBLE = "arn:aws:states:::stepwise:double";
export const CALLBACK = "arn:aws:states:::stepwise:crash.waitForTaskToken";
/** The callback task's `resource` in history events (the part after `arn:aws:states:::stepwise:`). */
export const CALLBACK_IN_HISTORY = "crash.waitForTaskToken";

/**
 * The handlers, run by the server process. `flaky` fails until its attempt number (the durable
 * retry count) passes `failures`; `double` takes real time, so that a kill finds tasks in flight.
 * Each call is recorded (one JSON line) in invocations.jsonl beside the module.
 */
export const TASKS_MODULE = `
import { appendFileSync } from "node:fs";
const LOG = new URL("./invocations.jsonl", import.meta.url);
const record = (entry) => appendFileSync(LOG, JSON.stringify(entry) + "\\n");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default {
  ${JSON.stringify(FLAKY)}: async (input, request) => {
    record({ task: "flaky", id: input.id, attempt: request.retryCount });
    await sleep(30);
    if (request.retryCount < input.failures) {
      throw Object.assign(new Error("attempt " + (request.retryCount + 1) + " of " + input.id + " fails"), { name: "Flaky.Error" });
    }
    return { ok: input.id, attempts: request.retryCount + 1 };
  },
  ${JSON.stringify(DOUBLE)}: async (input, request) => {
    record({ task: "double", value: input.value, attempt: request.retryCount });
    await sleep(100 + 100 * (input.value % 3));
    return input.value * 2;
  },
  ${JSON.stringify(CALLBACK)}: async (input, request) => {
    record({ task: "callback", id: input.id, token: request.taskToken });
    return {};
  },
};
`;

export interface Invocation {
  readonly task: "flaky" | "double" | "callback";
  readonly id?: string;
  readonly value?: number;
  readonly attempt?: number;
  readonly token?: string;
}

export function readInvocations(path: string): Invocation[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Invocation);
}

/**
 * What the handlers saw, against the histories: every attempt that ran is one the history shows
 * (a task may run again after a kill, at least once), and the callback got the history's token.
 */
export function invocationProblems(invocations: readonly Invocation[], job: Job, callbackTokens: readonly string[]): string[] {
  const problems: string[] = [];
  const attempts = [...new Set(invocations.filter((v) => v.task === "flaky" && v.id === job.id).map((v) => v.attempt))].sort();
  const wantAttempts = Array.from({ length: job.failures + 1 }, (_, a) => a);
  if (JSON.stringify(attempts) !== JSON.stringify(wantAttempts)) problems.push(`flaky ran attempts ${JSON.stringify(attempts)}`);
  const values = [...new Set(invocations.filter((v) => v.task === "double" && job.items.includes(v.value!)).map((v) => v.value))].sort((a, b) => a! - b!);
  if (JSON.stringify(values) !== JSON.stringify(job.items)) problems.push(`double ran for ${JSON.stringify(values)}`);
  const tokens = [...new Set(invocations.filter((v) => v.task === "callback" && v.id === job.id).map((v) => v.token))];
  if (JSON.stringify(tokens) !== JSON.stringify(callbackTokens)) problems.push(`the callback handler got tokens ${JSON.stringify(tokens)}, the history ${JSON.stringify(callbackTokens)}`);
  return problems;
}

export const DEFINITION = JSON.stringify({
  StartAt: "Pause",
  States: {
    Pause: { Type: "Wait", SecondsPath: "$.wait", Next: "Flaky" },
    Flaky: {
      Type: "Task", Resource: FLAKY, ResultPath: "$.flaky", Next: "Fan",
      Retry: [{ ErrorEquals: ["Flaky.Error"], IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 3 }],
    },
    Fan: {
      Type: "Map", ItemsPath: "$.items", MaxConcurrency: 2, ItemSelector: { "value.$": "$$.Map.Item.Value" }, ResultPath: "$.doubled", Next: "Ask",
      ItemProcessor: { StartAt: "Double", States: { Double: { Type: "Task", Resource: DOUBLE, End: true } } },
    },
    Ask: { Type: "Task", Resource: CALLBACK, Parameters: { "id.$": "$.id", "token.$": "$$.Task.Token" }, ResultPath: "$.reply", End: true },
  },
});

export interface Job {
  readonly id: string;
  readonly wait: number;
  readonly failures: number;
  readonly items: number[];
}

export const jobOf = (i: number): Job => ({
  id: `job-${i}`,
  wait: 1 + (i % 3),
  failures: i % 3,
  items: Array.from({ length: 1 + (i % 4) }, (_, j) => i * 10 + j),
});

export const expectedOutput = (job: Job) => ({
  ...job,
  flaky: { ok: job.id, attempts: job.failures + 1 },
  doubled: job.items.map((v) => v * 2),
  reply: { approved: job.id },
});

/** A seeded generator, so a failing run's kill points can be told (and tried again with CRASH_SEED). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function historyOf(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

export const RESULT_TYPES = new Set(["TaskSucceeded", "TaskFailed", "TaskTimedOut"]);
export const TERMINAL_TYPES = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

/** Everything wrong with one execution's history (empty when it is whole), given the job it ran. */
export function historyProblems(events: readonly HistoryEvent[], job: Job): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.id !== i + 1) problems.push(`event #${i + 1} has id ${e.id} (ids must be 1..n)`);
    if (!(e.previousEventId! >= 0 && e.previousEventId! < e.id!)) problems.push(`event ${e.id} (${e.type}) has previousEventId ${e.previousEventId}`);
  });
  const terminals = events.filter((e) => TERMINAL_TYPES.has(e.type!));
  if (terminals.length !== 1 || events.at(-1) !== terminals[0]) {
    problems.push(`terminal events ${terminals.map((e) => `${e.id} ${e.type}`).join(", ")} (want exactly one, last)`);
  }
  // Each TaskScheduled: exactly one TaskStarted, then exactly one result; nothing unpaired.
  const byPrevious = new Map<number, HistoryEvent[]>();
  for (const e of events) byPrevious.set(e.previousEventId!, [...(byPrevious.get(e.previousEventId!) ?? []), e]);
  const paired = new Set<number>();
  for (const scheduled of events.filter((e) => e.type === "TaskScheduled")) {
    const started = (byPrevious.get(scheduled.id!) ?? []).filter((e) => e.type === "TaskStarted");
    const results = started.length === 1 ? (byPrevious.get(started[0]!.id!) ?? []).filter((e) => RESULT_TYPES.has(e.type!)) : [];
    if (started.length !== 1 || results.length !== 1) {
      problems.push(`TaskScheduled ${scheduled.id} has ${started.length} TaskStarted and ${results.length} results`);
    }
    for (const e of [...started, ...results]) paired.add(e.id!);
  }
  for (const e of events) {
    if ((e.type === "TaskStarted" || RESULT_TYPES.has(e.type!)) && !paired.has(e.id!)) problems.push(`${e.type} ${e.id} follows no TaskScheduled`);
  }
  // The flaky task's attempts, each exactly once and in order.
  const flakyFailures = events.filter((e) => e.type === "TaskFailed" && e.taskFailedEventDetails?.resource === "flaky").map((e) => e.taskFailedEventDetails!.cause);
  const wantFailures = Array.from({ length: job.failures }, (_, a) => `attempt ${a + 1} of ${job.id} fails`);
  if (JSON.stringify(flakyFailures) !== JSON.stringify(wantFailures)) problems.push(`flaky failures ${JSON.stringify(flakyFailures)}`);
  // Each Map iteration started and succeeded exactly once.
  const indexes = (type: string) => events.filter((e) => e.type === type)
    .map((e) => (e.mapIterationStartedEventDetails ?? e.mapIterationSucceededEventDetails)!.index).sort((a, b) => a! - b!);
  const wantIndexes = job.items.map((_, j) => j);
  for (const type of ["MapIterationStarted", "MapIterationSucceeded"]) {
    if (JSON.stringify(indexes(type)) !== JSON.stringify(wantIndexes)) problems.push(`${type} indexes ${JSON.stringify(indexes(type))}`);
  }
  // And the whole history, counted by type.
  const k = job.items.length;
  const tasks = job.failures + 1 + k + 1;
  const want: Record<string, number> = {
    ExecutionStarted: 1, WaitStateEntered: 1, WaitStateExited: 1, TaskStateEntered: 2 + k, TaskStateExited: 2 + k,
    TaskScheduled: tasks, TaskStarted: tasks, TaskFailed: job.failures, TaskSucceeded: 2 + k, MapStateEntered: 1, MapStateStarted: 1,
    MapIterationStarted: k, MapIterationSucceeded: k, MapStateSucceeded: 1, MapStateExited: 1, ExecutionSucceeded: 1,
  };
  const got: Record<string, number> = {};
  for (const e of events) got[e.type!] = (got[e.type!] ?? 0) + 1;
  for (const type of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if ((got[type] ?? 0) !== (want[type] ?? 0)) problems.push(`${got[type] ?? 0} ${type} events, want ${want[type] ?? 0}`);
  }
  return problems;
}
