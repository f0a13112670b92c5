/** @module A virtual clock: sleeping takes no real time, but sleepers wake in the order of their times. */
import type { Clock, StopSignal } from "./clock.js";

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
  /** `hold` without the release function, for hot paths: the caller calls `leave` exactly once per `enter`. */
  enter(): void;
  leave(): void;
  /** Moves time forward by `ms` at once (for tests that drive time by hand). */
  advance(ms: number): void;
}

/**
 * Time jumps to the earliest sleeper once everything runnable has run (checked with setImmediate,
 * which fires after pending promise callbacks) and no tracked work is in flight.
 */
export function createVirtualClock(start: number = Date.now()): VirtualClock {
  return new Virtual(start);
}

/** A class: every run makes a clock, and a class makes no closures until one sleeps. */
class Virtual implements VirtualClock {
  private seq = 0;
  private busy = 0;
  private scheduled = false;
  private readonly sleepers: Sleeper[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  sleepUntil(at: number, signal?: StopSignal): Promise<void> {
    if (at <= this.time || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => {
        const i = this.sleepers.indexOf(sleeper);
        if (i >= 0) this.sleepers.splice(i, 1);
        resolve();
      };
      const sleeper = {
        at,
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.schedule();
    });
  }

  track<T>(work: Promise<T>): Promise<T> {
    const release = this.hold();
    work.then(release, release);
    return work;
  }

  hold(): () => void {
    this.enter();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leave();
    };
  }

  enter(): void {
    this.busy++;
  }

  leave(): void {
    this.busy--;
    this.schedule();
  }

  advance(ms: number): void {
    this.time += ms;
  }

  private schedule(): void {
    if (this.scheduled || this.sleepers.length === 0 || this.busy > 0) return;
    this.scheduled = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    const sleepers = this.sleepers;
    if (this.busy > 0 || sleepers.length === 0) return;
    let first = 0;
    for (let i = 1; i < sleepers.length; i++) {
      const s = sleepers[i]!;
      const f = sleepers[first]!;
      if (s.at < f.at || (s.at === f.at && s.seq < f.seq)) first = i;
    }
    const [s] = sleepers.splice(first, 1);
    if (s!.at > this.time) this.time = s!.at;
    s!.wake();
    this.schedule();
  }
}
