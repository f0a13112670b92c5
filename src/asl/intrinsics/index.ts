/** @module Intrinsic functions (States.Format, States.Array, ...): parsed once, evaluated many times. */
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";

export interface CompiledIntrinsic {
  readonly source: string;
  /** Evaluates the call; throws StatesFailure(INTRINSIC_FAILURE_ERROR = States.Runtime, cause) on bad arguments or a missing path. */
  evaluate(input: JsonValue, scope: EvalScope): JsonValue;
}

export { compileIntrinsic, isIntrinsicCall, IntrinsicSyntaxError } from "./compile.js";
/** The error name intrinsic failures carry (States.Runtime, as AWS reports them). */
export { INTRINSIC_FAILURE_ERROR } from "./failure.js";
