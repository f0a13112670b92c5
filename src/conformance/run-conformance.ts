/** @module Runs a whole cases file: skip, execute, judge, report, write results, check the ratchet. */
import { writeFile } from "node:fs/promises";
import type { ConformanceOptions } from "./args.js";
import type { CaseExecutor } from "./executors.js";
import { loadCases, loadComparator } from "./load-cases.js";
import { findRegressions, nextRatchet, readRatchet, writeRatchet } from "./ratchet.js";
import { formatFailures, formatResultLine, formatSummary } from "./report.js";
import { defaultCapabilities, judgeCase, skipReason, skippedOutcome, type Capabilities } from "./run-case.js";
import type { CaseOutcome } from "./types.js";

export interface ConformanceDeps {
  readonly executor: CaseExecutor;
  /** Receives the report, one line per call. */
  readonly print: (line: string) => void;
  readonly capabilities?: Capabilities;
}

export interface ConformanceRun {
  readonly outcomes: readonly CaseOutcome[];
  /** 0, or 1 when a case listed in the ratchet failed. */
  readonly exitCode: number;
}

export async function runConformance(options: ConformanceOptions, deps: ConformanceDeps): Promise<ConformanceRun> {
  const { print } = deps;
  const { cases } = await loadCases(options.casesPath);
  const compare = await loadComparator(options.casesPath);
  const selected = options.only === undefined ? cases : cases.filter((c) => c.id.includes(options.only as string));

  const outcomes = await Promise.all(
    selected.map(async (c): Promise<CaseOutcome> => {
      const reason = skipReason(c, deps.capabilities ?? defaultCapabilities);
      if (reason !== undefined) return skippedOutcome(c, reason);
      return judgeCase(c, await deps.executor.execute(c), compare);
    }),
  );

  if (options.resultsPath !== undefined) {
    await writeFile(options.resultsPath, outcomes.map((o) => formatResultLine(o) + "\n").join(""));
  }
  if (options.verbose) for (const line of formatFailures(outcomes)) print(line);

  let exitCode = 0;
  if (options.ratchetPath !== undefined) {
    const listed = await readRatchet(options.ratchetPath);
    const corpusIds = cases.map((c) => c.id);
    const known = new Set(corpusIds);
    const stale = listed.filter((id) => !known.has(id));
    if (stale.length > 0) print(`note: ${stale.length} ratchet id(s) are not in ${options.casesPath}: ${stale.join(", ")}`);
    const regressions = findRegressions(listed, outcomes);
    if (options.updateRatchet) {
      const next = nextRatchet(listed, outcomes, corpusIds);
      await writeRatchet(options.ratchetPath, next);
      if (regressions.length > 0) print(`dropped from the ratchet (failing now): ${regressions.join(", ")}`);
      print(`ratchet ${options.ratchetPath}: ${listed.length} -> ${next.length} ids`);
    } else if (regressions.length > 0) {
      print(`REGRESSION: ${regressions.length} case(s) listed in ${options.ratchetPath} fail now:`);
      for (const id of regressions) print(`  ${id}`);
      exitCode = 1;
    }
  }
  for (const line of formatSummary(outcomes)) print(line);
  return { outcomes, exitCode };
}
