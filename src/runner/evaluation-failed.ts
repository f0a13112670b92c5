/** @module The EvaluationFailed event AWS records when a JSONata evaluation fails inside a state. */
import { StatesError, type StatesFailure } from "../asl/index.js";
import type { Execution } from "./execution.js";

/** Records EvaluationFailed for States.QueryEvaluationError failures; returns the last event id. */
export function recordEvaluationFailure(exec: Execution, stateName: string, failure: StatesFailure, previousEventId: number): number {
  if (failure.error !== StatesError.QueryEvaluationError) return previousEventId;
  const history = exec.history;
  const location = failure.location ?? locationInCause(failure.cause);
  return history.add("EvaluationFailed", previousEventId, exec.clock.now(), history.recording
    ? { evaluationFailedEventDetails: { error: failure.error, ...(failure.cause !== undefined ? { cause: failure.cause } : {}), ...(location ? { location } : {}), state: stateName } }
    : undefined);
}

/** The field AWS names in its cause ("... specified for the field 'Output/result' ...", "The Timestamp field ..."). */
function locationInCause(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  return /specified for the field '([^']+)'/.exec(cause)?.[1] ?? /\)\. The (\w+) field /.exec(cause)?.[1];
}
