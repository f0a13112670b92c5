/** @module Compiles a JSONPath Choice rule (And/Or/Not over data tests) once into a predicate closure. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { type CompiledPath, compilePath } from "../jsonpath/index.js";
import type { EvalScope } from "../scope.js";
import { compileLiteralComparison, compilePathComparison } from "./comparison.js";
import type { ChoicePredicate } from "./index.js";
import { BOOLEAN_OPERATORS, lookupOperator, type TypeTestOperator } from "./operators.js";
import { ChoiceRuleSyntaxError } from "./rule-error.js";
import { compileStringMatches } from "./string-matches.js";
import { isTimestamp } from "./timestamp.js";

/**
 * Compiles one JSONPath Choice rule (a top-level entry of `Choices`, or a rule nested in And/Or/Not;
 * `Next`, `Comment` and `Assign` are ignored). Throws ChoiceRuleSyntaxError for a malformed rule.
 *
 * The predicate throws StatesFailure(States.Runtime) when the rule's `Variable` (or a `...Path`
 * operand) finds nothing, except for IsPresent, which is then false.
 */
export function compileChoiceRule(rule: JsonObject): ChoicePredicate {
  return compileRule(rule, "");
}

const join = (location: string, field: string): string => (location ? `${location}.${field}` : field);

function compileRule(rule: JsonValue, location: string): ChoicePredicate {
  if (!isJsonObject(rule)) throw new ChoiceRuleSyntaxError(location, "a Choice rule must be an object");
  const booleans = BOOLEAN_OPERATORS.filter((op) => rule[op] !== undefined);
  if (booleans.length === 0) return compileDataTest(rule, location);
  if (booleans.length > 1 || rule.Variable !== undefined || Object.keys(rule).some((k) => lookupOperator(k))) {
    throw new ChoiceRuleSyntaxError(location, "a Choice rule must have exactly one of And, Or, Not or Variable");
  }
  const op = booleans[0]!;
  const operand = rule[op]!;
  if (op === "Not") {
    const inner = compileRule(operand, join(location, "Not"));
    return (input, scope) => !inner(input, scope);
  }
  if (!Array.isArray(operand) || operand.length === 0) {
    throw new ChoiceRuleSyntaxError(join(location, op), "must be a non-empty array of Choice rules");
  }
  const rules = operand.map((r, i) => compileRule(r, `${join(location, op)}[${i}]`));
  if (op === "And") {
    return (input, scope) => {
      for (let i = 0; i < rules.length; i++) if (!rules[i]!(input, scope)) return false;
      return true;
    };
  }
  return (input, scope) => {
    for (let i = 0; i < rules.length; i++) if (rules[i]!(input, scope)) return true;
    return false;
  };
}

function compileDataTest(rule: JsonObject, location: string): ChoicePredicate {
  const found: string[] = [];
  for (const field of Object.keys(rule)) if (lookupOperator(field)) found.push(field);
  if (found.length !== 1) {
    throw new ChoiceRuleSyntaxError(
      location,
      found.length === 0
        ? "a Choice rule needs And, Or, Not or a comparison operator"
        : `a Choice rule must have exactly one comparison operator, found ${found.join(", ")}`,
    );
  }
  if (typeof rule.Variable !== "string") {
    throw new ChoiceRuleSyntaxError(join(location, "Variable"), "a comparison needs a Variable path string");
  }
  const variable = compileRulePath(rule.Variable, join(location, "Variable"));
  const field = found[0]!;
  const operand = rule[field]!;
  const at = join(location, field);
  const operator = lookupOperator(field)!;

  switch (operator.kind) {
    case "typeTest": {
      if (typeof operand !== "boolean") throw new ChoiceRuleSyntaxError(at, "expected a boolean");
      if (operator.operator === "IsPresent") {
        return (input, scope) => (variable.evaluate(input, scope) !== undefined) === operand;
      }
      const test = TYPE_TESTS[operator.operator];
      return (input, scope) => test(read(variable, input, scope)) === operand;
    }
    case "matches": {
      if (typeof operand !== "string") throw new ChoiceRuleSyntaxError(at, "expected a string pattern");
      const matches = compileStringMatches(operand);
      return (input, scope) => {
        const value = read(variable, input, scope);
        return typeof value === "string" && matches(value);
      };
    }
    case "comparison": {
      if (!operator.path) {
        const test = compileLiteralComparison(operator.operator, operand, at);
        return (input, scope) => test(read(variable, input, scope));
      }
      if (typeof operand !== "string") throw new ChoiceRuleSyntaxError(at, "expected a path string");
      const operandPath = compileRulePath(operand, at);
      const test = compilePathComparison(operator.operator);
      return (input, scope) => {
        const value = read(variable, input, scope);
        return test(value, read(operandPath, input, scope));
      };
    }
  }
}

const TYPE_TESTS: Record<Exclude<TypeTestOperator, "IsPresent">, (value: JsonValue) => boolean> = {
  IsNull: (value) => value === null,
  IsNumeric: (value) => typeof value === "number",
  IsString: (value) => typeof value === "string",
  IsBoolean: (value) => typeof value === "boolean",
  IsTimestamp: (value) => typeof value === "string" && isTimestamp(value),
};

function compileRulePath(source: string, location: string): CompiledPath {
  try {
    return compilePath(source);
  } catch (e) {
    throw new ChoiceRuleSyntaxError(location, `invalid JSONPath '${source}': ${(e as Error).message}`);
  }
}

/** The value at `path`; a path that finds nothing fails the state, with AWS's cause. */
function read(path: CompiledPath, input: JsonValue, scope: EvalScope): JsonValue {
  const value = path.evaluate(input, scope);
  if (value === undefined) {
    throw new StatesFailure(
      StatesError.Runtime,
      failureCause(scope, `Invalid path '${path.source}': The choice state's condition path references an invalid value.`),
    );
  }
  return value;
}
