/** @module The engine's invokeTask for the server: mocked runs, nested executions, in-process handlers, then a fallback. */
import type { JsonValue } from "../../shared/json.js";
import type { TaskInvoker } from "../../engine/index.js";
import type { TaskHandler, TaskRequest } from "../../runner/index.js";
import { StatesError } from "../../asl/index.js";
import { isNestedResource, runNestedExecution } from "./nested.js";
import type { InvokeRequest, StatesRuntime } from "./runtime.js";

export interface TaskInvokerOptions {
  /** In-process handlers keyed by Resource (the server's --tasks option). */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  /** Carries out resources nothing here knows (e.g. Lambda, once that service exists). */
  readonly fallback?: TaskInvoker;
}

export interface StatesTaskInvoker {
  /** Give to createEngine as `invokeTask`. */
  readonly invokeTask: TaskInvoker;
  /** Give to createEngine as `onClosed` (or call it from there): finishes `.sync` parents, forgets mocks. */
  readonly onClosed: (executionArn: string) => void;
  /** Shared with createStatesService (pass this object as its `tasks`). */
  readonly runtime: StatesRuntime;
}

/**
 * Composition: `const tasks = createTaskInvoker({ handlers })`, then `createEngine({ ..., invokeTask:
 * tasks.invokeTask, onClosed: tasks.onClosed })`, then `createStatesService({ ..., engine, tasks })`.
 * Nested `states:startExecution` tasks need the service: until it is created they fail.
 */
export function createTaskInvoker(options: TaskInvokerOptions = {}): StatesTaskInvoker {
  const runtime: StatesRuntime = {
    mocks: new Map(),
    closeWaiters: new Map(),
    invoke: (task) => invoke(runtime, options, task),
    engine: undefined,
    starter: undefined,
  };
  return {
    invokeTask: runtime.invoke,
    onClosed(executionArn) {
      runtime.mocks.delete(executionArn);
      const waiters = runtime.closeWaiters.get(executionArn);
      if (waiters) for (const release of [...waiters]) release();
    },
    runtime,
  };
}

async function invoke(runtime: StatesRuntime, options: TaskInvokerOptions, task: InvokeRequest): Promise<JsonValue> {
  const request = toRequest(task);
  const mock = runtime.mocks.get(task.executionArn);
  if (mock) {
    const mocked = await mock(request);
    if (mocked !== undefined) {
      // A callback task's result comes with its token: deliver the mocked response that way.
      if (task.taskToken !== undefined && runtime.engine) await runtime.engine.sendTaskSuccess(task.taskToken, mocked);
      return mocked;
    }
  }
  if (isNestedResource(task.resource)) return runNestedExecution(runtime, task);
  const handler = options.handlers?.[task.resource];
  if (handler) return handler(request.input, request);
  if (options.fallback) return options.fallback(task);
  throw Object.assign(new Error(`No handler is registered for the resource '${task.resource}'.`), { name: StatesError.TaskFailed });
}

const toRequest = (task: InvokeRequest): TaskRequest => ({
  resource: task.resource, input: task.input, stateName: task.stateName, context: task.context, retryCount: task.retryCount,
  timeoutSeconds: task.timeoutSeconds, heartbeatSeconds: task.heartbeatSeconds, taskToken: task.taskToken,
});
