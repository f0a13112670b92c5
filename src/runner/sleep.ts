/** @module Sleeping on the run's clock without passing the execution's deadline, stopping with the branch. */
import type { Execution } from "./execution.js";
import type { StopSignal } from "../shared/clock.js";
import { BranchStopped, ExecutionTimeout } from "./branch.js";

/**
 * Waits until `at` (ms since the epoch). Throws ExecutionTimeout if the deadline comes first, and
 * BranchStopped if `signal` aborts first.
 */
export async function sleepUntil(exec: Execution, at: number, signal?: StopSignal): Promise<void> {
  if (signal?.aborted) throw new BranchStopped();
  const deadlineFirst = exec.deadline !== undefined && at >= exec.deadline;
  await exec.clock.sleepUntil(deadlineFirst ? exec.deadline! : at, signal);
  if (signal?.aborted) throw new BranchStopped();
  if (deadlineFirst) throw new ExecutionTimeout();
}
