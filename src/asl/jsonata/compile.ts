/** @module compileTemplate: a field value whose `{% %}` strings are compiled once; constant sub-trees are shared. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";
import { returnedNothing, threwError, unsupportedResultType } from "./errors.js";
import { CompiledExpression, isJsonataExpression } from "./expression.js";
import type { CompiledTemplate, StatesBinding } from "./index.js";
import { toJsonValue, toJsonValueShallow, UNSUPPORTED } from "./result.js";

export { isJsonataExpression } from "./expression.js";
export { JsonataSyntaxError } from "./errors.js";

/**
 * A compiled sub-tree. `path` is its place under the field as AWS names it in causes: "/key" per
 * object key ("Output/result" in the recorded causes), "[i]" per array index.
 */
type Node =
  | { readonly kind: "constant"; readonly value: JsonValue }
  | { readonly kind: "expression"; readonly expression: CompiledExpression; readonly path: string }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly nodes: readonly Node[] }
  | { readonly kind: "array"; readonly nodes: readonly Node[] };

/** The CompiledTemplate behind compileTemplate; `expression` is set when the whole value is one `{% %}`. */
export class Template implements CompiledTemplate {
  readonly constant: boolean;
  readonly expression: CompiledExpression | undefined;
  readonly #root: Node;
  readonly #resolved: Promise<JsonValue> | undefined;

  constructor(root: Node) {
    this.#root = root;
    this.constant = root.kind === "constant";
    this.expression = root.kind === "expression" ? root.expression : undefined;
    this.#resolved = root.kind === "constant" ? Promise.resolve(root.value) : undefined;
  }

  evaluate(states: StatesBinding, scope: EvalScope, field: string): Promise<JsonValue> {
    return this.#resolved ?? evaluateNode(this.#root, states, scope, field);
  }
}

/**
 * Compiles a field value: every string `{% expr %}` (no spaces outside the delimiters) is an
 * expression, everything else is literal. Throws JsonataSyntaxError for an expression that does not parse.
 */
export function compileTemplate(value: JsonValue): CompiledTemplate {
  return new Template(compileNode(value, "", ""));
}

function compileNode(value: JsonValue, path: string, pointer: string): Node {
  if (typeof value === "string") {
    return isJsonataExpression(value)
      ? { kind: "expression", expression: new CompiledExpression(value, pointer), path }
      : { kind: "constant", value };
  }
  if (Array.isArray(value)) {
    const nodes = value.map((item, i) => compileNode(item, `${path}[${i}]`, `${pointer}/${i}`));
    return nodes.every((n) => n.kind === "constant") ? { kind: "constant", value } : { kind: "array", nodes };
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const nodes = keys.map((k) => compileNode(value[k] as JsonValue, `${path}/${k}`, `${pointer}/${escapePointer(k)}`));
    return nodes.every((n) => n.kind === "constant") ? { kind: "constant", value } : { kind: "object", keys, nodes };
  }
  return { kind: "constant", value };
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

async function evaluateNode(node: Node, states: StatesBinding, scope: EvalScope, field: string): Promise<JsonValue> {
  switch (node.kind) {
    case "constant":
      return node.value;
    case "expression":
      return evaluateExpression(node.expression, states, scope, field, node.path);
    case "object": {
      const out: JsonObject = {};
      for (let i = 0; i < node.keys.length; i++) {
        const child = node.nodes[i]!;
        out[node.keys[i]!] = child.kind === "constant" ? child.value : await evaluateNode(child, states, scope, field);
      }
      return out;
    }
    case "array": {
      const out: JsonValue[] = new Array<JsonValue>(node.nodes.length);
      for (let i = 0; i < node.nodes.length; i++) {
        const child = node.nodes[i]!;
        out[i] = child.kind === "constant" ? child.value : await evaluateNode(child, states, scope, field);
      }
      return out;
    }
  }
}

/**
 * One expression's JSON value. AWS fails the state when an expression returns nothing, wherever it
 * sits ("... specified for the field 'Output/result' returned nothing (undefined)."): a field is
 * never silently dropped.
 */
async function evaluateExpression(
  expression: CompiledExpression,
  states: StatesBinding,
  scope: EvalScope,
  field: string,
  path: string,
): Promise<JsonValue> {
  let raw: unknown;
  try {
    raw = await expression.evaluate(states, scope);
  } catch (e) {
    throw threwError(scope, expression.source, field + path, e);
  }
  if (raw === undefined) throw returnedNothing(scope, expression.source, field + path);
  const value = expression.selectsOnly ? toJsonValueShallow(raw) : toJsonValue(raw);
  if (value === UNSUPPORTED) throw unsupportedResultType(scope, expression.source, field + path);
  return value;
}
