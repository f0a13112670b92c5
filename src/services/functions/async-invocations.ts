/**
 * @module The durable queue of `Event` invocations: claimed from the store with a lease, run, and
 * retried as AWS does: function errors twice more (after 1 minute, then 2), throttles and system
 * errors with growing delays for up to 6 hours.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
import type { FunctionInvocationRecord } from "../../store/index.js";
import { isServiceError } from "../service-error.js";
import type { FunctionsContext } from "./context.js";
import { LambdaError } from "./errors.js";
import { chooseTarget, runInvocation } from "./invoke.js";

/** Delays before the second and third attempts after a function error. */
export const RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** MaximumEventAgeInSeconds' default: events older than this are dropped. */
export const MAX_EVENT_AGE_MS = 6 * 60 * 60 * 1000;
/** Longer than the longest invocation (900 s): a node that dies mid-invocation hands the event on after it. */
export const LEASE_MS = 960_000;
const MAX_THROTTLE_DELAY_MS = 300_000;
const MAX_RUNNING = 10;

export interface AsyncInvoker {
  /** Looks for due work now (a new event was queued). */
  wake(): void;
  /** Claims and runs what is due now, resolving when those invocations have finished (tests, and the loop). */
  runDue(): Promise<number>;
  /** Stops looking for work (running invocations go on). */
  stop(): Promise<void>;
  /** Stops looking for work and waits for running invocations. */
  close(): Promise<void>;
}

export function createAsyncInvoker(ctx: FunctionsContext, options: { pollMs?: number; enabled?: boolean } = {}): AsyncInvoker {
  const pollMs = options.pollMs ?? 1000;
  const running = new Set<Promise<void>>();
  let closed = false;
  let wakeUp: AbortController | undefined;
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.abort();
  };

  async function attempt(inv: FunctionInvocationRecord): Promise<void> {
    const store = ctx.store;
    try {
      const fn = await store.functions.getFunction(inv.functionArn);
      if (!fn) return await store.functions.deleteInvocation(inv.id);
      const target = await chooseTarget(ctx, fn, inv.qualifier);
      const result = await runInvocation(ctx, target, inv.payload, { requestId: inv.id });
      const attempts = inv.attempts + 1;
      if (result.functionError !== undefined && attempts <= RETRY_DELAYS_MS.length) {
        await store.functions.retryInvocation(inv.id, ctx.clock.now() + RETRY_DELAYS_MS[attempts - 1]!, attempts);
      } else {
        await store.functions.deleteInvocation(inv.id);
      }
    } catch (e) {
      const now = ctx.clock.now();
      const age = now - inv.createdAt;
      const throttled = isServiceError(e) && e.code === LambdaError.TooManyRequests;
      // A client error (the function or qualifier went away) will not get better: drop the event.
      if ((isServiceError(e) && e.status < 500 && !throttled) || age >= MAX_EVENT_AGE_MS) {
        await store.functions.deleteInvocation(inv.id).catch((err) => ctx.onError(`could not drop async invocation ${inv.id}`, err));
        return;
      }
      // While closing, the runtime stops under running invocations: they are simply tried again later.
      if (!throttled && !closed) ctx.onError(`async invocation ${inv.id} of ${inv.functionArn} failed; retrying`, e);
      const delay = Math.min(MAX_THROTTLE_DELAY_MS, Math.max(1000, age));
      await store.functions.retryInvocation(inv.id, now + delay, inv.attempts).catch((err) => ctx.onError(`could not requeue async invocation ${inv.id}`, err));
    }
  }

  /** Claims what is due (as many as there are free slots) and starts it; resolves once claimed. */
  async function claimAndStart(): Promise<Promise<void>[]> {
    const free = MAX_RUNNING - running.size;
    if (free <= 0) return [];
    const claimed = await ctx.store.functions.claimInvocations(ctx.clock.now(), LEASE_MS, free);
    return claimed.map((inv) => {
      const run: Promise<void> = attempt(inv).finally(() => {
        running.delete(run);
        wake();
      });
      running.add(run);
      return run;
    });
  }

  async function loop(): Promise<void> {
    while (!closed) {
      try {
        woken = false;
        // Claiming takes the write lock: only when something is due.
        let next = await ctx.store.functions.nextInvocationDue();
        if (next !== undefined && next <= ctx.clock.now()) {
          await claimAndStart();
          next = await ctx.store.functions.nextInvocationDue();
        }
        const now = ctx.clock.now();
        // Due work with no free slot waits for a running invocation to finish (it wakes the loop).
        const until = Math.max(Math.min(next ?? Number.POSITIVE_INFINITY, now + pollMs), running.size >= MAX_RUNNING ? now + pollMs : now + 1);
        wakeUp = new AbortController();
        if (!closed && !woken) await ctx.clock.sleepUntil(until, wakeUp.signal);
      } catch (e) {
        ctx.onError("the async invocation queue failed", e);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    }
  }

  const looping = options.enabled === false ? Promise.resolve() : loop();
  async function stop(): Promise<void> {
    closed = true;
    wake();
    await looping;
  }
  return {
    wake,
    async runDue() {
      const started = await claimAndStart();
      await Promise.all(started);
      return started.length;
    },
    stop,
    async close() {
      await stop();
      await Promise.allSettled([...running]);
    },
  };
}
