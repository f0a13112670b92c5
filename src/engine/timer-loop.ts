/** @module Fires due durable timers: sleeps until the earliest one, wakes early when a sooner one is added. */
import type { Clock } from "../shared/clock.js";
import type { Store, TimerRecord } from "../store/index.js";

export interface TimerLoop {
  start(): void;
  /** New timers were committed: re-check the earliest due time. */
  poke(): void;
  stop(): void;
}

/** `maxSleepMs`: at most this long between looks at the store (other nodes may add timers). */
export function createTimerLoop(store: Store, clock: Clock, maxSleepMs: number, fire: (timer: TimerRecord) => Promise<void>): TimerLoop {
  let running = false;
  let wake = new AbortController();

  async function loop(): Promise<void> {
    while (running) {
      try {
        const due = await store.dueTimers(clock.now(), 100);
        await Promise.allSettled(due.map(fire));
        if (due.length === 100) continue;
        const next = await store.nextTimerDue();
        const until = Math.min(next ?? Infinity, clock.now() + maxSleepMs);
        if (until > clock.now()) await clock.sleepUntil(until, wake.signal);
        if (wake.signal.aborted) wake = new AbortController();
      } catch {
        await clock.sleepUntil(clock.now() + 100);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    poke() {
      wake.abort();
    },
    stop() {
      running = false;
      wake.abort();
    },
  };
}
