/** @module Catch: which Catcher handles an error. */
import { isTerminalError, matchesErrorEquals } from "./errors.js";
import type { Catcher } from "./plan.js";

/** The first Catcher whose ErrorEquals matches `error`, or undefined. */
export function findCatcher(catchers: readonly Catcher[], error: string): Catcher | undefined {
  if (isTerminalError(error)) return undefined;
  for (const c of catchers) if (matchesErrorEquals(c.errorEquals, error)) return c;
  return undefined;
}
