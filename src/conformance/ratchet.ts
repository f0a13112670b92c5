/** @module The ratchet: the ids of cases that passed before, which must keep passing. */
import { readFile, writeFile } from "node:fs/promises";
import type { CaseOutcome } from "./types.js";

const HEADER = [
  "# Conformance cases that pass. CI fails when one of them stops passing.",
  "# Rewrite after an improvement: npm run conformance -- --ratchet conformance/passing.txt --update-ratchet",
];

/** The ids in a ratchet file (one per line; blank lines and lines starting with `#` are ignored). A missing file lists none. */
export async function readRatchet(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** Listed ids that ran in this run and did not pass. */
export function findRegressions(listed: readonly string[], outcomes: readonly CaseOutcome[]): string[] {
  const verdicts = new Map(outcomes.map((o) => [o.id, o.verdict]));
  return listed.filter((id) => verdicts.get(id) === "failed");
}

/**
 * The new ratchet: the ids that pass now, plus listed ids this run did not judge (filtered out by
 * `--only`, or skipped) as long as they are still in the corpus. Ids in corpus order.
 */
export function nextRatchet(listed: readonly string[], outcomes: readonly CaseOutcome[], corpusIds: readonly string[]): string[] {
  const verdicts = new Map(outcomes.map((o) => [o.id, o.verdict]));
  const keep = new Set(listed.filter((id) => verdicts.get(id) === undefined || verdicts.get(id) === "skipped"));
  return corpusIds.filter((id) => verdicts.get(id) === "passed" || keep.has(id));
}

export async function writeRatchet(path: string, ids: readonly string[]): Promise<void> {
  await writeFile(path, [...HEADER, ...ids, ""].join("\n"));
}
