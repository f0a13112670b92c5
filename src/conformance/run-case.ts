/** @module Runs one conformance case in the placeholder world and judges it with the corpus comparator. */
import type { JsonValue } from "../shared/json.js";
import type { CompileResult } from "../runner/index.js";
import type { RunOptions, RunResult } from "../runner/index.js";
import type { FunctionRuntime } from "../runtime/index.js";
import { lambdaInvokerFor } from "./case-lambdas.js";
import type { ActualResult, CaseOutcome, CompareCase, ConformanceCase, Execution } from "./types.js";
import { placeholderConflict } from "./placeholders.js";

/** What the runner can provide beyond the interpreter. Lambda functions come with the functions runtime. */
export interface Capabilities {
  readonly lambdas: boolean;
  /** Cases run through the server's API (under generated names, mapped back to the placeholders). */
  readonly viaApi?: boolean;
}

export const defaultCapabilities: Capabilities = { lambdas: true };

const LAMBDA_FEATURES = ["lambda", "lambda-invoke-integration"];

/** Why a case cannot run with these capabilities, or undefined when it can. The one place skips are decided. */
export function skipReason(c: ConformanceCase, capabilities: Capabilities = defaultCapabilities): string | undefined {
  const needsLambdas = c.features.some((f) => LAMBDA_FEATURES.includes(f)) || (c.lambdas?.length ?? 0) > 0;
  if (needsLambdas && !capabilities.lambdas) return "needs Lambda functions";
  if (capabilities.viaApi) return placeholderConflict(definitionTextOf(c), c.input, c.context);
  return undefined;
}

export type Compile = (definition: unknown) => CompileResult;

/** The definition as text, exactly as the case gives it. */
export const definitionTextOf = (c: ConformanceCase): string => c.definitionText ?? JSON.stringify(c.definition);

/** The options a case runs with: its names and ARNs, a virtual clock, no history. */
export const runOptionsFor = (c: ConformanceCase): RunOptions => ({ context: c.context, clock: "virtual", history: false });

/** The result in the shape compare.mjs takes: absent fields stay absent. */
export function toActual(r: RunResult): ActualResult {
  const actual: { status: string; output?: JsonValue; error?: string; cause?: string } = { status: r.status };
  if (r.output !== undefined) actual.output = r.output;
  if (r.error !== undefined) actual.error = r.error;
  if (r.cause !== undefined) actual.cause = r.cause;
  return actual;
}

/** Compiles and runs a case. Never throws: exceptions become a "crash" execution. */
export async function executeCase(c: ConformanceCase, compile: Compile, functions?: () => FunctionRuntime): Promise<Execution> {
  try {
    const compiled = compile(c.definitionText ?? c.definition);
    if (!compiled.ok) {
      const lines = compiled.diagnostics.map((d) => `${d.code} at ${d.location || "/"}: ${d.message}`);
      return { kind: "invalid", message: `definition rejected: ${lines.join("; ")}` };
    }
    const input = JSON.parse(c.input) as JsonValue;
    const options = runOptionsFor(c);
    const withLambdas = c.lambdas?.length && functions ? { ...options, invokeTask: lambdaInvokerFor(c, functions()) } : options;
    return { kind: "result", actual: toActual(await compiled.machine.run(input, withLambdas)) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { kind: "crash", name: err.name, message: err.stack ?? err.message };
  }
}

/** Turns an execution into a verdict: only a result the comparator accepts passes. */
export function judgeCase(c: ConformanceCase, execution: Execution, compare: CompareCase): CaseOutcome {
  const base = { id: c.id, category: c.category, execution };
  switch (execution.kind) {
    case "result": {
      let outcome;
      try {
        outcome = compare(c, execution.actual);
      } catch (e) {
        return { ...base, verdict: "failed", reason: `the comparator threw: ${(e as Error).message}` };
      }
      return outcome.ok ? { ...base, verdict: "passed" } : { ...base, verdict: "failed", diffs: outcome.diffs };
    }
    case "invalid":
      return { ...base, verdict: "failed", reason: execution.message };
    case "crash":
      return { ...base, verdict: "failed", reason: `threw ${execution.message}` };
    case "timeout":
      return { ...base, verdict: "failed", reason: `no result after ${execution.timeoutMs} ms` };
  }
}

export const skippedOutcome = (c: ConformanceCase, reason: string): CaseOutcome => ({
  id: c.id,
  category: c.category,
  verdict: "skipped",
  reason,
});
