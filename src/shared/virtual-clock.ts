/** @module A virtual clock: sleeping takes no real time, but sleepers wake in the order of their times. */
import type { Clock } from "./clock.js";

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

export interface VirtualClock extends Clock {
  /** Marks real work in flight (e.g. a task handler): time does not move until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Holds time still until the returned release is called (once): `track` for callers that see the settling themselves. */
  hold(): () => void;
  /** Moves time forward by `ms` at once (for tests that drive time by hand). */
  advance(ms: number): void;
}

/**
 * Time jumps to the earliest sleeper once everything runnable has run (checked with setImmediate,
 * which fires after pending promise callbacks) and no tracked work is in flight.
 */
export function createVirtualClock(start: number = Date.now()): VirtualClock {
  let now = start;
  let seq = 0;
  let busy = 0;
  let scheduled = false;
  const sleepers: Sleeper[] = [];

  const schedule = () => {
    if (scheduled || sleepers.length === 0 || busy > 0) return;
    scheduled = true;
    setImmediate(tick);
  };
  const tick = () => {
    scheduled = false;
    if (busy > 0 || sleepers.length === 0) return;
    let first = 0;
    for (let i = 1; i < sleepers.length; i++) {
      const s = sleepers[i]!;
      const f = sleepers[first]!;
      if (s.at < f.at || (s.at === f.at && s.seq < f.seq)) first = i;
    }
    const [s] = sleepers.splice(first, 1);
    if (s!.at > now) now = s!.at;
    s!.wake();
    schedule();
  };

  return {
    now: () => now,
    sleepUntil(at, signal) {
      if (at <= now || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        };
        const sleeper = {
          at,
          seq: seq++,
          wake: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener("abort", onAbort, { once: true });
        schedule();
      });
    },
    track(work) {
      const release = this.hold();
      work.then(release, release);
      return work;
    },
    hold() {
      busy++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy--;
        schedule();
      };
    },
    advance(ms) {
      now += ms;
    },
  };
}
