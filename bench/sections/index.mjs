/**
 * @module The benchmark's sections, in the order they run. A section module exports `name`, `title`,
 * `plan(options)` (the jobs to run), `runJob(job)` (runs one job; called in a child process) and
 * `summarize(jobResults, options)` (`{ table, results, failures, notes }`). Later sections (durable
 * engine, API, functions, scale) are added here.
 */
const SECTIONS = {
  "in-process": () => import("./in-process.mjs"),
};

export const sectionNames = () => Object.keys(SECTIONS);

export async function loadSection(name) {
  const load = SECTIONS[name];
  if (!load) throw new Error(`unknown benchmark section '${name}' (known: ${sectionNames().join(", ")})`);
  return load();
}
