/** @module JSONata failures: the compile-time syntax error and AWS's States.QueryEvaluationError cause texts. */
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import type { EvalScope } from "../scope.js";

/**
 * Thrown by compileTemplate for a `{% %}` string whose expression does not parse. AWS refuses such a
 * definition at creation ("INVALID_JSONATA_EXPRESSION: Unexpected end of expression at
 * /States/Main/Output"): `detail` is jsonata's message without its code, `pointer` the expression's
 * JSON pointer relative to the compiled template ("" for the template itself, "/a/0" inside it).
 */
export class JsonataSyntaxError extends Error {
  readonly expression: string;
  readonly code: string | undefined;
  readonly detail: string;
  readonly position: number | undefined;
  readonly pointer: string;
  constructor(expression: string, pointer: string, jsonataError: unknown) {
    const e = (jsonataError ?? {}) as { code?: unknown; message?: unknown; position?: unknown };
    const detail = typeof e.message === "string" && e.message !== "" ? e.message : String(jsonataError);
    const code = typeof e.code === "string" ? e.code : undefined;
    super(`Invalid JSONata expression '${expression}': ${code ? `${code}: ` : ""}${detail}`);
    this.name = "JsonataSyntaxError";
    this.expression = expression;
    this.code = code;
    this.detail = detail;
    this.position = typeof e.position === "number" ? e.position : undefined;
    this.pointer = pointer;
  }
}

/** The JSON type names AWS uses in "Expected 'array', but was 'number'". */
export type JsonTypeName = "null" | "boolean" | "number" | "string" | "array" | "object";

export const jsonTypeName = (value: unknown): JsonTypeName =>
  value === null ? "null"
  : Array.isArray(value) ? "array"
  : typeof value === "object" ? "object"
  : (typeof value as "boolean" | "number" | "string");

const sentence = (source: string, field: string) =>
  `The JSONata expression '${source}' specified for the field '${field}'`;

const queryEvaluationError = (scope: EvalScope, detail: string) =>
  new StatesFailure(StatesError.QueryEvaluationError, failureCause(scope, detail));

/** "... The JSONata expression '$x' specified for the field 'Output/result' returned nothing (undefined)." */
export const returnedNothing = (scope: EvalScope, source: string, field: string) =>
  queryEvaluationError(scope, `${sentence(source, field)} returned nothing (undefined).`);

/** A function (or anything else JSON cannot hold) as the result. */
export const unsupportedResultType = (scope: EvalScope, source: string, field: string) =>
  queryEvaluationError(scope, `${sentence(source, field)} returned an unsupported result type.`);

/** "... returned an unexpected result type. Expected 'array', but was 'number' for value: 1" */
export const unexpectedResultType = (scope: EvalScope, source: string, field: string, expected: string, value: unknown) =>
  queryEvaluationError(
    scope,
    `${sentence(source, field)} returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
  );

/**
 * A field holding no expression (a literal, or an object/array template) whose value has the wrong
 * type. AWS refuses most of these when the definition is validated; this text is ours.
 */
export const unexpectedValueType = (scope: EvalScope, field: string, expected: string, value: unknown) =>
  queryEvaluationError(
    scope,
    `The value specified for the field '${field}' has an unexpected type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
  );

/** "... threw an error during evaluation. T0410: Argument 1 of function "abs" does not match function signature" */
export const threwError = (scope: EvalScope, source: string, field: string, error: unknown) =>
  queryEvaluationError(scope, `${sentence(source, field)} threw an error during evaluation${describeError(error)}`);

/** Codes of the errors the guardrails and AWS's functions raise for an expression that grows too big. */
export const MEMORY_LIMIT_CODE = "SFN.MemoryLimit";
const MEMORY_LIMIT = "Expression evaluation memory limit exceeded: Check for excessive memory usage";
const STACK_OVERFLOW =
  "Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.";
const TIMEOUT = "Expression evaluation timeout: Check for infinite loop";

/**
 * The tail AWS puts after "threw an error during evaluation": ". <CODE>: <message>" for a coded
 * JSONata error, ": <message>" for the resource bounds, which carry no code.
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#handling-errors-jsonata-expressions
 */
function describeError(error: unknown): string {
  if (error instanceof RangeError) return `: ${STACK_OVERFLOW}`; // the JS stack ran out first
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message : String(error);
  switch (e.code) {
    case "D1011": return `: ${STACK_OVERFLOW}`;
    case "D1012": return `: ${TIMEOUT}`;
    case "D2014": case "D2015": case MEMORY_LIMIT_CODE: return `: ${MEMORY_LIMIT}`;
  }
  return typeof e.code === "string" ? `. ${e.code}: ${message}` : `: ${message}`;
}
