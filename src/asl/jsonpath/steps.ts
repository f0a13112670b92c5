/** @module The compiled form of a JSONPath: a root and a flat list of selector steps. */
import type { JsonValue } from "../../shared/json.js";

/** `.name` / `['name']`: one property. `guarded` when the name is also an Object.prototype member. */
export interface NameStep {
  readonly kind: "name";
  readonly name: string;
  readonly guarded: boolean;
}
/** `[n]`: one array element; negative counts from the end (Jayway). */
export interface IndexStep {
  readonly kind: "index";
  readonly index: number;
}
/** `['a','b']`: several properties (merged into one object when last, as Jayway does). */
export interface NamesStep {
  readonly kind: "names";
  readonly names: readonly string[];
}
/** `[0,2]`: several array elements. */
export interface IndexesStep {
  readonly kind: "indexes";
  readonly indexes: readonly number[];
}
/** `.*` / `[*]`: every property value or element. */
export interface WildcardStep {
  readonly kind: "wildcard";
}
/** `[from:to]` (a third `:step` part is accepted and ignored, as Jayway does). */
export interface SliceStep {
  readonly kind: "slice";
  readonly from: number | undefined;
  readonly to: number | undefined;
}
/** `[?(...)]`: elements (or the object itself) the predicate accepts. */
export interface FilterStep {
  readonly kind: "filter";
  readonly filter: FilterExpr;
}
/** `..`: applies the following step at every depth. */
export interface ScanStep {
  readonly kind: "scan";
}

export type Step = NameStep | IndexStep | NamesStep | IndexesStep | WildcardStep | SliceStep | FilterStep | ScanStep;

/** Where a path starts: `$`, `$$`, `$name`, or (inside a filter) `@` the node under test. */
export type StepRoot = "input" | "context" | "variable" | "current";

export interface ParsedPath {
  readonly root: StepRoot;
  readonly variable: string | undefined;
  readonly steps: readonly Step[];
  readonly definite: boolean;
}

/** A filter operand: a path (relative `@` or absolute `$`), a literal, or a `/regex/`. */
export type Operand =
  | { readonly kind: "path"; readonly path: ParsedPath }
  | { readonly kind: "literal"; readonly value: JsonValue }
  | { readonly kind: "regex"; readonly regex: RegExp };

export type RelationalOperator =
  | "==" | "!=" | "<" | "<=" | ">" | ">=" | "===" | "!==" | "=~"
  | "in" | "nin" | "subsetof" | "anyof" | "noneof" | "all" | "size" | "empty" | "contains";

export type FilterExpr =
  | { readonly kind: "or"; readonly operands: readonly FilterExpr[] }
  | { readonly kind: "and"; readonly operands: readonly FilterExpr[] }
  | { readonly kind: "not"; readonly operand: FilterExpr }
  | { readonly kind: "exists"; readonly path: ParsedPath; readonly expected: boolean }
  | { readonly kind: "compare"; readonly operator: RelationalOperator; readonly left: Operand; readonly right: Operand };

/** Jayway: a path is definite when it has only single names and single indexes (or a final name list). */
export function isDefinite(steps: readonly Step[]): boolean {
  for (let i = 0; i < steps.length; i++) {
    const k = steps[i]!.kind;
    if (k === "name" || k === "index") continue;
    if (k === "names" && i === steps.length - 1) continue;
    return false;
  }
  return true;
}
