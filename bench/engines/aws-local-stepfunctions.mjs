/**
 * @module aws-local-stepfunctions 3 (the in-process peer) as a benchmark engine. Its Task states call
 * Promise.withResolvers (missing in Node 20: polyfilled). Task handlers go through its
 * `taskResourceLocalHandlers` override, which is keyed by state name; Retry and Wait pauses are
 * overridden to 0 ms (`retryIntervalOverrides`, `waitTimeOverrides`) when the workload says zeroDelays.
 */
import "../lib/polyfills.mjs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../lib/paths.mjs";

export const name = "aws-local-stepfunctions";
export const label = "aws-local-stepfunctions";
export const supports = () => true;

export function version() {
  const pkg = join(ROOT, "node_modules", "aws-local-stepfunctions", "package.json");
  return JSON.parse(readFileSync(pkg, "utf8")).version;
}

/** Every state of the definition with its name, nested Parallel branches and Map processors included. */
function* allStates(machine) {
  for (const [stateName, state] of Object.entries(machine.States ?? {})) {
    yield [stateName, state];
    for (const branch of state.Branches ?? []) yield* allStates(branch);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) yield* allStates(processor);
  }
}

export async function prepare(workload) {
  const { StateMachine, ExecutionError } = await import("aws-local-stepfunctions");
  const machine = new StateMachine(workload.definition);
  const taskResources = {};
  const zeroRetry = {};
  const zeroWait = {};
  for (const [stateName, state] of allStates(workload.definition)) {
    if (state.Type === "Task") {
      if (stateName in taskResources && taskResources[stateName] !== state.Resource) {
        throw new Error(`Task state name '${stateName}' is used for two resources: the peer's overrides are keyed by state name`);
      }
      taskResources[stateName] = state.Resource;
    }
    if (state.Retry) zeroRetry[stateName] = 0;
    if (state.Type === "Wait") zeroWait[stateName] = 0;
  }
  return {
    bind(handlers) {
      const local = {};
      for (const [stateName, resource] of Object.entries(taskResources)) {
        const handler = handlers[resource];
        if (handler) local[stateName] = (input) => handler(input);
      }
      const overrides = { taskResourceLocalHandlers: local };
      if (workload.zeroDelays) {
        overrides.retryIntervalOverrides = zeroRetry;
        overrides.waitTimeOverrides = zeroWait;
      }
      const options = { overrides };
      return async (input) => {
        try {
          return { status: "SUCCEEDED", output: await machine.run(input, options).result };
        } catch (e) {
          if (e instanceof ExecutionError) return { status: "FAILED", error: e.cause?.name, cause: e.cause?.message };
          if (e?.name === "ExecutionTimeoutError") return { status: "TIMED_OUT" };
          if (e?.name === "ExecutionAbortedError") return { status: "ABORTED" };
          throw e;
        }
      };
    },
  };
}
