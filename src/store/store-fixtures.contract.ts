/** @module Records and helpers for the store contract suite. */
import type { EventRecord, ExecutionRecord, Page, StateMachineRecord, TransitionBatch } from "./records.js";
import type { Store } from "./store.js";

export const T0 = 1_700_000_000_000;
const PREFIX = "arn:aws:states:us-east-1:123456789012";

/** The store of the running test (each test gets a fresh, empty one). */
export type CurrentStore = () => Store;

export const machineArn = (name: string): string => `${PREFIX}:stateMachine:${name}`;
export const executionArn = (machine: string, name: string): string => `${PREFIX}:execution:${machine}:${name}`;
export const activityArn = (name: string): string => `${PREFIX}:activity:${name}`;

export function machine(name: string, overrides: Partial<StateMachineRecord> = {}): StateMachineRecord {
  return {
    arn: machineArn(name), name, type: "STANDARD", definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
    roleArn: `arn:aws:iam::123456789012:role/${name}`, creationDate: T0, updateDate: T0, revisionId: `${name}-r1`,
    description: undefined, loggingConfiguration: undefined, tracingConfiguration: undefined, status: "ACTIVE", ...overrides,
  };
}

export function execution(machineName: string, name: string, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    arn: executionArn(machineName, name), stateMachineArn: machineArn(machineName), name, status: "RUNNING",
    input: JSON.stringify({ name }), output: undefined, error: undefined, cause: undefined, startDate: T0, stopDate: undefined,
    definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","Comment":"${machineName}","End":true}}}`,
    roleArn: "arn:aws:iam::123456789012:role/run", stateMachineVersionArn: undefined, stateMachineAliasArn: undefined,
    mapRunArn: undefined, parentExecutionArn: undefined, redriveCount: 0, redriveDate: undefined, traceHeader: undefined,
    lastEventId: 1, ...overrides,
  };
}

/** `count` events of `arn` with ids from `from` on, each pointing at the one before. */
export function events(arn: string, from: number, count: number, type = "PassStateEntered"): EventRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    executionArn: arn, id: from + i, previousEventId: from + i - 1, type: from + i === 1 ? "ExecutionStarted" : type,
    timestamp: T0 + from + i, details: JSON.stringify({ n: from + i }),
  }));
}

/** The first transition of an execution: ExecutionStarted and a snapshot. */
export const startBatch = (arn: string, extra: Partial<TransitionBatch> = {}): TransitionBatch => ({
  events: events(arn, 1, 1), snapshot: JSON.stringify({ at: 1 }), ...extra,
});

/** Creates the execution (its first batch: one event) and returns its record. */
export async function start(store: Store, record: ExecutionRecord, extra: Partial<TransitionBatch> = {}): Promise<ExecutionRecord> {
  const result = await store.createExecution(record, startBatch(record.arn, extra));
  if (!result.created) throw new Error(`${record.arn} existed`);
  return record;
}

/** Every item, following `next` cursors; fails on a repeated item (a page overlap). */
export async function allPages<T>(fetch: (after: string | undefined) => Promise<Page<T>>, id: (item: T) => string | number): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string | number>();
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await fetch(after);
    for (const item of page.items) {
      if (seen.has(id(item))) throw new Error(`item ${id(item)} came twice`);
      seen.add(id(item));
      items.push(item);
    }
    if (page.next === undefined) return items;
    after = page.next;
  }
  throw new Error("pagination does not end");
}
