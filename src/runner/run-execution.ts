/** @module One execution from ExecutionStarted to its terminal event. */
import type { JsonValue } from "../shared/json.js";
import { createVariableFrame, type Plan } from "../asl/index.js";
import { PayloadDetails } from "../history/index.js";
import type { RunOptions, RunResult } from "./types.js";
import { createExecution, type Execution } from "./execution.js";
import { ExecutionTimeout, type BranchResult } from "./branch.js";
import { ENDED } from "./stop.js";
import { runBranch } from "./run-branch.js";
import { errorDetails } from "../history/index.js";

/**
 * A bug inside the run ends it FAILED with States.Runtime; options or an input that cannot start a
 * run (an input JSON cannot encode, with history on) reject, as they did from an async function.
 */
export function runExecution(plan: Plan, input: JsonValue, options: RunOptions): Promise<RunResult> {
  let exec: Execution;
  try {
    exec = createExecution(input, options, earliest(plan.timeoutSeconds, options.maxDurationSeconds));
    const history = exec.history;
    history.add("ExecutionStarted", 0, exec.startTime, history.recording
      ? { executionStartedEventDetails: { input: JSON.stringify(input), inputDetails: PayloadDetails, roleArn: exec.names.roleArn } }
      : undefined);
  } catch (e) {
    return Promise.reject(e);
  }
  // Callbacks rather than an async function: one promise and one hop fewer for every execution.
  return runBranch({ exec, plan, variables: createVariableFrame(), signal: exec.stop }, input, 0).then(
    (result) => {
      try {
        return closeExecution(exec, result);
      } catch (e) {
        return closeWithError(exec, e);
      } finally {
        // Branches still running (beside a timed-out one) stop at once.
        exec.stop.abort(ENDED);
      }
    },
    (e: unknown) => {
      try {
        return closeWithError(exec, e);
      } finally {
        exec.stop.abort(ENDED);
      }
    },
  );
}

function closeExecution(exec: Execution, result: BranchResult): RunResult {
  const history = exec.history;
  exec.stopped = true;
  if (result.ok) {
    history.add("ExecutionSucceeded", result.lastEventId, exec.clock.now(), history.recording
      ? { executionSucceededEventDetails: { output: JSON.stringify(result.output), outputDetails: PayloadDetails } }
      : undefined);
    return ended(exec, { status: "SUCCEEDED", output: result.output, startDate: exec.startTime, stopDate: exec.clock.now() });
  }
  const { error, cause } = result.error;
  history.add("ExecutionFailed", result.lastEventId, exec.clock.now(), history.recording
    ? { executionFailedEventDetails: errorDetails(error, cause) }
    : undefined);
  const failed: Mutable<RunResult> = { status: "FAILED", startDate: exec.startTime, stopDate: exec.clock.now() };
  if (error !== undefined) failed.error = error;
  if (cause !== undefined) failed.cause = cause;
  return ended(exec, failed);
}

/** The run ended by a timeout (ExecutionTimeout) or by a bug (States.Runtime, as AWS reports its own). */
function closeWithError(exec: Execution, e: unknown): RunResult {
  const history = exec.history;
  exec.stopped = true;
  if (e instanceof ExecutionTimeout) {
    history.add("ExecutionTimedOut", history.lastId, exec.clock.now());
    return ended(exec, { status: "TIMED_OUT", startDate: exec.startTime, stopDate: exec.clock.now() });
  }
  const cause = e instanceof Error ? e.message : String(e);
  history.add("ExecutionFailed", history.lastId, exec.clock.now(), history.recording
    ? { executionFailedEventDetails: { error: "States.Runtime", cause } }
    : undefined);
  return ended(exec, { status: "FAILED", error: "States.Runtime", cause, startDate: exec.startTime, stopDate: exec.clock.now() });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The result with the history when it was recorded (without, the result has no `history` key at all).
 * Built field by field: spreading a base object into each result cost more than the rest of a short run.
 */
function ended(exec: Execution, result: Mutable<RunResult>): RunResult {
  const events = exec.history.events;
  if (events) result.history = events;
  return result;
}

const earliest = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
