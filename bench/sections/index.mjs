/**
 * @module The benchmark's sections, in the order they run. A section module exports `name`, `title`,
 * `plan(options)` (the jobs to run), `runJob(job)` (runs one job; called in a child process) and
 * `summarize(jobResults, options, { notes })` (`{ table, results, failures, misses, notes }`). `plan` may be
 * async and may return `{ jobs, notes }` (notes: e.g. why a store is skipped); a job result may carry
 * `progress` (its one-line status). `needsSharedBench`: skipped without ../shared/bench.
 */
const SECTIONS = {
  "in-process": () => import("./in-process.mjs"),
  "durable-engine": () => import("./durable-engine.mjs"),
  api: () => import("./api.mjs"),
  scale: () => import("./scale.mjs"),
  functions: () => import("./functions.mjs"),
};

export const sectionNames = () => Object.keys(SECTIONS);

export async function loadSection(name) {
  const load = SECTIONS[name];
  if (!load) throw new Error(`unknown benchmark section '${name}' (known: ${sectionNames().join(", ")})`);
  return load();
}
