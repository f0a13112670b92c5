/** @module Retry and Catch around one attempt of a Task, Parallel or Map state. */
import {
  applyCatcher, findCatcher, isTerminalError, findRetrier, isStatesFailure, retryDelayMs, type AslError, type Catcher, type EvalScope,
} from "../asl/index.js";
import type { MapPlan, ParallelPlan, TaskPlan } from "../asl/index.js";
import type { StateOutcome, StateRun } from "./branch.js";
import { createScope } from "./branch.js";
import { sleepUntil } from "./sleep.js";
import { recordEvaluationFailure } from "./evaluation-failed.js";
import { settled, type TaskCall } from "./call-task.js";

export type Attempt = (retryCount: number, previousEventId: number) => StateOutcome | Promise<StateOutcome> | TaskCall<StateOutcome>;

/**
 * Runs attempts until one succeeds, the Retriers give up, or a Catcher takes the error. `onFailed`
 * records the state's own failure event (MapStateFailed, ParallelStateFailed) once retries are spent.
 */
export async function runWithRetry(run: StateRun, attempt: Attempt, onFailed?: (lastEventId: number) => number): Promise<StateOutcome> {
  const state = run.state as TaskPlan | ParallelPlan | MapPlan;
  const { exec } = run.branch;
  const counts = state.retry.length ? new Array<number>(state.retry.length).fill(0) : [];
  let retryCount = 0;
  let prev = run.enteredEventId;
  for (;;) {
    let outcome: StateOutcome;
    try {
      outcome = await settled(attempt(retryCount, prev));
    } catch (e) {
      if (!isStatesFailure(e)) throw e;
      const lastEventId = recordEvaluationFailure(run, e);
      outcome = { ok: false, error: { error: e.error, cause: e.cause }, lastEventId };
    }
    if (outcome.ok) return outcome;
    const error = outcome.error;
    // States.Runtime and DataLimitExceeded end the execution at once: no retry, catch or state failure event.
    if (isTerminalError(error.error)) return outcome;
    const i = findRetrier(state.retry, error.error);
    if (i >= 0 && counts[i]! < state.retry[i]!.maxAttempts) {
      const delay = exec.options.zeroRetryDelays ? 0 : retryDelayMs(state.retry[i]!, counts[i]!, exec.random);
      counts[i]!++;
      retryCount++;
      if (delay > 0) await sleepUntil(exec, exec.clock.now() + delay, run.branch.signal);
      prev = outcome.lastEventId;
      continue;
    }
    const lastEventId = onFailed ? onFailed(outcome.lastEventId) : outcome.lastEventId;
    const catcher = findCatcher(state.catch, error.error);
    if (!catcher) return { ok: false, error, lastEventId };
    return catchError(run, catcher, error, createScope(run, retryCount), lastEventId);
  }
}

async function catchError(run: StateRun, catcher: Catcher, error: AslError, scope: EvalScope, lastEventId: number): Promise<StateOutcome> {
  const { output, assigned } = await applyCatcher(run.state, catcher, run.raw, error, scope);
  return { ok: true, next: catcher.next, output, assigned, lastEventId };
}
