/** @module The shapes of the conformance corpus (shared/conformance/cases.json) and of a case's verdict. */
import type { JsonValue } from "../shared/json.js";
import type { RunContext } from "../runner/index.js";

/** A Lambda function a case's execution calls (see the corpus README). */
export interface CaseLambda {
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  readonly handler: string;
  readonly file?: string;
  readonly code: string;
}

/** One recorded execution. Only the fields the runner reads are typed precisely. */
export interface ConformanceCase {
  readonly id: string;
  readonly category: string;
  readonly features: readonly string[];
  readonly definition: JsonValue;
  /** The exact definition text, when parsing it would lose number formatting. */
  readonly definitionText?: string;
  /** The execution input as sent to StartExecution: JSON text. */
  readonly input: string;
  readonly context: RunContext;
  readonly lambdas?: readonly CaseLambda[];
  readonly expected: { readonly status: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface CasesFile {
  readonly meta: Readonly<Record<string, unknown>>;
  readonly cases: readonly ConformanceCase[];
}

/** What an execution gave, in the shape `compareCase` takes. */
export interface ActualResult {
  readonly status: string;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
}

/** What happened when the runner tried a case (before judging). */
export type Execution =
  | { readonly kind: "result"; readonly actual: ActualResult }
  | { readonly kind: "invalid"; readonly message: string }
  | { readonly kind: "crash"; readonly name: string; readonly message: string }
  | { readonly kind: "timeout"; readonly timeoutMs: number };

export interface CompareOutcome {
  readonly ok: boolean;
  readonly diffs: readonly unknown[];
}

/** compare.mjs's `compareCase`. */
export type CompareCase = (c: ConformanceCase, actual: ActualResult) => CompareOutcome;

export const Verdict = { passed: "passed", failed: "failed", skipped: "skipped" } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export interface CaseOutcome {
  readonly id: string;
  readonly category: string;
  readonly verdict: Verdict;
  /** Absent for skipped cases. */
  readonly execution?: Execution;
  /** Why a case was skipped or failed without a comparison (crash, timeout, invalid definition). */
  readonly reason?: string;
  readonly diffs?: readonly unknown[];
}
