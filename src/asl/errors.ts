/** @module The in-language error family: AWS's predefined error names and the one failure type thrown inside src/asl. */

/** Predefined ASL error names, spelled as AWS spells them. */
export const StatesError = {
  ALL: "States.ALL",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  TaskFailed: "States.TaskFailed",
  Permissions: "States.Permissions",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ParameterPathFailure: "States.ParameterPathFailure",
  BranchFailed: "States.BranchFailed",
  NoChoiceMatched: "States.NoChoiceMatched",
  IntrinsicFailure: "States.IntrinsicFailure",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  ItemReaderFailed: "States.ItemReaderFailed",
  ResultWriterFailed: "States.ResultWriterFailed",
  DataLimitExceeded: "States.DataLimitExceeded",
  Runtime: "States.Runtime",
  QueryEvaluationError: "States.QueryEvaluationError",
} as const;
export type StatesError = (typeof StatesError)[keyof typeof StatesError];

/** An error as a value: what Catch, Retry, history events and the API see. */
export interface AslError {
  readonly error: string;
  readonly cause?: string;
}

/**
 * Thrown inside src/asl to unwind from deep evaluation (a path, an intrinsic, a JSONata expression)
 * to the state step, which turns it into a failure outcome. Never escapes the core; never built on the
 * happy path.
 */
export class StatesFailure extends Error implements AslError {
  readonly error: string;
  override readonly cause?: string;
  /** The field that failed, for JSONata failures ("Output/result", "Items"): AWS's EvaluationFailed location. */
  readonly location?: string;
  constructor(error: string, cause?: string, location?: string) {
    super(cause ?? error);
    this.name = error;
    this.error = error;
    this.cause = cause;
    if (location !== undefined) this.location = location;
  }
}

export const isStatesFailure = (e: unknown): e is StatesFailure => e instanceof StatesFailure;

/**
 * Whether a Retrier's or Catcher's ErrorEquals list matches `error`.
 * AWS: "States.ALL matches any known error name" except States.Runtime (and DataLimitExceeded, which
 * are terminal); "States.TaskFailed ... matches any known error name except for States.Timeout".
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function matchesErrorEquals(errorEquals: readonly string[], error: string): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === StatesError.ALL) return !isTerminalError(error);
    if (name === StatesError.TaskFailed && error !== StatesError.Timeout && !isTerminalError(error)) return true;
  }
  return false;
}

/** Errors that no Retry or Catch handles: they always fail the execution. */
export const isTerminalError = (error: string): boolean =>
  error === StatesError.Runtime || error === StatesError.DataLimitExceeded;
