/** @module Static validation of a definition, with the checks AWS's ValidateStateMachineDefinition makes. */

export interface Diagnostic {
  readonly severity: "ERROR" | "WARNING";
  /** AWS's diagnostic code, e.g. "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET". */
  readonly code: string;
  /** JSON pointer-like location in the definition, e.g. "/States/Choose/Choices/0/Next". */
  readonly location: string;
  /** A message a person understands. */
  readonly message: string;
}

export { validateDefinition, formatInvalidDefinition } from "./validate.js";
