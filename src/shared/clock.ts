/** @module Time as an injected dependency: the real clock and a virtual one that tests and `stepwise run` move. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves once the clock has reached `at` (ms since the epoch), or at once when `signal` aborts. */
  sleepUntil(at: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil: (at, signal) => {
    const ms = at - Date.now();
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
