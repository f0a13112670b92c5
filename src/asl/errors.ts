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

/**
 * Errors that no Retry or Catch handles: they always fail the execution. (AWS's docs also call
 * States.DataLimitExceeded terminal, but executions recorded against AWS catch it on a Task.)
 */
export const isTerminalError = (error: string): boolean => error === StatesError.Runtime;

/** A thrown JS value as an ASL error: `name` (or `error`) is the error name, `message` (or `cause`) the cause. */
export function toAslError(e: unknown): AslError {
  if (e && typeof e === "object") {
    const o = e as { error?: unknown; cause?: unknown; name?: unknown; message?: unknown };
    if (typeof o.error === "string") return withCause(o.error, o.cause);
    if (typeof o.name === "string") return withCause(o.name, o.message);
  }
  return { error: StatesError.TaskFailed, cause: String(e) };
}

function withCause(error: string, cause: unknown): AslError {
  return typeof cause === "string" ? { error, cause } : { error };
}

/** AWS's payload limit for state results: 256 KiB. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const dataLimitExceeded = (stateName: string): StatesFailure =>
  new StatesFailure(
    StatesError.DataLimitExceeded,
    `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );

/** A task result over the limit: the cause names the resource ("lambda", or the function ARN), as AWS records it. */
export const resultTooLarge = (resourceName: string): AslError => ({
  error: StatesError.DataLimitExceeded,
  cause: `The state/task '${resourceName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
});

/** The field a JSONata failure names (AWS's EvaluationFailed `location`), from the failure or its cause text. */
export function failureLocation(failure: StatesFailure): string | undefined {
  if (failure.location !== undefined) return failure.location;
  const cause = failure.cause ?? "";
  return /specified for the field '([^']+)'/.exec(cause)?.[1] ?? /\)\. The (\w+) field /.exec(cause)?.[1];
}
