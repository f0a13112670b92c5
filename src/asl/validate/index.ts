/** @module Static validation of a definition, with the checks AWS's ValidateStateMachineDefinition makes. */

export interface Diagnostic {
  readonly severity: "ERROR" | "WARNING";
  /** AWS's diagnostic code, e.g. "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET". */
  readonly code: string;
  /**
   * Location in the definition as AWS writes it: "/" for the root object, "/States/Choose/Choices[0]/Next"
   * below it (array elements in brackets), "" when the diagnostic has none (AWS prints "at null").
   */
  readonly location: string;
  /** A message a person understands. */
  readonly message: string;
}

export { validateDefinition, formatInvalidDefinition } from "./validate.js";
/** AWS's diagnostic codes this validator emits. */
export { Code as DiagnosticCode } from "./diagnostics.js";
