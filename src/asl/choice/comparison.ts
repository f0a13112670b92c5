/** @module Typed comparisons (String*, Numeric*, Boolean*, Timestamp*): a wrong-typed value compares false. */
import type { JsonValue } from "../../shared/json.js";
import { type ComparisonOperator, type Relation, satisfies } from "./operators.js";
import { ChoiceRuleSyntaxError } from "./rule-error.js";
import { compareInstants, createInstant, parseTimestampInto } from "./timestamp.js";

/**
 * AWS: "For each of these operators, the corresponding value must be of the appropriate type: string,
 * number, Boolean, or timestamp. Step Functions doesn't attempt to match a numeric field to a string
 * value." A value of another type makes the comparison false, never an error.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */

/** -1, 0 or 1. Strings compare by UTF-16 code unit, as Java's String.compareTo (which AWS cites). */
const order = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The test for a comparison against a fixed operand from the definition. Throws
 * ChoiceRuleSyntaxError when the operand is not of the operator's type.
 */
export function compileLiteralComparison(
  operator: ComparisonOperator,
  operand: JsonValue,
  location: string,
): (value: JsonValue) => boolean {
  const { type, relation } = operator;
  switch (type) {
    case "String": {
      if (typeof operand !== "string") throw new ChoiceRuleSyntaxError(location, "expected a string");
      if (relation === "Equals") return (value) => value === operand;
      return (value) => typeof value === "string" && satisfies(relation, order(value, operand));
    }
    case "Numeric": {
      if (typeof operand !== "number") throw new ChoiceRuleSyntaxError(location, "expected a number");
      if (relation === "Equals") return (value) => value === operand;
      return (value) => typeof value === "number" && satisfies(relation, order(value, operand));
    }
    case "Boolean": {
      if (typeof operand !== "boolean") throw new ChoiceRuleSyntaxError(location, "expected a boolean");
      return (value) => value === operand;
    }
    case "Timestamp": {
      const fixed = createInstant();
      if (typeof operand !== "string" || !parseTimestampInto(operand, fixed)) {
        throw new ChoiceRuleSyntaxError(location, "expected an RFC 3339 timestamp string");
      }
      const scratch = createInstant();
      return (value) =>
        typeof value === "string" &&
        parseTimestampInto(value, scratch) &&
        satisfies(relation, compareInstants(scratch, fixed));
    }
  }
}

/** The test for a `...Path` comparison: both the value and the operand come from the data. */
export function compilePathComparison(operator: ComparisonOperator): (value: JsonValue, operand: JsonValue) => boolean {
  const { type, relation } = operator;
  switch (type) {
    case "String":
      return (value, operand) =>
        typeof value === "string" && typeof operand === "string" && satisfies(relation, order(value, operand));
    case "Numeric":
      return (value, operand) =>
        typeof value === "number" && typeof operand === "number" && satisfies(relation, order(value, operand));
    case "Boolean":
      return (value, operand) => typeof value === "boolean" && value === operand;
    case "Timestamp":
      return compileTimestampPathComparison(relation);
  }
}

function compileTimestampPathComparison(relation: Relation): (value: JsonValue, operand: JsonValue) => boolean {
  const left = createInstant();
  const right = createInstant();
  return (value, operand) =>
    typeof value === "string" &&
    typeof operand === "string" &&
    parseTimestampInto(value, left) &&
    parseTimestampInto(operand, right) &&
    satisfies(relation, compareInstants(left, right));
}
