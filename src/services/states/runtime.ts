/** @module State shared by the control plane and the engine's task invoker: mocked runs, nested-execution waiters. */
import type { JsonValue } from "../../shared/json.js";
import type { Engine, TaskDispatch } from "../../engine/index.js";
import type { MockInvoker } from "../../mocking/index.js";

/** An execution as the task invoker and nested `.sync` tasks see it (Standard from the store, Express from its run's `finished`). */
export interface ExecutionView {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly input: string;
  readonly output: string | undefined;
  readonly error: string | undefined;
  readonly cause: string | undefined;
  readonly startDate: number;
  readonly stopDate: number | undefined;
}

export interface NestedStartRequest {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly traceHeader: string | undefined;
  readonly parentExecutionArn: string;
}

export interface StartedExecution {
  readonly executionArn: string;
  readonly startDate: number;
  /** Express executions: settles with the closed execution. */
  readonly finished?: Promise<ExecutionView>;
}

/** StartExecution's logic, as the task invoker needs it for `states:startExecution` tasks. */
export interface ExecutionStarter {
  /** Starts (or, same name and input, finds again) a child execution. */
  start(request: NestedStartRequest): Promise<StartedExecution>;
  describe(executionArn: string): Promise<ExecutionView | undefined>;
}

export type InvokeRequest = TaskDispatch;

export interface StatesRuntime {
  /**
   * executionArn → the mock invoker of its `#TestCase` run. In memory only: after a restart, open
   * mocked Standard executions lose their mocks and their remaining tasks run for real.
   */
  readonly mocks: Map<string, MockInvoker>;
  /** executionArn → callbacks to run when the (Standard) execution closes. */
  readonly closeWaiters: Map<string, Set<() => void>>;
  /** Carries out one task (mocks, nested executions, handlers, fallback). */
  readonly invoke: (task: InvokeRequest) => Promise<JsonValue>;
  engine: Engine | undefined;
  starter: ExecutionStarter | undefined;
}

/** Resolves once `executionArn` closes; `isClosed` is checked after registering, so no close is missed. */
export async function waitForClose(runtime: StatesRuntime, executionArn: string, isClosed: () => Promise<boolean>): Promise<void> {
  let release!: () => void;
  const closed = new Promise<void>((resolve) => (release = resolve));
  let set = runtime.closeWaiters.get(executionArn);
  if (!set) runtime.closeWaiters.set(executionArn, (set = new Set()));
  set.add(release);
  try {
    if (await isClosed()) return;
    await closed;
  } finally {
    set.delete(release);
    if (set.size === 0 && runtime.closeWaiters.get(executionArn) === set) runtime.closeWaiters.delete(executionArn);
  }
}
