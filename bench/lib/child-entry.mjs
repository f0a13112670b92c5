/** @module Entry point of a benchmark child process: runs one job, sends its result to the parent. */
import "./polyfills.mjs";
import { loadSection } from "../sections/index.mjs";

const job = JSON.parse(process.argv[2]);
try {
  const section = await loadSection(job.section);
  const result = await section.runJob(job);
  process.send(result, () => process.exit(0));
} catch (e) {
  process.send({ ...job, error: e?.stack ?? String(e) }, () => process.exit(0));
}
