/** @module The in-process runner: compile once, run many times with handlers, a clock and options. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { compilePlan, validateDefinition, type Diagnostic, type Plan } from "../asl/index.js";
import type { RunOptions, RunResult } from "./types.js";
import { runExecution } from "./run-execution.js";

export interface StateMachine {
  /** The definition as given (parsed). */
  readonly definition: JsonObject;
  /** The compiled plan (read-only), for tools that draw or inspect the machine. */
  readonly plan: Plan;
  /** Runs one execution. `input` is a parsed JSON value (default `{}`). Never rejects for ASL-level failures. */
  run(input?: JsonValue, options?: RunOptions): Promise<RunResult>;
}

export type CompileResult =
  | { readonly ok: true; readonly machine: StateMachine; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Validates and compiles a definition (an object, or JSON text). Invalid definitions give
 * diagnostics (code, location, message) and no machine.
 */
export function compileStateMachine(definition: unknown): CompileResult {
  let parsed: unknown = definition;
  if (typeof definition === "string") {
    try {
      parsed = JSON.parse(definition);
    } catch (e) {
      return { ok: false, diagnostics: [diagnostic("INVALID_JSON_DESCRIPTION", "/", `The definition is not valid JSON: ${(e as Error).message}`)] };
    }
  }
  const diagnostics = validateDefinition(parsed);
  const errors = diagnostics.filter((d: Diagnostic) => d.severity === "ERROR");
  if (errors.length > 0) return { ok: false, diagnostics };
  let plan: Plan;
  try {
    plan = compilePlan(parsed as JsonObject);
  } catch (e) {
    return { ok: false, diagnostics: [diagnostic("SCHEMA_VALIDATION_FAILED", "/", (e as Error).message)] };
  }
  const machine: StateMachine = {
    definition: parsed as JsonObject,
    plan,
    run: (input = {}, options = {}) => runExecution(plan, input, options),
  };
  return { ok: true, machine, warnings: diagnostics };
}

const diagnostic = (code: string, location: string, message: string): Diagnostic => ({ severity: "ERROR", code, location, message });

export type { TaskHandler, TaskRequest, RunOptions, RunResult, RunContext } from "./types.js";
export { ExecutionStatus } from "./types.js";
