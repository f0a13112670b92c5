/** @module Formats the verdicts: one line per category, the totals line, failure details, results lines. */
import type { CaseOutcome, Verdict } from "./types.js";

export type Counts = Record<Verdict, number>;

const emptyCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

/** Counts per category (sorted by name) and over all cases. */
export function summarize(outcomes: readonly CaseOutcome[]): { byCategory: Map<string, Counts>; total: Counts } {
  const byCategory = new Map<string, Counts>();
  const total = emptyCounts();
  for (const o of outcomes) {
    let counts = byCategory.get(o.category);
    if (!counts) byCategory.set(o.category, (counts = emptyCounts()));
    counts[o.verdict]++;
    total[o.verdict]++;
  }
  return { byCategory: new Map([...byCategory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), total };
}

/** `N passed, M failed, K skipped`: the run's last line. */
export const formatTotals = (c: Counts): string => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

/** One line per category, then the totals line. */
export function formatSummary(outcomes: readonly CaseOutcome[]): string[] {
  const { byCategory, total } = summarize(outcomes);
  const width = Math.max(0, ...[...byCategory.keys()].map((k) => k.length));
  const lines = [...byCategory].map(([category, counts]) => `${`${category}:`.padEnd(width + 1)} ${formatTotals(counts)}`);
  lines.push(formatTotals(total));
  return lines;
}

const MAX_DIFFS = 8;
const MAX_TEXT = 600;

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}... (${text.length} chars)` : text);

/** The details of each failed case: its id, then why (the comparator's diffs, or the crash/timeout). */
export function formatFailures(outcomes: readonly CaseOutcome[]): string[] {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.verdict !== "failed") continue;
    lines.push(`FAIL ${o.id}`);
    if (o.reason) lines.push(`  ${clip(o.reason).replace(/\n/g, "\n  ")}`);
    const diffs = o.diffs ?? [];
    for (const d of diffs.slice(0, MAX_DIFFS)) lines.push(`  ${clip(JSON.stringify(d))}`);
    if (diffs.length > MAX_DIFFS) lines.push(`  ... ${diffs.length - MAX_DIFFS} more differences`);
  }
  return lines;
}

/**
 * One `--results` line: `{"id","status","output","error","cause"}` as the execution ended. Runs
 * that gave no result have status `SKIPPED`, `INVALID_DEFINITION`, `ERROR` (threw) or `TIMEOUT`,
 * with the reason as `cause`.
 */
export function formatResultLine(o: CaseOutcome): string {
  const e = o.execution;
  if (!e) return JSON.stringify({ id: o.id, status: "SKIPPED", cause: o.reason });
  switch (e.kind) {
    case "result":
      return JSON.stringify({ id: o.id, ...e.actual });
    case "invalid":
      return JSON.stringify({ id: o.id, status: "INVALID_DEFINITION", cause: e.message });
    case "crash":
      return JSON.stringify({ id: o.id, status: "ERROR", error: e.name, cause: e.message });
    case "timeout":
      return JSON.stringify({ id: o.id, status: "TIMEOUT", cause: `no result after ${e.timeoutMs} ms` });
  }
}
