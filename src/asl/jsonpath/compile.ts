/** @module Compiles JSONPath text once into an evaluator (compilePath) or a value placer (compileReferencePath). */
import type { JsonValue } from "../../shared/json.js";
import { lookupVariable, type EvalScope } from "../scope.js";
import type { CompiledPath, CompiledReferencePath, PathRoot } from "./index.js";
import { evaluateAll, evaluateDefinite, evaluateKeys } from "./evaluate.js";
import { parsePath } from "./parse.js";
import { PathSyntaxError } from "./path-syntax-error.js";
import { assignAt, type ReferenceStep } from "./reference-path.js";
import type { IndexStep, ParsedPath, Step } from "./steps.js";

export { PathSyntaxError } from "./path-syntax-error.js";

/** Compiles a Path (`$...`, `$$...`, `$name...`); throws PathSyntaxError when malformed. */
export function compilePath(path: string): CompiledPath {
  if (typeof path !== "string") throw new PathSyntaxError(String(path), "a path must be a string");
  return new JsonPath(path, parsePath(path, path));
}

class JsonPath implements CompiledPath {
  readonly root: PathRoot;
  readonly variable?: string;
  readonly definite: boolean;
  private readonly steps: readonly Step[];
  /** Names and indexes of a definite path without a final name list, else undefined. */
  private readonly keys: readonly (string | number)[] | undefined;
  private readonly guarded: boolean;
  constructor(
    readonly source: string,
    parsed: ParsedPath,
  ) {
    this.root = parsed.root as PathRoot;
    if (parsed.variable !== undefined) this.variable = parsed.variable;
    this.definite = parsed.definite;
    this.steps = parsed.steps;
    const simple = parsed.steps.every((s) => s.kind === "name" || s.kind === "index");
    this.keys = simple ? parsed.steps.map((s) => (s.kind === "name" ? s.name : (s as IndexStep).index)) : undefined;
    this.guarded = parsed.steps.some((s) => s.kind === "name" && s.guarded);
  }
  evaluate(input: JsonValue, scope: EvalScope): JsonValue | undefined {
    const root = this.root;
    const doc = root === "input" ? input : root === "context" ? scope.context : lookupVariable(scope.variables, this.variable!);
    if (doc === undefined) return this.definite ? undefined : [];
    if (this.keys !== undefined) return evaluateKeys(this.keys, this.guarded, doc);
    if (this.definite) return evaluateDefinite(this.steps, doc);
    return evaluateAll(this.steps, doc, doc);
  }
}

/** Compiles a reference path (`$` or `$` followed by names and single indexes), e.g. a ResultPath. */
export function compileReferencePath(path: string): CompiledReferencePath {
  if (typeof path !== "string") throw new PathSyntaxError(String(path), "a path must be a string");
  const parsed = parsePath(path, path);
  const steps = referenceSteps(path, parsed);
  if (steps.length === 0) return { source: path, assign: (_target, value) => value };
  return { source: path, assign: (target, value) => assignAt(target, steps, value) };
}

function referenceSteps(path: string, parsed: ParsedPath): ReferenceStep[] {
  if (parsed.root !== "input") {
    const what = parsed.root === "context" ? "the context object '$$'" : `the variable '$${parsed.variable}'`;
    throw new PathSyntaxError(path, `a reference path must start with '$' and cannot refer to ${what}`);
  }
  return parsed.steps.map((step) => {
    if (step.kind === "name" || step.kind === "index") return step;
    throw new PathSyntaxError(path, `a reference path must identify a single node; ${describe(step)} is not allowed`);
  });
}

function describe(step: Step): string {
  switch (step.kind) {
    case "names":
      return "a list of names";
    case "indexes":
      return "a list of indexes";
    case "wildcard":
      return "the wildcard '*'";
    case "slice":
      return "an array slice";
    case "filter":
      return "a filter '[?(...)]'";
    case "scan":
      return "the deep scan '..'";
    default:
      return step.kind;
  }
}

/** The PathSyntaxError message for `path`, or undefined when it compiles (for the definition validator). */
export function isPathSyntaxValid(path: string, kind: "path" | "reference"): string | undefined {
  try {
    if (kind === "path") compilePath(path);
    else compileReferencePath(path);
    return undefined;
  } catch (e) {
    if (e instanceof PathSyntaxError) return e.message;
    throw e;
  }
}

export { explainMissing } from "./explain-missing.js";
