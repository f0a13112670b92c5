/** @module How an intrinsic fails at run time: the error name and AWS's cause wording. */
import type { JsonValue } from "../../shared/json.js";
import { StatesError, StatesFailure } from "../errors.js";
import type { EvalScope } from "../scope.js";

/**
 * The error an intrinsic fails with. The States Language spec names States.IntrinsicFailure, but
 * executions recorded against AWS report bad intrinsic arguments as States.Runtime (cause
 * "... Invalid arguments in States.MathAdd"), which no Catch or Retry handles.
 */
export const INTRINSIC_FAILURE_ERROR: string = StatesError.Runtime;

/** What failed, for the cause: the function's name and its own text as written. */
export interface CallSite {
  readonly name: string;
  readonly source: string;
}

const cause = (scope: EvalScope, call: CallSite, detail: string): string =>
  `An error occurred while executing the state '${scope.stateName}' (entered at the event id #${scope.enteredEventId}). ` +
  `There was an error while evaluating the intrinsic function: ${call.source}. ${detail}`;

/** The failure for arguments a function rejects (wrong count, type or range). */
export const invalidArguments = (scope: EvalScope, call: CallSite, detail?: string): StatesFailure =>
  new StatesFailure(
    INTRINSIC_FAILURE_ERROR,
    cause(scope, call, detail === undefined ? `Invalid arguments in ${call.name}` : `Invalid arguments in ${call.name}: ${detail}`),
  );

/** The failure for a path argument that selects nothing. */
export const pathArgumentNotFound = (scope: EvalScope, call: CallSite, path: string, input: JsonValue): StatesFailure =>
  new StatesFailure(
    INTRINSIC_FAILURE_ERROR,
    cause(scope, call, `The JsonPath argument for the field '${path}' could not be found in the input '${JSON.stringify(input)}'`),
  );

/** The failure for a malformed States.Format template (unmatched `{` or `}`). */
export const invalidTemplate = (scope: EvalScope, call: CallSite, detail: string): StatesFailure =>
  new StatesFailure(INTRINSIC_FAILURE_ERROR, cause(scope, call, `Invalid template in ${call.name}: ${detail}`));
