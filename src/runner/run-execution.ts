/** @module One execution from ExecutionStarted to its terminal event. */
import type { JsonValue } from "../shared/json.js";
import { createVariableFrame, type Plan } from "../asl/index.js";
import { PayloadDetails } from "../history/index.js";
import type { RunOptions, RunResult } from "./types.js";
import { createExecution } from "./execution.js";
import { ExecutionTimeout } from "./branch.js";
import { ENDED, StopController } from "./stop.js";
import { runBranch } from "./run-branch.js";
import { errorDetails } from "../history/index.js";

export async function runExecution(plan: Plan, input: JsonValue, options: RunOptions): Promise<RunResult> {
  const exec = createExecution(input, options, earliest(plan.timeoutSeconds, options.maxDurationSeconds));
  const history = exec.history;
  history.add("ExecutionStarted", 0, exec.startTime, history.recording
    ? { executionStartedEventDetails: { input: JSON.stringify(input), inputDetails: PayloadDetails, roleArn: exec.names.roleArn } }
    : undefined);
  // Without history the result has no `history` key at all.
  const base = history.events ? { startDate: exec.startTime, history: history.events } : { startDate: exec.startTime };
  // Aborted when the execution ends: branches still running (beside a timed-out one) stop at once.
  const stop = new StopController();
  try {
    const result = await runBranch({ exec, plan, variables: createVariableFrame(), signal: stop.signal }, input, 0);
    exec.stopped = true;
    if (result.ok) {
      history.add("ExecutionSucceeded", result.lastEventId, exec.clock.now(), history.recording
        ? { executionSucceededEventDetails: { output: JSON.stringify(result.output), outputDetails: PayloadDetails } }
        : undefined);
      return { ...base, status: "SUCCEEDED", output: result.output, stopDate: exec.clock.now() };
    }
    const { error, cause } = result.error;
    history.add("ExecutionFailed", result.lastEventId, exec.clock.now(), history.recording
      ? { executionFailedEventDetails: errorDetails(error, cause) }
      : undefined);
    return { ...base, status: "FAILED", ...errorDetails(error, cause), stopDate: exec.clock.now() };
  } catch (e) {
    exec.stopped = true;
    if (e instanceof ExecutionTimeout) {
      history.add("ExecutionTimedOut", history.lastId, exec.clock.now());
      return { ...base, status: "TIMED_OUT", stopDate: exec.clock.now() };
    }
    const cause = e instanceof Error ? e.message : String(e);
    history.add("ExecutionFailed", history.lastId, exec.clock.now(), history.recording
      ? { executionFailedEventDetails: { error: "States.Runtime", cause } }
      : undefined);
    return { ...base, status: "FAILED", error: "States.Runtime", cause, stopDate: exec.clock.now() };
  } finally {
    stop.abort(ENDED);
  }
}

const earliest = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
