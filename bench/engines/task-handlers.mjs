/**
 * @module A floor for workloads with Task states: the workload's own task handlers, called with the
 * same inputs in the same order and nothing else (no engine). Stepwise runs the workload once to
 * record, per execution, the input of every task call; a run replays them (each execution's calls in
 * order, executions with the workload's concurrency). No engine can be faster than its handlers, so
 * peer time / this time bounds the ratio any engine can reach against the peer.
 */
import * as stepwise from "./stepwise.mjs";
import { loadWorkload } from "../lib/workloads.mjs";

export const name = "task-handlers";
export const label = "task handlers alone (floor)";
/** Its runs produce no outputs: only the task-call count is checked. */
export const checksOutputs = false;
export const supports = (workload) => loadWorkload(workload.name).tasks !== undefined;

export async function prepare(workload, { makeTaskHandlers }) {
  const calls = await recordCalls(workload, makeTaskHandlers);
  return {
    bind(handlers) {
      let next = 0;
      return async () => {
        for (const { resource, input } of calls[next++]) {
          try {
            await handlers[resource](input);
          } catch {
            // A failing call is part of the workload (Retry/Catch): its cost is the throw.
          }
        }
        return {};
      };
    },
  };
}

/** Runs the workload through Stepwise once (one execution at a time, one set of handlers as a run has) and keeps each execution's task calls. */
async function recordCalls(workload, makeTaskHandlers) {
  const engine = await stepwise.prepare(workload);
  const { handlers } = makeTaskHandlers(workload);
  let calls;
  const recording = Object.fromEntries(Object.entries(handlers).map(([resource, handler]) => [
    resource,
    (event, request) => {
      calls.push({ resource, input: structuredClone(event) });
      return handler(event, request);
    },
  ]));
  const runOne = engine.bind(recording);
  const perExecution = [];
  for (const input of structuredClone(workload.runs.inputs)) {
    calls = [];
    await runOne(input);
    perExecution.push(calls);
  }
  return perExecution;
}
