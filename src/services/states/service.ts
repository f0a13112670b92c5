/** @module createStatesService: the Step Functions operation table over the store, the engine and the runner. */
import type { OperationTable } from "../operations.js";
import type { StatesServiceDeps } from "./deps.js";
import { createContext } from "./context.js";
import { createTaskInvoker } from "./task-invoker.js";
import { startExecution } from "./start-execution.js";
import { stateMachineOperations } from "./state-machines.js";
import { versionOperations } from "./versions.js";
import { aliasOperations } from "./aliases.js";
import { tagOperations } from "./tags.js";
import { executionOperations } from "./executions.js";
import { historyOperations } from "./history.js";
import { callbackOperations } from "./callbacks.js";
import { activityOperations } from "./activities.js";
import { validateOperations } from "./validate.js";
import { mapRunOperations } from "./map-runs.js";
import { testStateOperations } from "./test-state.js";
import type { ExecutionView } from "./runtime.js";

/**
 * The Step Functions control plane. Pass the `tasks` the engine was created with (createTaskInvoker)
 * so mocked Standard runs and nested executions work; the service binds itself to it.
 */
export function createStatesService(deps: StatesServiceDeps): OperationTable {
  const tasks = deps.tasks ?? createTaskInvoker(deps.handlers ? { handlers: deps.handlers } : {});
  const ctx = createContext(deps, tasks.runtime);
  tasks.runtime.engine = deps.engine;
  tasks.runtime.starter = {
    start: (request) => startExecution(ctx, { ...request, adopt: true }),
    // Only Standard children are described: an Express child's caller holds its `finished`.
    describe: (arn): Promise<ExecutionView | undefined> => ctx.store.getExecution(arn),
  };
  return {
    ...stateMachineOperations(ctx),
    ...versionOperations(ctx),
    ...aliasOperations(ctx),
    ...tagOperations(ctx),
    ...executionOperations(ctx),
    ...historyOperations(ctx),
    ...callbackOperations(ctx),
    ...activityOperations(ctx),
    ...validateOperations(),
    ...mapRunOperations(ctx),
    ...testStateOperations(ctx),
  };
}
