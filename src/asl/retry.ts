/** @module Retry: which Retrier handles an error, and how long to wait before the next attempt. */
import { isTerminalError, matchesErrorEquals } from "./errors.js";
import type { Retrier } from "./plan.js";
import type { Random } from "./scope.js";

/** Index of the first Retrier whose ErrorEquals matches `error`, or -1. */
export function findRetrier(retriers: readonly Retrier[], error: string): number {
  if (isTerminalError(error)) return -1;
  for (let i = 0; i < retriers.length; i++) if (matchesErrorEquals(retriers[i]!.errorEquals, error)) return i;
  return -1;
}

/**
 * Delay before retry number `attempt` (0-based) in ms: IntervalSeconds × BackoffRate^attempt, capped at
 * MaxDelaySeconds; with JitterStrategy FULL a random delay between 0 and that.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: Random): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined && seconds > retrier.maxDelaySeconds) seconds = retrier.maxDelaySeconds;
  if (retrier.jitterStrategy === "FULL") seconds = random.float() * seconds;
  return Math.round(seconds * 1000);
}
