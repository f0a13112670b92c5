/** @module JSONata in Step Functions: `{% ... %}` templates compiled once, evaluated with `$states` and variables. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";

/** The `$states` reserved variable for one evaluation (fields absent where AWS does not offer them). */
export interface StatesBinding {
  readonly input: JsonValue;
  readonly result?: JsonValue;
  readonly errorOutput?: JsonValue;
  readonly context: JsonObject;
}

/**
 * A field value (any JSON) in which every string of the form `{% expr %}` is a JSONata expression.
 * Strings, numbers and objects without expressions are returned as they are.
 */
export interface CompiledTemplate {
  /** True when the template holds no expression (evaluate returns it unchanged). */
  readonly constant: boolean;
  /**
   * Evaluates every expression with `$states` and the variables visible from `scope`. `field` names
   * the field for AWS's error causes ("Output", "Arguments", "Assign", ...). Throws
   * StatesFailure(States.QueryEvaluationError, <AWS cause>) on failure.
   */
  evaluate(states: StatesBinding, scope: EvalScope, field: string): Promise<JsonValue>;
}

export { compileTemplate, isJsonataExpression, JsonataSyntaxError } from "./compile.js";
export { evaluateAs, evaluateAssign, evaluateCondition, isOfKind, type JsonKind, type JsonOfKind } from "./evaluate.js";
export { STEP_FUNCTIONS_FUNCTIONS } from "./functions.js";
