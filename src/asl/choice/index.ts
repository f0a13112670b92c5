/** @module Choice rules (JSONPath flavour): compiled once into predicates. */
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";

export type ChoicePredicate = (input: JsonValue, scope: EvalScope) => boolean;

export { compileChoiceRule } from "./compile.js";
export { ChoiceRuleSyntaxError } from "./rule-error.js";
