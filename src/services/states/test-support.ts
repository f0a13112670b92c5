/** @module Test support: the service over a real in-memory store and a real engine, with a manual clock. */
import type { JsonValue } from "../../shared/json.js";
import type { Clock } from "../../shared/clock.js";
import { compilePlan, type Random } from "../../asl/index.js";
import { openStore, type Store } from "../../store/index.js";
import { createEngine, type Engine } from "../../engine/index.js";
import type { MockConfig } from "../../mocking/index.js";
import type { TaskHandler } from "../../runner/index.js";
import type { TaskInvoker } from "../../engine/index.js";
import type { CallContext, OperationTable } from "../operations.js";
import { createStatesService } from "./service.js";
import { createTaskInvoker, type StatesTaskInvoker } from "./task-invoker.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/StepFunctionsRole`;
export const T0 = Date.UTC(2026, 0, 1);

/** Time moves only when the test says so. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function createManualClock(start = T0): ManualClock {
  let now = start;
  const sleepers = new Set<{ at: number; wake: () => void }>();
  return {
    now: () => now,
    sleepUntil(at, signal) {
      if (at <= now || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const sleeper = { at, wake: () => (sleepers.delete(sleeper), resolve()) };
        sleepers.add(sleeper);
        signal?.addEventListener("abort", sleeper.wake, { once: true });
      });
    },
    advance(ms) {
      now += ms;
      for (const s of [...sleepers]) if (s.at <= now) s.wake();
    },
  };
}

/** UUIDs count up; floats come from `floats` (then 0). */
export function createTestRandom(floats: number[] = []): Random & { floats: number[] } {
  let n = 0;
  return {
    floats,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    float: () => floats.shift() ?? 0,
  };
}

export interface Harness {
  readonly store: Store;
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly random: ReturnType<typeof createTestRandom>;
  readonly ops: OperationTable;
  /** The task invoker the engine and the service share. */
  readonly tasks: StatesTaskInvoker;
  /** Calls as us-east-1 / ACCOUNT unless `caller` says otherwise (region, signal...). */
  call(operation: string, input?: Record<string, unknown>, caller?: Partial<CallContext>): Promise<Record<string, unknown>>;
  /** Creates a state machine and returns its ARN. */
  machine(name: string, definition: unknown, extra?: Record<string, unknown>): Promise<string>;
  /** Waits for in-flight transitions and tasks. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly handlers?: Record<string, TaskHandler>;
  readonly mockConfig?: MockConfig;
  readonly fallback?: TaskInvoker;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = await openStore(":memory:");
  const clock = createManualClock();
  const random = createTestRandom();
  const tasks = createTaskInvoker({ ...(options.handlers ? { handlers: options.handlers } : {}), ...(options.fallback ? { fallback: options.fallback } : {}) });
  const engine = createEngine({
    store, clock, random, invokeTask: tasks.invokeTask, onClosed: tasks.onClosed, maxTimerSleepMs: 3_600_000,
    compile: (definition) => compilePlan(JSON.parse(definition)),
  });
  const ops = createStatesService({
    store, engine, clock, random, accountId: ACCOUNT, region: REGION, tasks,
    mockConfig: () => options.mockConfig, activityPollMs: { min: 1000, max: 1000 },
  });
  const call = (operation: string, input: Record<string, unknown> = {}, caller: Partial<CallContext> = {}) => {
    const op = ops[operation];
    if (!op) throw new Error(`no operation ${operation}`);
    return op(input, { accountId: ACCOUNT, region: REGION, requestId: "req-1", ...caller });
  };
  return {
    store, engine, clock, random, ops, tasks, call,
    async machine(name, definition, extra = {}) {
      const out = await call("CreateStateMachine", { name, definition: JSON.stringify(definition), roleArn: ROLE, ...extra });
      return out.stateMachineArn as string;
    },
    idle: () => engine.idle(),
    async close() {
      await engine.close();
      await store.close();
    },
  };
}

/** A one-state machine. */
export const passMachine = (result: JsonValue = { ok: true }) => ({ StartAt: "P", States: { P: { Type: "Pass", Result: result, End: true } } });

export const taskMachine = (resource: string, extra: Record<string, unknown> = {}) => ({
  StartAt: "T", States: { T: { Type: "Task", Resource: resource, End: true, ...extra } },
});

export const smArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
export const execArn = (machine: string, name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machine}:${name}`;
