/** @module The EvaluationFailed event AWS records when a JSONata evaluation fails inside a state. */
import { StatesError, failureLocation, type StatesFailure } from "../asl/index.js";
import { evaluationFailedDetails } from "../history/index.js";
import type { StateRun } from "./branch.js";

/**
 * Records EvaluationFailed for States.QueryEvaluationError failures of `run`'s state; returns the last
 * event id. As AWS records it, a failure before the state recorded anything past its entered event
 * follows the event the state itself followed (Pass, Task, Map, ...), except in a Wait state, whose
 * fields are evaluated after it was entered.
 */
export function recordEvaluationFailure(run: StateRun, failure: StatesFailure): number {
  const { exec } = run.branch;
  const history = exec.history;
  if (failure.error !== StatesError.QueryEvaluationError) return history.lastId;
  const untouched = history.lastId === run.enteredEventId && run.state.type !== "Wait";
  const previousEventId = untouched ? run.previousEventId : history.lastId;
  return history.add("EvaluationFailed", previousEventId, exec.clock.now(), history.recording
    ? evaluationFailedDetails(run.state.name, failure.error, failure.cause, failureLocation(failure))
    : undefined);
}
