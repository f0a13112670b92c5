/** @module Test support: an engine over a store with a virtual clock and in-process task handlers. */
import type { JsonValue } from "../shared/json.js";
import { createVirtualClock, type VirtualClock } from "../shared/virtual-clock.js";
import { compilePlan, toAslError, type Random } from "../asl/index.js";
import type { ExecutionRecord, Store } from "../store/index.js";
import { createEngine, type Engine } from "./engine.js";
import type { ExecutionNames, TaskDispatch } from "./transition-context.js";

export type TestHandler = (input: JsonValue, task: TaskDispatch) => JsonValue | Promise<JsonValue>;

export interface TestEngine {
  readonly engine: Engine;
  readonly clock: VirtualClock;
  readonly calls: TaskDispatch[];
}

let counter = 0;
/** A deterministic Random (UUIDs count up, floats cycle). */
export function createTestRandom(): Random {
  let n = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    float: () => ((n = (n * 9301 + 49297) % 233280) / 233280),
  };
}

export function createTestEngine(
  store: Store, handlers: Record<string, TestHandler>, clock = createVirtualClock(Date.UTC(2026, 0, 1)), random = createTestRandom(),
): TestEngine {
  const calls: TaskDispatch[] = [];
  const engine = createEngine({
    store,
    clock,
    random,
    maxTimerSleepMs: 24 * 3600_000,
    compile: (definition) => compilePlan(JSON.parse(definition)),
    invokeTask: (task) => {
      calls.push(task);
      const handler = handlers[task.resource];
      if (!handler) return Promise.reject(Object.assign(new Error(`no handler for ${task.resource}`), { name: "States.TaskFailed" }));
      return clock.track(Promise.resolve().then(() => handler(task.input, task)).catch((e) => Promise.reject(toAslError(e))));
    },
  });
  return { engine, clock, calls };
}

/** An execution record ready for engine.start, with names derived from a machine name. */
export function newExecution(definition: unknown, input: JsonValue = {}, name = `exec-${++counter}`, startDate = Date.UTC(2026, 0, 1)): { record: ExecutionRecord; names: ExecutionNames } {
  const stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Machine";
  const arn = `arn:aws:states:us-east-1:123456789012:execution:Machine:${name}`;
  const roleArn = "arn:aws:iam::123456789012:role/Role";
  return {
    record: {
      arn, stateMachineArn, name, status: "RUNNING", input: JSON.stringify(input), output: undefined, error: undefined, cause: undefined,
      startDate, stopDate: undefined, definition: JSON.stringify(definition), roleArn, stateMachineVersionArn: undefined,
      stateMachineAliasArn: undefined, mapRunArn: undefined, parentExecutionArn: undefined, redriveCount: 0, redriveDate: undefined,
      traceHeader: undefined, lastEventId: 0,
    },
    names: {
      executionArn: arn, executionName: name, stateMachineArn, stateMachineName: "Machine", roleArn,
      region: "us-east-1", accountId: "123456789012", partition: "aws",
    },
  };
}

/** Waits until the execution is no longer RUNNING (the virtual clock jumps to due timers meanwhile). */
export async function waitForEnd(store: Store, arn: string, maxTicks = 1_000_000): Promise<ExecutionRecord> {
  for (let i = 0; i < maxTicks; i++) {
    const record = await store.getExecution(arn);
    if (record && record.status !== "RUNNING") return record;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`execution ${arn} did not end`);
}
