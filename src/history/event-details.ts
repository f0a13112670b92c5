/** @module Builders for the details of history events, in AWS's shapes (payloads as JSON text). */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { PayloadDetails, type PayloadEncoder } from "./event-types.js";

export const enteredDetails = (name: string, input: JsonValue, payload: PayloadEncoder = JSON.stringify) => ({
  stateEnteredEventDetails: { name, input: payload(input), inputDetails: PayloadDetails },
});

export function exitedDetails(name: string, output: JsonValue, assigned: JsonObject | undefined, payload: PayloadEncoder = JSON.stringify) {
  const details: Record<string, unknown> = { name, output: payload(output), outputDetails: PayloadDetails };
  if (assigned && Object.keys(assigned).length > 0) {
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(assigned)) vars[k] = JSON.stringify(v);
    details.assignedVariables = vars;
    details.assignedVariablesDetails = PayloadDetails;
  }
  return { stateExitedEventDetails: details };
}

/** `{ error, cause }` without absent fields. */
export const errorDetails = (error: string | undefined, cause: string | undefined) => ({
  ...(error !== undefined ? { error } : {}),
  ...(cause !== undefined ? { cause } : {}),
});

/** EvaluationFailed: a JSONata evaluation failed inside `state` (location: the field, when known). */
export const evaluationFailedDetails = (state: string, error: string, cause: string | undefined, location: string | undefined) => ({
  evaluationFailedEventDetails: {
    error, ...(cause !== undefined ? { cause } : {}), ...(location !== undefined ? { location } : {}), state,
  },
});
