/** @module Closed-loop callers: N concurrent callers each issue one request after another; latency per call. */
import { median, quantile, round } from "./stats.mjs";

/**
 * Runs `call(i)` from `callers` concurrent loops. Warm-up (not measured): until `warmupMs` passed and
 * `warmupCalls` calls were made (JIT warm-up takes longer when other work shares the CPUs), at most
 * `maxWarmupMs`. Then
 * `rounds` measured rounds, each until maxCount/rounds calls were made or maxMs/rounds passed;
 * calls/s is the median round's (robust to a burst of other load), latency percentiles pool all
 * rounds. `check(result)` returns a problem string or undefined.
 */
export async function runCallers({ callers, maxCount, maxMs, warmupMs = 0, warmupCalls = 0, maxWarmupMs = 10_000, rounds = 1, call, check }) {
  const problems = new Map();
  const note = (p) => problems.set(p, (problems.get(p) ?? 0) + 1);
  const round1 = async (count, ms, latencies, minCount = 0) => {
    let issued = 0;
    const start = performance.now();
    const deadline = start + ms;
    const more = minCount > 0
      ? () => performance.now() < start + maxWarmupMs && (issued < minCount || performance.now() < deadline)
      : () => issued < count && performance.now() < deadline;
    const loop = async () => {
      while (more()) {
        const i = issued++;
        const s = performance.now();
        let result;
        try {
          result = await call(i);
        } catch (e) {
          note(`call failed: ${e?.name ?? ""} ${e?.message ?? e}`.slice(0, 300));
          continue;
        }
        latencies?.push(performance.now() - s);
        const p = check?.(result);
        if (p) note(p);
      }
    };
    await Promise.all(Array.from({ length: callers }, loop));
  };
  if (warmupMs > 0 || warmupCalls > 0) await round1(Infinity, warmupMs, undefined, Math.max(1, warmupCalls));

  const latencies = [];
  const perRound = [];
  let totalMs = 0;
  let totalCpuMs = 0;
  for (let r = 0; r < rounds; r++) {
    globalThis.gc?.();
    const before = latencies.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await round1(Math.ceil(maxCount / rounds), maxMs / rounds, latencies);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const calls = latencies.length - before;
    totalMs += ms;
    totalCpuMs += (cpu.user + cpu.system) / 1000;
    perRound.push({ calls, ms: round(ms, 5), callsPerSec: Math.round(calls / (ms / 1000)), cpuMsPerCall: round((cpu.user + cpu.system) / 1000 / Math.max(1, calls), 4) });
  }
  return {
    callers,
    calls: latencies.length,
    ms: round(totalMs, 5),
    cpuMs: round(totalCpuMs, 5),
    callsPerSec: median(perRound.map((r) => r.callsPerSec)),
    cpuMsPerCall: median(perRound.map((r) => r.cpuMsPerCall)),
    p50Ms: round(median(latencies), 4),
    p90Ms: round(quantile(latencies, 0.9), 4),
    p99Ms: round(quantile(latencies, 0.99), 4),
    maxMs: round(Math.max(...latencies), 4),
    rounds: perRound,
    problems: [...problems].map(([message, count]) => `${message} (${count} calls)`),
  };
}
