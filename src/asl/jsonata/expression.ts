/** @module One `{% %}` expression, parsed once: its variable references found, AWS's dialect installed. */
import jsonata from "jsonata";
import type { EvalScope } from "../scope.js";
import { bindingsFor, type VariableReference } from "./bindings.js";
import { JsonataSyntaxError } from "./errors.js";
import { installFunctions } from "./functions.js";
import type { StatesBinding } from "./index.js";

/**
 * Guardrails. AWS: an expression running "longer than 1 second" fails with "Expression evaluation
 * timeout", one exceeding "the maximum recursion depth" with "Stack overflow error", one using too
 * much memory with "Expression evaluation memory limit exceeded".
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#handling-errors-jsonata-expressions
 * The depth (100) and the sequence bound (873,782 elements: AWS accepts `[1..873782]` and refuses one
 * more) were measured against AWS by others. jsonata checks the clock only when it enters an
 * expression node, so a single slow built-in call ($sort of a huge array, a regex) is not cut short.
 */
const OPTIONS = { timeout: 1000, stack: 100, sequence: 873_782 };

/** `$eval` is not available in Step Functions: every `$eval` is renamed to a name nothing binds. */
const EVAL_ALIAS = "eval ";

/** `$` (context), `$$` (root) and `$states` are not workflow variables. */
const NOT_VARIABLES = new Set(["", "$", "states"]);

/** True for a string AWS evaluates: it starts with `{%` and ends with `%}`, no surrounding spaces. */
export const isJsonataExpression = (s: string): boolean => s.length >= 4 && s.startsWith("{%") && s.endsWith("%}");

export class CompiledExpression {
  /** The expression as AWS quotes it in causes: the text between the delimiters, trimmed. */
  readonly source: string;
  /**
   * True when the expression only selects (`$states.input.a.b`, `$var`): its value is then made of
   * the bound JSON itself, and only its top level needs a look (see toJsonValue).
   */
  readonly selectsOnly: boolean;
  readonly #expression: jsonata.Expression;
  readonly #variables: readonly VariableReference[];

  /** `text` is the whole `{% ... %}` string; `pointer` locates it for a JsonataSyntaxError. */
  constructor(text: string, pointer: string) {
    const body = text.slice(2, -2);
    this.source = body.trim();
    let expression: jsonata.Expression;
    try {
      expression = jsonata(body, OPTIONS);
    } catch (e) {
      throw new JsonataSyntaxError(this.source, pointer, e);
    }
    this.selectsOnly = isSelection(expression.ast());
    const names = referencedNames(expression.ast());
    installFunctions(expression, names);
    this.#expression = expression;
    this.#variables = variableReferences(names);
  }

  /** The raw jsonata result (undefined when the expression returned nothing); rejects with jsonata's error. */
  evaluate(states: StatesBinding, scope: EvalScope): Promise<unknown> {
    return this.#expression.evaluate(undefined, bindingsFor(this.#variables, states, scope));
  }
}

const PLAIN_STEP_KEYS = new Set(["type", "value", "position"]);
const isPlainStep = (step: object, type: "variable" | "name"): boolean =>
  (step as { type?: unknown }).type === type && Object.keys(step).every((k) => PLAIN_STEP_KEYS.has(k));

/** `$name` or `$name.field.field`: no filters, constructors, functions or wildcards. */
function isSelection(ast: jsonata.ExprNode): boolean {
  if (isPlainStep(ast, "variable")) return true;
  // jsonata's typings omit the "path" node type its parser produces.
  if ((ast as { type: string }).type !== "path" || !Object.keys(ast).every((k) => k === "type" || k === "steps")) return false;
  const steps = ast.steps ?? [];
  return steps.length > 0 && isPlainStep(steps[0]!, "variable") && steps.slice(1).every((s) => isPlainStep(s, "name"));
}

/** The workflow variables among `names`; a variable called `eval` is still reachable as `$eval`. */
function variableReferences(names: ReadonlySet<string>): VariableReference[] {
  const references: VariableReference[] = [];
  for (const key of names) {
    if (!NOT_VARIABLES.has(key)) references.push({ key, name: key === EVAL_ALIAS ? "eval" : key });
  }
  return references;
}

/**
 * The `$names` an expression references (variables and functions alike), renaming `$eval` on the
 * way. Nodes of type "variable" are the only place a `$name` appears in jsonata's AST.
 */
function referencedNames(ast: jsonata.ExprNode): Set<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as { type?: unknown; value?: unknown } & Record<string, unknown>;
    if (n.type === "variable" && typeof n.value === "string") {
      const name = n.value === "eval" ? EVAL_ALIAS : n.value;
      n.value = name;
      names.add(name);
    }
    for (const key in n) visit(n[key]);
  };
  visit(ast);
  return names;
}
