/** @module The JSONPath Choice rule operators, spelled as AWS spells them. */

/** What a comparison operator compares: its operand type and the relation it tests. */
export interface ComparisonOperator {
  readonly type: "String" | "Numeric" | "Boolean" | "Timestamp";
  readonly relation: Relation;
}

export const Relation = {
  Equals: "Equals",
  LessThan: "LessThan",
  GreaterThan: "GreaterThan",
  LessThanEquals: "LessThanEquals",
  GreaterThanEquals: "GreaterThanEquals",
} as const;
export type Relation = (typeof Relation)[keyof typeof Relation];

/** Whether `order` (negative, zero, positive: left before, equal to, after right) satisfies `relation`. */
export function satisfies(relation: Relation, order: number): boolean {
  switch (relation) {
    case Relation.Equals:
      return order === 0;
    case Relation.LessThan:
      return order < 0;
    case Relation.GreaterThan:
      return order > 0;
    case Relation.LessThanEquals:
      return order <= 0;
    case Relation.GreaterThanEquals:
      return order >= 0;
  }
}

const ORDERED_RELATIONS = Object.values(Relation);

function comparisonTable(): ReadonlyMap<string, ComparisonOperator> {
  const table = new Map<string, ComparisonOperator>();
  for (const type of ["String", "Numeric", "Timestamp"] as const) {
    for (const relation of ORDERED_RELATIONS) table.set(`${type}${relation}`, { type, relation });
  }
  table.set("BooleanEquals", { type: "Boolean", relation: Relation.Equals });
  return table;
}

/**
 * StringEquals ... TimestampGreaterThanEquals, BooleanEquals. Each also has a `...Path` form whose
 * value is a path to the operand. StringMatches is separate: AWS offers no StringMatchesPath.
 */
export const COMPARISON_OPERATORS: ReadonlyMap<string, ComparisonOperator> = comparisonTable();

export const STRING_MATCHES = "StringMatches";

/** Type tests: their value is a boolean (`"IsNull": false` tests "is not null"). */
export const TYPE_TEST_OPERATORS = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"] as const;
export type TypeTestOperator = (typeof TYPE_TEST_OPERATORS)[number];

export const BOOLEAN_OPERATORS = ["And", "Or", "Not"] as const;

const PATH_SUFFIX = "Path";

/** The operator a rule field names, or undefined when the field is not an operator. */
export function lookupOperator(
  field: string,
):
  | { readonly kind: "comparison"; readonly operator: ComparisonOperator; readonly path: boolean }
  | { readonly kind: "matches" }
  | { readonly kind: "typeTest"; readonly operator: TypeTestOperator }
  | undefined {
  const direct = COMPARISON_OPERATORS.get(field);
  if (direct) return { kind: "comparison", operator: direct, path: false };
  if (field.endsWith(PATH_SUFFIX)) {
    const viaPath = COMPARISON_OPERATORS.get(field.slice(0, -PATH_SUFFIX.length));
    if (viaPath) return { kind: "comparison", operator: viaPath, path: true };
  }
  if (field === STRING_MATCHES) return { kind: "matches" };
  if ((TYPE_TEST_OPERATORS as readonly string[]).includes(field)) return { kind: "typeTest", operator: field as TypeTestOperator };
  return undefined;
}
