/** @module Sleeping on the run's clock without passing the execution's deadline. */
import type { Execution } from "./execution.js";
import { ExecutionTimeout } from "./branch.js";

/** Waits until `at` (ms since the epoch); throws ExecutionTimeout if the deadline comes first. */
export async function sleepUntil(exec: Execution, at: number): Promise<void> {
  if (exec.deadline !== undefined && at >= exec.deadline) {
    await exec.clock.sleepUntil(exec.deadline);
    throw new ExecutionTimeout();
  }
  await exec.clock.sleepUntil(at);
}
