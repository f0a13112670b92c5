/** @module The durable engine: runs Standard executions transition by transition over the store. */
import type { JsonValue } from "../shared/json.js";
import type { Clock } from "../shared/clock.js";
import { toAslError, type Plan, type Random } from "../asl/index.js";
import type { ExecutionRecord, Store } from "../store/index.js";
import type { EngineInput } from "./engine-input.js";
import { createExecutionState, deserializeState, type ExecutionState } from "./execution-state.js";
import { createTransitionOutput, namesOf, type ChildStart, type ExecutionNames, type TaskDispatch, type TransitionContext } from "./transition-context.js";
import { applyInput } from "./transition.js";
import { pendingTasks } from "./pending-tasks.js";
import { findWaitingFrame } from "./frame-wait.js";
import { toBatch, type BatchExtras } from "./to-batch.js";
import { createTimerLoop, type TimerLoop } from "./timer-loop.js";
import { logsTransitions, parseReplay, recordingRandom, replayingRandom, replayOrSnapshotBatch, type ReplayCounts } from "./replay.js";

/** Carries out a Task's resource. For `.waitForTaskToken` resources its result is ignored (the token brings it). */
export type TaskInvoker = (task: TaskDispatch) => Promise<JsonValue>;

export interface EngineOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: Random;
  readonly invokeTask: TaskInvoker;
  /** Compiles the definition an execution runs (cached by the caller if it likes). */
  readonly compile: (definition: string) => Plan;
  /** Called after an execution reached a terminal status (for nested executions, metrics...). */
  readonly onClosed?: (arn: string) => void;
  /** Longest sleep of the timer loop between looks at the store (other nodes may add timers); default 1 s. */
  readonly maxTimerSleepMs?: number;
}

export interface StartRequest {
  readonly record: ExecutionRecord;
  readonly names: ExecutionNames;
}

interface Live {
  readonly record: ExecutionRecord;
  readonly plan: Plan;
  readonly names: ExecutionNames;
  state: ExecutionState;
  /** What it wrote since its last snapshot (replay.ts). */
  replay: ReplayCounts;
  /** `$$.Execution` as of the redrive count it was built for (it changes only on redrive). */
  executionContext?: { readonly redriveCount: number; readonly context: TransitionContext["executionContext"] };
}

