/** @module Stepwise's in-process library as a benchmark engine: compile once, run many times. */
import { existsSync } from "node:fs";
import { DIST_INDEX, importFile } from "../lib/paths.mjs";

export const name = "stepwise";
export const label = "Stepwise";
export const supports = () => true;

async function library() {
  if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: build first (npm run build)`);
  return importFile(DIST_INDEX);
}

/**
 * Compiles the workload's definition once. `bind(handlers)` gives `runOne(input)` →
 * `{ status, output, error, cause }`: virtual clock, no history, zero delays when the workload asks.
 */
export async function prepare(workload, { history = false } = {}) {
  const { compileStateMachine } = await library();
  const compiled = compileStateMachine(workload.definition);
  if (!compiled.ok) {
    throw new Error(`Stepwise rejected the definition: ${JSON.stringify(compiled.diagnostics.slice(0, 3))}`);
  }
  const { machine } = compiled;
  const zero = workload.zeroDelays;
  return {
    bind(handlers) {
      const options = { handlers, clock: "virtual", history, zeroRetryDelays: zero, zeroWaits: zero };
      return (input) => machine.run(input, options);
    },
  };
}

/** Runs the workload once with history on and counts `*StateEntered` events (all executions). */
export async function countStatesEntered(workload, makeTaskHandlers) {
  const engine = await prepare(workload, { history: true });
  const { handlers } = makeTaskHandlers(workload);
  const runOne = engine.bind(handlers);
  let entered = 0;
  for (const input of structuredClone(workload.runs.inputs)) {
    const r = await runOne(input);
    for (const e of r.history ?? []) if (e.type.endsWith("StateEntered")) entered++;
  }
  return entered;
}
