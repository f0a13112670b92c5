/** @module Intrinsic functions (States.Format, States.Array, ...): parsed once, evaluated many times. */
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";

export interface CompiledIntrinsic {
  readonly source: string;
  /** Evaluates the call; throws StatesFailure(States.IntrinsicFailure, cause) on bad arguments. */
  evaluate(input: JsonValue, scope: EvalScope): JsonValue;
}

export { compileIntrinsic, isIntrinsicCall, IntrinsicSyntaxError } from "./compile.js";
