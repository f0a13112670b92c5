/** @module Warm-up then measured runs, sized to a time budget; the median is the figure reported. */
import { median, quantile } from "./stats.mjs";

/** Budgets in ms. `quick` is for a fast look, not for figures to publish. */
export const BUDGETS = {
  full: { warmupMs: 1000, maxWarmups: 500, budgetMs: 2500, minRuns: 3, targetRuns: 7, maxRuns: 101 },
  quick: { warmupMs: 400, maxWarmups: 30, budgetMs: 500, minRuns: 3, targetRuns: 3, maxRuns: 15 },
};

/**
 * `doRun()` performs one run and returns `{ ms, cpuMs, heapGrowth, problems }` (preparation and checks
 * outside the timed part). Warm-up runs go on until `warmupMs` has passed (at least one); the
 * number of measured runs is then budgetMs / (a warm-up run's whole cost), between minRuns and maxRuns:
 * "median of 7" or more for fast engines, fewer (down to minRuns) for slow peers.
 */
export async function measure(doRun, budget) {
  const warm = [];
  const cost = []; // a run's whole cost: preparation, gc, run, checks
  const problems = [];
  const t0 = performance.now();
  do {
    const c0 = performance.now();
    const r = await doRun();
    cost.push(performance.now() - c0);
    warm.push(r.ms);
    problems.push(...r.problems);
  } while (performance.now() - t0 < budget.warmupMs && warm.length < budget.maxWarmups);
  const estimate = median(cost.slice(-3));
  let runs = Math.floor(budget.budgetMs / Math.max(estimate, 1e-3));
  runs = Math.max(budget.minRuns, Math.min(budget.maxRuns, runs));
  if (runs >= budget.targetRuns && runs % 2 === 0) runs -= 1; // odd: the median is a real run
  const times = [];
  const cpuTimes = [];
  let heapGrowth = 0;
  for (let i = 0; i < runs; i++) {
    const r = await doRun();
    times.push(r.ms);
    cpuTimes.push(r.cpuMs);
    heapGrowth = Math.max(heapGrowth, r.heapGrowth);
    problems.push(...r.problems);
  }
  return {
    warmups: warm.length,
    runs,
    medianMs: median(times),
    medianCpuMs: median(cpuTimes),
    minMs: Math.min(...times),
    p25Ms: quantile(times, 0.25),
    p75Ms: quantile(times, 0.75),
    maxMs: Math.max(...times),
    heapGrowth,
    problems,
  };
}
