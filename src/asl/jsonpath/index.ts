/** @module JSONPath as Step Functions evaluates it (Jayway semantics): compiled once, evaluated many times. */
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";

/** What a path reads from: `$` the state's input, `$$` the context object, `$name` a variable. */
export type PathRoot = "input" | "context" | "variable";

export interface CompiledPath {
  readonly source: string;
  readonly root: PathRoot;
  /** Variable name when root is "variable" (`$x.y` -> "x"). */
  readonly variable?: string;
  /** A definite path names one node; an indefinite one (wildcard, slice, filter, `..`, union) yields a list. */
  readonly definite: boolean;
  /**
   * The value at the path, or `undefined` when it does not exist. Indefinite paths return an array
   * (possibly empty). Never throws on missing data, never copies.
   */
  evaluate(input: JsonValue, scope: EvalScope): JsonValue | undefined;
}

/** A ResultPath-style reference path: definite, `$`-rooted, used to place a value into the input. */
export interface CompiledReferencePath {
  readonly source: string;
  /**
   * Returns `target` with `value` placed at the path, creating missing objects, sharing unchanged
   * branches (never deep-copies). Returns undefined when the path cannot be created (a node on the
   * way is not an object), which the caller reports as States.ResultPathMatchFailure.
   */
  assign(target: JsonValue, value: JsonValue): JsonValue | undefined;
}

/** Throws a SyntaxError-like `PathSyntaxError` for a malformed path. */
export { compilePath, compileReferencePath, PathSyntaxError, isPathSyntaxValid, explainMissing } from "./compile.js";
