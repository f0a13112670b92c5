/** @module The error a malformed Choice rule raises when it is compiled (a definition error, not a runtime failure). */

/** Thrown by compileChoiceRule for a rule AWS would reject when the state machine is created. */
export class ChoiceRuleSyntaxError extends Error {
  /** Where in the rule, e.g. "And[1].NumericEquals". */
  readonly location: string;
  constructor(location: string, message: string) {
    super(location ? `${location}: ${message}` : message);
    this.name = "ChoiceRuleSyntaxError";
    this.location = location;
  }
}
