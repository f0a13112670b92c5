import { describe, it, expect } from "vitest";
import type { CompileResult, StateMachine } from "../runner/index.js";
import type { RunOptions, RunResult } from "../runner/types.js";
import type { JsonValue } from "../shared/json.js";
import { executeCase, judgeCase, runOptionsFor, skipReason, toActual } from "./run-case.js";
import type { CompareCase, ConformanceCase } from "./types.js";
import { STANDARD_CONTEXT } from "./test-support.js";

const NO_LAMBDAS = { lambdas: false } as const;

const context = STANDARD_CONTEXT;

const makeCase = (over: Partial<ConformanceCase> = {}): ConformanceCase => ({
  id: "t::case",
  category: "base",
  features: ["pass"],
  definition: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
  input: '{"a": 1}',
  context,
  expected: { status: "SUCCEEDED", output: { a: 1 } },
  ...over,
});

/** A compile function whose machine records what it was given and answers `result`. */
function fakeCompile(result: Partial<RunResult> | Error) {
  const seen: { definition?: unknown; input?: JsonValue; options?: RunOptions } = {};
  const compile = (definition: unknown): CompileResult => {
    seen.definition = definition;
    return {
      ok: true,
      warnings: [],
      // Only run() matters to the conformance runner.
      machine: {
        run: async (input?: JsonValue, options?: RunOptions) => {
          seen.input = input;
          seen.options = options;
          if (result instanceof Error) throw result;
          return { status: "SUCCEEDED", startDate: 0, stopDate: 0, ...result } as RunResult;
        },
      } as unknown as StateMachine,
    };
  };
  return { compile, seen };
}

describe("skipReason", () => {
  it("skips cases that need Lambda functions, by feature or by lambdas", () => {
    expect(skipReason(makeCase())).toBeUndefined();
    expect(skipReason(makeCase({ features: ["lambda"] }), NO_LAMBDAS)).toMatch(/Lambda/);
    expect(skipReason(makeCase({ features: ["lambda-invoke-integration"] }), NO_LAMBDAS)).toMatch(/Lambda/);
    const lambdas = [{ name: "f", arn: "arn:f", runtime: "python3.12", handler: "handler.handler", code: "" }];
    expect(skipReason(makeCase({ lambdas }), NO_LAMBDAS)).toMatch(/Lambda/);
    expect(skipReason(makeCase({ lambdas: [] }))).toBeUndefined();
  });

  it("runs them when Lambda functions are available", () => {
    expect(skipReason(makeCase({ features: ["lambda"] }), { lambdas: true })).toBeUndefined();
  });
});

describe("executeCase", () => {
  it("runs in the placeholder world: the case's context, a virtual clock, the parsed input", async () => {
    const { compile, seen } = fakeCompile({ output: { a: 1 } });
    const c = makeCase();
    expect(await executeCase(c, compile)).toEqual({ kind: "result", actual: { status: "SUCCEEDED", output: { a: 1 } } });
    expect(seen.definition).toBe(c.definition);
    expect(seen.input).toEqual({ a: 1 });
    expect(seen.options).toEqual(runOptionsFor(c));
    expect(seen.options).toMatchObject({ clock: "virtual", context });
  });

  it("prefers the exact definition text when the case has one", async () => {
    const { compile, seen } = fakeCompile({});
    await executeCase(makeCase({ definitionText: '{"StartAt": "P"}' }), compile);
    expect(seen.definition).toBe('{"StartAt": "P"}');
  });

  it("reports a rejected definition", async () => {
    const compile = (): CompileResult => ({
      ok: false,
      diagnostics: [{ severity: "ERROR", code: "MISSING_START_AT", location: "", message: "no StartAt" }],
    });
    expect(await executeCase(makeCase(), compile)).toEqual({ kind: "invalid", message: "definition rejected: MISSING_START_AT at /: no StartAt" });
  });

  it("turns exceptions (from run, compile or the input) into crashes", async () => {
    const thrown = await executeCase(makeCase(), fakeCompile(new RangeError("deep")).compile);
    expect(thrown).toMatchObject({ kind: "crash", name: "RangeError" });
    expect(thrown.kind === "crash" && thrown.message).toContain("deep");
    const badCompile = () => {
      throw new TypeError("compiler bug");
    };
    expect(await executeCase(makeCase(), badCompile)).toMatchObject({ kind: "crash", name: "TypeError" });
    expect(await executeCase(makeCase({ input: "{" }), fakeCompile({}).compile)).toMatchObject({ kind: "crash", name: "SyntaxError" });
  });
});

describe("toActual", () => {
  it("leaves absent fields absent", () => {
    const r = toActual({ status: "FAILED", error: "E", startDate: 1, stopDate: 2 });
    expect(r).toEqual({ status: "FAILED", error: "E" });
    expect("cause" in r).toBe(false);
    expect("output" in r).toBe(false);
  });
});

describe("judgeCase", () => {
  const equalStatus: CompareCase = (c, a) =>
    a.status === c.expected.status ? { ok: true, diffs: [] } : { ok: false, diffs: [{ where: "status" }] };
  const c = makeCase();

  it("passes what the comparator accepts, fails with its diffs otherwise", () => {
    expect(judgeCase(c, { kind: "result", actual: { status: "SUCCEEDED" } }, equalStatus).verdict).toBe("passed");
    const failed = judgeCase(c, { kind: "result", actual: { status: "FAILED" } }, equalStatus);
    expect(failed).toMatchObject({ verdict: "failed", diffs: [{ where: "status" }], category: "base", id: "t::case" });
  });

  it("fails crashes, timeouts, rejected definitions and comparator errors with a reason", () => {
    expect(judgeCase(c, { kind: "crash", name: "E", message: "boom" }, equalStatus)).toMatchObject({ verdict: "failed", reason: "threw boom" });
    expect(judgeCase(c, { kind: "timeout", timeoutMs: 5 }, equalStatus)).toMatchObject({ verdict: "failed", reason: "no result after 5 ms" });
    expect(judgeCase(c, { kind: "invalid", message: "bad" }, equalStatus)).toMatchObject({ verdict: "failed", reason: "bad" });
    const throwing: CompareCase = () => {
      throw new Error("cmp");
    };
    expect(judgeCase(c, { kind: "result", actual: { status: "SUCCEEDED" } }, throwing)).toMatchObject({ verdict: "failed", reason: "the comparator threw: cmp" });
  });
});
