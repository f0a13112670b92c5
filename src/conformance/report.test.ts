import { describe, it, expect } from "vitest";
import { formatFailures, formatResultLine, formatSummary, summarize } from "./report.js";
import type { CaseOutcome } from "./types.js";

const passed = (id: string, category: string): CaseOutcome => ({
  id,
  category,
  verdict: "passed",
  execution: { kind: "result", actual: { status: "SUCCEEDED", output: { a: 1 } } },
});

const outcomes: CaseOutcome[] = [
  passed("c1", "scenarios"),
  passed("c2", "base"),
  { id: "c3", category: "scenarios", verdict: "failed", execution: { kind: "result", actual: { status: "FAILED", error: "E", cause: "C" } }, diffs: [{ where: "status", expected: "SUCCEEDED", actual: "FAILED" }] },
  { id: "c4", category: "base", verdict: "skipped", reason: "needs Lambda functions" },
  { id: "c5", category: "base", verdict: "failed", execution: { kind: "crash", name: "TypeError", message: "boom\n    at x" }, reason: "threw boom\n    at x" },
  { id: "c6", category: "base", verdict: "failed", execution: { kind: "timeout", timeoutMs: 10 }, reason: "no result after 10 ms" },
];

describe("summarize / formatSummary", () => {
  it("counts per category, sorted, and in total", () => {
    const { byCategory, total } = summarize(outcomes);
    expect([...byCategory.keys()]).toEqual(["base", "scenarios"]);
    expect(byCategory.get("base")).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(total).toEqual({ passed: 2, failed: 3, skipped: 1 });
  });

  it("prints one line per category and the totals line last", () => {
    expect(formatSummary(outcomes)).toEqual([
      "base:      1 passed, 2 failed, 1 skipped",
      "scenarios: 1 passed, 1 failed, 0 skipped",
      "2 passed, 3 failed, 1 skipped",
    ]);
  });

  it("prints only the totals line for no cases", () => {
    expect(formatSummary([])).toEqual(["0 passed, 0 failed, 0 skipped"]);
  });
});

describe("formatFailures", () => {
  it("names each failed case with its diffs or reason", () => {
    const lines = formatFailures(outcomes);
    expect(lines[0]).toBe("FAIL c3");
    expect(lines[1]).toBe('  {"where":"status","expected":"SUCCEEDED","actual":"FAILED"}');
    expect(lines).toContain("FAIL c5");
    expect(lines).toContain("  threw boom\n      at x");
    expect(lines).toContain("  no result after 10 ms");
    expect(lines.some((l) => l.includes("c1") || l.includes("c4"))).toBe(false);
  });

  it("clips long diffs and many of them", () => {
    const diffs = Array.from({ length: 10 }, (_, i) => ({ where: `output[${i}]`, expected: "x".repeat(1000) }));
    const lines = formatFailures([{ id: "big", category: "c", verdict: "failed", diffs }]);
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines[1]!.length).toBeLessThan(700);
    expect(lines[9]).toBe("  ... 2 more differences");
  });
});

describe("formatResultLine", () => {
  it("writes the execution's result", () => {
    expect(JSON.parse(formatResultLine(outcomes[0]!))).toEqual({ id: "c1", status: "SUCCEEDED", output: { a: 1 } });
    expect(JSON.parse(formatResultLine(outcomes[2]!))).toEqual({ id: "c3", status: "FAILED", error: "E", cause: "C" });
  });

  it("marks runs without a result", () => {
    expect(JSON.parse(formatResultLine(outcomes[3]!))).toEqual({ id: "c4", status: "SKIPPED", cause: "needs Lambda functions" });
    expect(JSON.parse(formatResultLine(outcomes[4]!))).toEqual({ id: "c5", status: "ERROR", error: "TypeError", cause: "boom\n    at x" });
    expect(JSON.parse(formatResultLine(outcomes[5]!))).toEqual({ id: "c6", status: "TIMEOUT", cause: "no result after 10 ms" });
    const invalid: CaseOutcome = { id: "c7", category: "x", verdict: "failed", execution: { kind: "invalid", message: "bad" } };
    expect(JSON.parse(formatResultLine(invalid))).toEqual({ id: "c7", status: "INVALID_DEFINITION", cause: "bad" });
  });

  it("is one line", () => {
    for (const o of outcomes) expect(formatResultLine(o)).not.toContain("\n");
  });
});
