import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runConformance } from "./run-conformance.js";
import { createInProcessExecutor, type CaseExecutor } from "./executors.js";
import type { ConformanceOptions } from "./args.js";
import type { ConformanceCase, Execution } from "./types.js";
import type { JsonValue } from "../shared/json.js";

const context = { stateMachineName: "<ArnPart_0idx>", accountId: "111111111111", region: "<region>", partition: "<partition>" };
const pass = (id: string, category: string, result: JsonValue, expected: JsonValue): ConformanceCase => ({
  id,
  category,
  features: ["pass"],
  definition: { StartAt: "P", States: { P: { Type: "Pass", Result: result, End: true } } },
  input: "{}",
  context,
  expected: { status: "SUCCEEDED", output: expected },
});
const CASES: ConformanceCase[] = [
  pass("base::ok", "base", { a: 1 }, { a: 1 }),
  pass("base::wrong", "base", { a: 1 }, { a: 2 }),
  pass("other::ok", "other", { b: [1, 2] }, { b: [1, 2] }),
  { ...pass("other::lambda", "other", {}, {}), features: ["lambda"] },
];

/** A tiny corpus folder: a cases file in the corpus layout and a stub comparator beside it. */
function corpus(cases: ConformanceCase[]): string {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-conformance-"));
  const lines = cases.map((c) => JSON.stringify(c)).join(",\n");
  writeFileSync(join(dir, "cases.json"), `{"meta":{"format":"sfn-conformance/1","count":${cases.length}},\n"cases":[\n${lines}\n]}\n`);
  writeFileSync(
    join(dir, "compare.mjs"),
    `export function compareCase(c, a) {
  const same = a.status === c.expected.status && JSON.stringify(a.output) === JSON.stringify(c.expected.output);
  return same ? { ok: true, diffs: [] } : { ok: false, diffs: [{ where: "output", expected: c.expected.output, actual: a.output }] };
}
`,
  );
  return dir;
}

/** Answers like a correct interpreter would for the Pass cases above, without the interpreter. */
const fakeExecutor = (overrides: Record<string, Execution> = {}): CaseExecutor => ({
  execute: async (c) => {
    if (overrides[c.id]) return overrides[c.id]!;
    const states = (c.definition as { States: { P: { Result: never } } }).States;
    return { kind: "result", actual: { status: "SUCCEEDED", output: states.P.Result } };
  },
  close: async () => {},
});

const optionsFor = (dir: string, over: Partial<ConformanceOptions> = {}): ConformanceOptions => ({
  casesPath: join(dir, "cases.json"),
  resultsPath: undefined,
  ratchetPath: undefined,
  updateRatchet: false,
  only: undefined,
  verbose: false,
  timeoutMs: 1000,
  jobs: 1,
  viaApi: false,
  store: undefined,
  ...over,
});

async function run(dir: string, over: Partial<ConformanceOptions> = {}, executor = fakeExecutor()) {
  const lines: string[] = [];
  // Without a function runtime: the fixture's Lambda case is skipped.
  const r = await runConformance(optionsFor(dir, over), { executor, capabilities: { lambdas: false }, print: (l) => lines.push(l) });
  return { ...r, lines };
}

describe("runConformance", () => {
  it("judges every case with the comparator beside the cases file and prints the summary", async () => {
    const { lines, exitCode, outcomes } = await run(corpus(CASES));
    expect(outcomes.map((o) => o.verdict)).toEqual(["passed", "failed", "passed", "skipped"]);
    expect(lines).toEqual(["base:  1 passed, 1 failed, 0 skipped", "other: 1 passed, 0 failed, 1 skipped", "2 passed, 1 failed, 1 skipped"]);
    expect(exitCode).toBe(0);
  });

  it("prints failures with --verbose and filters with --only", async () => {
    const dir = corpus(CASES);
    const verbose = await run(dir, { verbose: true });
    expect(verbose.lines[0]).toBe("FAIL base::wrong");
    expect(verbose.lines[1]).toContain('"expected":{"a":2}');
    const only = await run(dir, { only: "other::" });
    expect(only.lines.at(-1)).toBe("1 passed, 0 failed, 1 skipped");
  });

  it("writes one results line per case", async () => {
    const dir = corpus(CASES);
    const resultsPath = join(dir, "results.jsonl");
    await run(dir, { resultsPath }, fakeExecutor({ "other::ok": { kind: "crash", name: "TypeError", message: "x" } }));
    const rows = readFileSync(resultsPath, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toEqual([
      { id: "base::ok", status: "SUCCEEDED", output: { a: 1 } },
      { id: "base::wrong", status: "SUCCEEDED", output: { a: 1 } },
      { id: "other::ok", status: "ERROR", error: "TypeError", cause: "x" },
      { id: "other::lambda", status: "SKIPPED", cause: expect.stringContaining("Lambda") },
    ]);
  });

  it("fails the run when a case in the ratchet fails, and --update-ratchet rewrites it", async () => {
    const dir = corpus(CASES);
    const ratchetPath = join(dir, "passing.txt");
    writeFileSync(ratchetPath, "base::ok\nbase::wrong\n");
    const failing = await run(dir, { ratchetPath });
    expect(failing.exitCode).toBe(1);
    expect(failing.lines).toContain("  base::wrong");
    expect(failing.lines.at(-1)).toBe("2 passed, 1 failed, 1 skipped");

    const updated = await run(dir, { ratchetPath, updateRatchet: true });
    expect(updated.exitCode).toBe(0);
    const ids = readFileSync(ratchetPath, "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
    expect(ids).toEqual(["base::ok", "other::ok"]);
    expect((await run(dir, { ratchetPath })).exitCode).toBe(0);
  });

  it("reports a missing cases file or comparator as an error", async () => {
    await expect(run(join(tmpdir(), "no-such-stepwise-dir"))).rejects.toThrow(/no-such-stepwise-dir/);
    const dir = corpus(CASES);
    writeFileSync(join(dir, "compare.mjs"), "export const nothing = 1;\n");
    await expect(run(dir)).rejects.toThrow(/does not export compareCase/);
  });

  it("runs the cases through the interpreter", async () => {
    const { outcomes, lines } = await run(corpus(CASES), {}, createInProcessExecutor(5000));
    expect(outcomes.map((o) => o.verdict)).toEqual(["passed", "failed", "passed", "skipped"]);
    expect(lines.at(-1)).toBe("2 passed, 1 failed, 1 skipped");
  });
});