export interface Engine {
  /** Creates the execution and runs its first transition; idempotent by (state machine, name). */
  start(request: StartRequest): Promise<{ created: true } | { created: false; existing: ExecutionRecord }>;
  stop(executionArn: string, error: string | undefined, cause: string | undefined): Promise<void>;
  /**
   * Runs a FAILED, TIMED_OUT or ABORTED execution again from the state where it stopped (a Map or
   * Parallel state runs again whole). The caller checks AWS's redrive rules first.
   */
  redrive(executionArn: string): Promise<boolean>;
  sendTaskSuccess(token: string, output: JsonValue): Promise<boolean>;
  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): Promise<boolean>;
  sendTaskHeartbeat(token: string): Promise<boolean>;
  /**
   * UpdateMapRun: new MaxConcurrency / tolerated failures for a running Distributed Map's Map Run.
   * False when the execution has no running Map Run with that ARN.
   */
  updateMapRun(
    executionArn: string, mapRunArn: string,
    update: { maxConcurrency?: number; toleratedFailureCount?: number; toleratedFailurePercentage?: number },
  ): Promise<boolean>;
  /** The limits a running Map Run works with now (after any UpdateMapRun), or undefined. */
  mapRunLimits(executionArn: string, mapRunArn: string): Promise<
    { maxConcurrency: number; toleratedFailureCount: number | undefined; toleratedFailurePercentage: number | undefined } | undefined
  >;
  /** A worker took an activity task: records ActivityStarted (with the worker's name). */
  activityStarted(token: string, workerName: string | undefined): Promise<void>;
  /** Picks up every open execution after a restart: re-dispatches outbox tasks; timers fire from the store. */
  resume(): Promise<void>;
  /** Resolves when no transition or task is in flight (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const { store, clock, random } = options;
  const live = new Map<string, Live>();
  /** Per-execution chains: an execution's transitions run one at a time, in arrival order. */
  const queues = new Map<string, Promise<unknown>>();
  /** Transitions in flight (close waits for them) and task invocations in flight (idle waits for them too). */
  const inFlight = new Set<Promise<unknown>>();
  const tasksInFlight = new Set<Promise<unknown>>();
  let closed = false;

  const track = <T>(p: Promise<T>, set = inFlight): Promise<T> => {
    set.add(p);
    p.then(() => set.delete(p), () => set.delete(p));
    return p;
  };

  const loading = new Map<string, Promise<Live | undefined>>();
  /** Compiled plans by definition text: executions of one machine share one plan. */
  const plans = new Map<string, Plan>();
  function planOf(definition: string): Plan {
    let plan = plans.get(definition);
    if (!plan) {
      plan = options.compile(definition);
      if (plans.size >= 500) plans.delete(plans.keys().next().value!);
      plans.set(definition, plan);
    }
    return plan;
  }
  function load(arn: string): Promise<Live | undefined> {
    const existing = live.get(arn);
    if (existing) return Promise.resolve(existing);
    let p = loading.get(arn);
    if (!p) {
      p = loadFromStore(arn).finally(() => loading.delete(arn));
      loading.set(arn, p);
    }
    return p;
  }

  async function loadFromStore(arn: string, closedToo = false): Promise<Live | undefined> {
    const record = await store.getExecution(arn);
    if (!record || (record.status !== "RUNNING" && !closedToo)) return undefined;
    // Two reads: another node may write a snapshot between them (then the log does not follow on: read again).
    for (let attempt = 1; ; attempt++) {
      const snapshot = await store.getSnapshot(arn);
      if (!snapshot) return undefined;
      const log = await store.getReplayLog(arn);
      const entry: Live = {
        record, plan: planOf(record.definition), names: namesOf(record),
        state: deserializeState(snapshot, () => JSON.parse(record.input) as JsonValue),
        replay: { snapshotChars: snapshot.length, logChars: 0, logEntries: log.length },
      };
      if (await replayLog(entry, log)) {
        live.set(arn, entry);
        return entry;
      }
      if (attempt === 3) throw new Error(`The replay log of ${arn} does not follow on from its snapshot`);
    }
  }

  /** Applies the log's transitions again over the snapshot's state; false when an entry does not follow on from the state. */
  async function replayLog(entry: Live, log: readonly string[]): Promise<boolean> {
    for (const text of log) {
      const r = parseReplay(text);
      if (r.after !== (entry.state.transitions ?? 0)) return false;
      entry.replay.logChars += text.length;
      entry.state.transitions = r.after + 1;
      await applyInput(contextOf(entry, r.now, replayingRandom(r.random)), r.input);
    }
    return true;
  }

  function contextOf(entry: Live, now: number, random = options.random): TransitionContext {
    const { record, names, state } = entry;
    let built = entry.executionContext;
    if (built?.redriveCount !== record.redriveCount) {
      const context = {
        Id: record.arn, Input: state.input, StartTime: new Date(state.startTime).toISOString(), Name: record.name, RoleArn: record.roleArn,
        RedriveCount: record.redriveCount,
      };
      entry.executionContext = built = { redriveCount: record.redriveCount, context };
    }
    return {
      plan: entry.plan, names, random, now, state, out: createTransitionOutput(), executionContext: built.context,
      stateMachineContext: { Id: names.stateMachineArn, Name: names.stateMachineName },
    };
  }

  /** Applies one input to one execution, commits it, then carries out what it asked for. */
  function apply(arn: string, input: EngineInput, extras: BatchExtras = {}): Promise<TransitionContext | undefined> {
    const run = async (): Promise<TransitionContext | undefined> => {
      const entry = await load(arn);
      if (!entry) return undefined;
      const previous = entry.state.lastEventId;
      const after = entry.state.transitions ?? 0;
      entry.state.transitions = after + 1;
      // Only a large state may log the transition instead of a snapshot: only then are its random draws noted.
      const draws = logsTransitions(entry.replay) ? [] : undefined;
      const ctx = contextOf(entry, clock.now(), draws ? recordingRandom(random, draws) : random);
      try {
        await applyInput(ctx, input);
        await store.commitTransition(arn, previous, replayOrSnapshotBatch(entry.replay, ctx, input, after, draws, extras));
      } catch (e) {
        // The state in memory went past what the store holds: the next input reloads it from there.
        live.delete(arn);
        throw e;
      }
      afterCommit(entry, ctx);
      return ctx;
    };
    const p = (queues.get(arn) ?? Promise.resolve()).then(run);
    const tail = p.catch(() => undefined);
    queues.set(arn, tail);
    void tail.then(() => {
      if (queues.get(arn) === tail) queues.delete(arn);
    });
    return track(p);
  }

  function afterCommit(entry: Live, ctx: TransitionContext): void {
    const arn = entry.record.arn;
    for (const task of ctx.out.tasks) dispatch(task);
    for (const child of ctx.out.childStarts) startChild(arn, child);
    for (const child of ctx.out.childStops) stopChild(arn, child);
    if (ctx.out.timersAdded.length > 0) timers.poke();
    if (entry.state.status !== "RUNNING") {
      live.delete(arn);
      const { parentExecutionArn, mapRunArn } = entry.record;
      if (parentExecutionArn && mapRunArn) notifyParent(parentExecutionArn, arn, entry.state.status, entry.state.output, entry.state.error, entry.state.cause);
      options.onClosed?.(arn);
    }
  }

  /** Starts a Distributed Map child execution (idempotent: a re-dispatch finds it started). */
  function startChild(parentArn: string, child: ChildStart): void {
    if (closed) return;
    const record: ExecutionRecord = {
      arn: child.arn, stateMachineArn: child.stateMachineArn, name: child.name, status: "RUNNING", input: JSON.stringify(child.input),
      output: undefined, error: undefined, cause: undefined, startDate: clock.now(), stopDate: undefined, definition: child.definition,
      roleArn: child.roleArn, stateMachineVersionArn: undefined, stateMachineAliasArn: undefined, mapRunArn: child.mapRunArn,
      parentExecutionArn: child.parentExecutionArn, redriveCount: 0, redriveDate: undefined, traceHeader: undefined, lastEventId: 0,
    };
    const done = { completedTasks: [`start:${child.arn}`] };
    track((async () => {
      const started = await engine.start({ record, names: namesOf(record) });
      if (!started.created && started.existing.status !== "RUNNING") {
        const e = started.existing;
        notifyParent(parentArn, child.arn, e.status, e.output === undefined ? undefined : JSON.parse(e.output), e.error, e.cause);
      }
      await apply(parentArn, { kind: "outbox-done" }, done);
    })().catch(() => undefined), tasksInFlight);
  }

  function stopChild(parentArn: string, childArn: string): void {
    if (closed) return;
    track(apply(childArn, { kind: "stop", error: "States.Aborted", cause: "The Map Run was aborted" })
      .then(() => apply(parentArn, { kind: "outbox-done" }, { completedTasks: [`stop:${childArn}`] }))
      .catch(() => undefined), tasksInFlight);
  }

  function notifyParent(parentArn: string, childArn: string, status: string, output: JsonValue | undefined, error: string | undefined, cause: string | undefined): void {
    const err = error === undefined ? undefined : { error, ...(cause !== undefined ? { cause } : {}) };
    track(apply(parentArn, { kind: "child-closed", childArn, status, output, error: err }).catch(() => undefined));
  }

  /** After a restart: child executions that closed while their parent did not hear of it. */
  async function reconcileChildren(entry: Live): Promise<void> {
    for (const id in entry.state.frames) {
      const w = entry.state.frames[id]!.waiting;
      if (w?.kind !== "children" || !w.agg.distributed) continue;
      for (const [slot, childArn] of w.agg.children.entries()) {
        if (!childArn || w.agg.settled![slot]) continue;
        const child = await store.getExecution(childArn);
        if (child && child.status !== "RUNNING") {
          notifyParent(entry.record.arn, childArn, child.status, child.output === undefined ? undefined : JSON.parse(child.output), child.error, child.cause);
        }
      }
    }
  }

  /** Makes a Task's call; its answer is the execution's next input. `fromOutboxTable`: an entry a store written by an earlier version kept. */
  function dispatch(task: TaskDispatch, fromOutboxTable = false): void {
    if (closed) return;
    const executionArn = task.executionArn;
    const call = options.invokeTask(task);
    const callback = task.taskToken !== undefined;
    const done: BatchExtras = fromOutboxTable ? { completedTasks: [task.taskId] } : {};
    track(call.then(
      (result) => {
        if (closed) return undefined;
        // A callback task's call only hands out the token: once it returned, it must not run again
        // after a restart (the token stays until SendTaskSuccess/Failure answers it).
        return callback
          ? apply(executionArn, { kind: "task-handed-out", taskId: task.taskId }, done)
          : apply(executionArn, { kind: "task-succeeded", taskId: task.taskId, result }, done);
      },
      (e) => (closed ? undefined : apply(executionArn, { kind: "task-failed", taskId: task.taskId, error: toAslError(e) }, done)),
    ).catch(() => undefined), tasksInFlight);
  }

  const timers: TimerLoop = createTimerLoop(store, clock, options.maxTimerSleepMs ?? 1000, async (timer) => {
    const { timerId } = JSON.parse(timer.payload) as { timerId: string };
    await apply(timer.executionArn, { kind: "timer", timerId }, { firedTimer: timerId });
  });

  async function byToken(token: string, input: (taskId: string) => EngineInput): Promise<boolean> {
    const record = await store.getTaskToken(token);
    if (!record) return false;
    const { taskId } = JSON.parse(record.payload) as { taskId: string };
    await apply(record.executionArn, input(taskId));
    return true;
  }

  const engine: Engine = {
    async start({ record, names }) {
      const plan = planOf(record.definition);
      const state = createExecutionState(JSON.parse(record.input) as JsonValue, record.startDate);
      const entry: Live = { record, plan, names, state, replay: { snapshotChars: 0, logChars: 0, logEntries: 0 } };
      const ctx = contextOf(entry, clock.now());
      await applyInput(ctx, { kind: "start" });
      const batch = toBatch(record.arn, ctx, state);
      entry.replay.snapshotChars = batch.snapshot!.length;
      const result = await store.createExecution({ ...record, ...(batch.execution ?? {}) } as ExecutionRecord, batch);
      if (!result.created) return result;
      if (state.status === "RUNNING") live.set(record.arn, entry);
      afterCommit(entry, ctx);
      return result;
    },
    async stop(arn, error, cause) {
      await apply(arn, { kind: "stop", error, cause });
    },
    async redrive(arn) {
      if (!live.has(arn)) {
        const entry = await loadFromStore(arn, true);
        if (!entry) return false;
        live.set(arn, entry);
      }
      await apply(arn, { kind: "redrive" });
      return true;
    },
    sendTaskSuccess: (token, output) => byToken(token, (taskId) => ({ kind: "task-succeeded", taskId, result: output })),
    sendTaskFailure: (token, error, cause) =>
      byToken(token, (taskId) => ({ kind: "task-failed", taskId, error: { error: error ?? "", ...(cause !== undefined ? { cause } : {}) } })),
    async mapRunLimits(executionArn, mapRunArn) {
      const entry = await load(executionArn);
      if (!entry) return undefined;
      for (const frame of Object.values(entry.state.frames)) {
        const w = frame.waiting;
        if (w?.kind === "children" && w.agg.mapRunArn === mapRunArn) {
          return { maxConcurrency: w.agg.limit, toleratedFailureCount: w.agg.toleratedCount, toleratedFailurePercentage: w.agg.toleratedPercentage };
        }
      }
      return undefined;
    },
    async updateMapRun(executionArn, mapRunArn, update) {
      const ctx = await apply(executionArn, { kind: "update-map-run", mapRunArn, ...update });
      return ctx?.mapRunUpdated === true;
    },
    async activityStarted(token, workerName) {
      const record = await store.getTaskToken(token);
      if (!record) return;
      const { taskId } = JSON.parse(record.payload) as { taskId: string };
      await apply(record.executionArn, { kind: "activity-started", taskId, workerName });
    },
    async sendTaskHeartbeat(token) {
      const record = await store.getTaskToken(token);
      if (!record) return false;
      const { taskId } = JSON.parse(record.payload) as { taskId: string };
      await apply(record.executionArn, { kind: "heartbeat", taskId });
      return true;
    },
    async resume() {
      for (let after: string | undefined, first = true; first || after; first = false) {
        const page = await store.listOpenExecutions({ limit: 500, after });
        for (const record of page.items) await load(record.arn);
        after = page.next;
      }
      // Task entries are found only in stores written by an earlier version (now the state says which calls are pending).
      const calledFromTable = new Set<string>();
      for (let more = true; more; ) {
        const outbox = await store.listOutbox(1000);
        more = false;
        for (const item of outbox) {
          const entry = await load(item.executionArn);
          if (!entry) continue;
          if (item.kind === "child-start") startChild(item.executionArn, JSON.parse(item.payload) as ChildStart);
          else if (item.kind === "child-stop") stopChild(item.executionArn, JSON.parse(item.payload) as string);
          else {
            const task: TaskDispatch = { ...(JSON.parse(item.payload) as Omit<TaskDispatch, "executionArn">), executionArn: item.executionArn };
            calledFromTable.add(`${item.executionArn}|${task.taskId}`);
            const waiting = findWaitingFrame(entry.state, task.taskId, (w) => w.kind === "task" && w.taskId === task.taskId)?.waiting;
            // An entry whose task was answered meanwhile (a callback's token) only goes away.
            if (waiting?.kind === "task" && !waiting.handedOut) dispatch(task, true);
            else track(apply(item.executionArn, { kind: "outbox-done" }, { completedTasks: [task.taskId] }).catch(() => undefined));
          }
        }
      }
      for (const entry of [...live.values()]) {
        const arn = entry.record.arn;
        for (const task of pendingTasks(contextOf(entry, clock.now()))) {
          if (!calledFromTable.has(`${arn}|${task.taskId}`)) dispatch(task);
        }
      }
      for (const entry of [...live.values()]) await reconcileChildren(entry);
      timers.start();
    },
    async idle() {
      while (inFlight.size > 0 || tasksInFlight.size > 0) await Promise.allSettled([...inFlight, ...tasksInFlight]);
    },
    async close() {
      closed = true;
      timers.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
  return engine;
}
