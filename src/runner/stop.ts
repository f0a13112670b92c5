/**
 * @module Stopping branches: a light stand-in for AbortController. Every execution, Parallel and Map
 * state makes one and every task in flight listens to one, so it must cost next to nothing: a Set of
 * listeners, no Event objects, no EventTarget bookkeeping.
 */
import type { StopSignal } from "../shared/clock.js";
import type { StopReason } from "./branch.js";

/** Reason of an ordinary end (no failure to follow). */
export const ENDED: StopReason | Record<string, never> = Object.freeze({});

/** A controller and its signal in one object (`signal` is itself). */
export class StopController implements StopSignal {
  aborted = false;
  reason: unknown = undefined;
  // Most signals have one listener at a time (the task in flight): it takes a field, the rest a Set.
  // `first` is only filled while `more` is empty, so it always precedes them in calling order.
  private first: (() => void) | undefined = undefined;
  private more: Set<() => void> | undefined = undefined;

  get signal(): StopSignal {
    return this;
  }

  /** Calls each listener once, as AbortSignal does: one removed meanwhile is skipped, one added meanwhile is not called. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const first = this.first;
    const more = this.more && this.more.size > 0 ? [...this.more] : undefined;
    if (first !== undefined) {
      this.first = undefined;
      first();
    }
    if (!more) return;
    for (const listener of more) {
      if (this.more!.delete(listener)) listener();
    }
  }

  /** Listeners are called once (whatever `options` says, as every caller here asks). */
  addEventListener(_type: "abort", listener: () => void): void {
    if (listener === this.first) return;
    if (this.first === undefined && (this.more === undefined || this.more.size === 0)) this.first = listener;
    else (this.more ??= new Set()).add(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (listener === this.first) this.first = undefined;
    else this.more?.delete(listener);
  }
}

/** A controller that aborts when `parent` does (with the parent's reason); `release` unlinks it. */
export function linkedStop(parent: StopSignal): { readonly controller: StopController; release(): void } {
  const controller = new StopController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener("abort", forward, { once: true });
  return { controller, release: () => parent.removeEventListener("abort", forward) };
}
