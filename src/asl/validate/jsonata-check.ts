/** @module `{% ... %}` expressions of JSONata states: parsed with the jsonata package, and the references AWS refuses. */
import jsonata from "jsonata";
import { at, Code, item, type Diagnostics } from "./diagnostics.js";
import { isJsonataString, isJsonObject } from "./values.js";

export interface ExpressionRules {
  /** `$states.errorOutput` exists here (only a Catch's own Output and Assign). */
  readonly errorOutput?: boolean;
}

/** The parts of jsonata's parse tree the walk reads (its published type lacks several node kinds). */
interface Node {
  readonly type?: string;
  readonly value?: unknown;
  readonly steps?: Node[];
  readonly expressions?: Node[];
  readonly expression?: Node;
  readonly arguments?: Node[];
  readonly procedure?: Node;
  readonly lhs?: Node | Node[][];
  readonly rhs?: Node;
  readonly body?: Node;
  readonly condition?: Node;
  readonly then?: Node;
  readonly else?: Node;
}

const ERROR_OUTPUT = "\u0000errorOutput";
const MAX_AST_DEPTH = 500;

/**
 * Checks one `{% ... %}` string. AWS parses every expression when the definition is created and
 * refuses one that does not parse (INVALID_JSONATA_EXPRESSION, with the parser's message) or that
 * reads what is never there (UNSUPPORTED_JSONATA_EXPRESSION): a JSONata expression in Step
 * Functions has no context item, so a path starting with a bare name or `$` reads nothing, and
 * `$$` and `$states.errorOutput` (outside a Catch) do not exist.
 */
export function checkJsonataExpression(out: Diagnostics, source: string, location: string, rules: ExpressionRules = {}): void {
  let ast: Node;
  try {
    ast = jsonata(source.slice(2, -2)).ast() as Node;
  } catch (e) {
    out.error(Code.InvalidJsonata, messageOf(e), location);
    return;
  }
  const found = new Set<string>();
  collect(ast, found, 0);
  for (const ref of found) {
    if (ref === ERROR_OUTPUT) {
      if (!rules.errorOutput) out.error(Code.UnsupportedJsonata, "Field '$states.errorOutput' does not exist.", location);
    } else if (ref === "$$") {
      out.error(Code.UnsupportedJsonata, "Reference to '$$' is not supported.", location);
    } else {
      out.error(Code.UnsupportedJsonata, `Reference to '${ref}' at the top level is not supported.`, location);
    }
  }
}

/** jsonata throws plain objects `{ code, message, position }`; AWS reports the message without the code. */
function messageOf(e: unknown): string {
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
  return String(e);
}

/**
 * The references an expression makes against the (absent) top-level context. Only the first step
 * of a path reads that context: later steps, predicates, sort terms and group-by objects read what
 * the step before produced, so the walk never enters them. A lambda body keeps the context of the
 * expression that defines it, so it is walked.
 */
function collect(node: Node | undefined, found: Set<string>, depth: number): void {
  if (!node || typeof node !== "object" || depth > MAX_AST_DEPTH) return;
  const next = depth + 1;
  switch (node.type) {
    case "path": {
      const steps = node.steps ?? [];
      collect(steps[0], found, next);
      const [first, second] = steps;
      if (first?.type === "variable" && first.value === "states" && second?.type === "name" && second.value === "errorOutput") {
        found.add(ERROR_OUTPUT);
      }
      return;
    }
    case "name":
      found.add(String(node.value));
      return;
    case "variable":
      // `$` is the context item (empty name); `$$` parses as a variable named "$".
      if (node.value === "") found.add("$");
      else if (node.value === "$") found.add("$$");
      return;
    case "unary":
      if (node.value === "[") collectAll(node.expressions, found, next);
      else if (node.value === "{") {
        for (const pair of (node.lhs ?? []) as Node[][]) collectAll(pair, found, next);
      } else collect(node.expression, found, next);
      return;
    case "binary":
    case "apply":
      collect(node.lhs as Node | undefined, found, next);
      collect(node.rhs, found, next);
      return;
    case "function":
    case "partial":
      collect(node.procedure, found, next);
      collectAll(node.arguments, found, next);
      return;
    case "lambda":
      collect(node.body, found, next);
      return;
    case "condition":
      collect(node.condition, found, next);
      collect(node.then, found, next);
      collect(node.else, found, next);
      return;
    case "block":
      collectAll(node.expressions, found, next);
      return;
    case "bind":
      collect(node.rhs, found, next);
      return;
    default:
      // Literals, regexes, wildcards, descendants, transforms: no top-level read.
      return;
  }
}

function collectAll(nodes: readonly Node[] | undefined, found: Set<string>, depth: number): void {
  if (!Array.isArray(nodes)) return;
  for (const n of nodes) collect(n, found, depth);
}

/** Checks every `{% ... %}` string anywhere inside `value` (iteratively: values may nest deeply). */
export function checkJsonataValue(out: Diagnostics, value: unknown, location: string, rules: ExpressionRules = {}): void {
  const stack: [unknown, string][] = [[value, location]];
  while (stack.length > 0) {
    const [v, loc] = stack.pop()!;
    if (isJsonataString(v)) checkJsonataExpression(out, v, loc, rules);
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], item(loc, i)]);
    } else if (isJsonObject(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], at(loc, entries[i]![0])]);
    }
  }
}
