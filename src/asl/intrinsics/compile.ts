/** @module Compiles an intrinsic call into a tree of closures: parsed and checked once, evaluated many times. */
import type { JsonValue } from "../../shared/json.js";
import { compilePath, type CompiledPath } from "../jsonpath/index.js";
import type { EvalScope } from "../scope.js";
import { invalidArguments, pathArgumentNotFound } from "./failure.js";
import type { CompiledCallSite } from "./function.js";
import type { CompiledIntrinsic } from "./index.js";
import { parseIntrinsic, type CallNode, type IntrinsicNode, type PathNode } from "./parse.js";
import { INTRINSIC_FUNCTIONS } from "./registry.js";
import { IntrinsicSyntaxError } from "./syntax-error.js";

export { IntrinsicSyntaxError } from "./syntax-error.js";

type Evaluate = (input: JsonValue, scope: EvalScope) => JsonValue;

const CALL_START = /^States\.[A-Za-z][A-Za-z0-9]*\s*\(/;
const NO_ARGS: readonly JsonValue[] = Object.freeze([]);

/** Whether `text` is written as an intrinsic call (`States.Name(`...), as opposed to a path. */
export const isIntrinsicCall = (text: string): boolean => CALL_START.test(text);

/**
 * Compiles `States.Name(args...)`. Throws IntrinsicSyntaxError for a malformed call, an unknown
 * function, a bad literal or path, or nesting deeper than 10. A wrong argument count is not a
 * compile error: AWS accepts such definitions and fails the execution (States.Runtime,
 * "Invalid arguments in States.X"), so the compiled call does the same.
 */
export function compileIntrinsic(text: string): CompiledIntrinsic {
  const call = parseIntrinsic(text);
  return { source: text, evaluate: compileCall(call, text) };
}

function compileCall(node: CallNode, text: string): Evaluate {
  const fn = INTRINSIC_FUNCTIONS.get(node.name);
  if (!fn) throw new IntrinsicSyntaxError(text, node.start, `unknown intrinsic function ${node.name}`);
  const site: CompiledCallSite = { name: node.name, source: node.source, prepared: fn.prepare?.(node.args) };
  const count = node.args.length;
  if (count < fn.minArgs || count > fn.maxArgs) {
    return (_input, scope) => {
      throw invalidArguments(scope, site);
    };
  }
  const args = node.args.map((arg) => compileArgument(arg, site, text));
  if (count === 0) return (_input, scope) => fn.apply(NO_ARGS, scope, site);
  if (count === 1) {
    const [a] = args as [Evaluate];
    return (input, scope) => fn.apply([a(input, scope)], scope, site);
  }
  if (count === 2) {
    const [a, b] = args as [Evaluate, Evaluate];
    return (input, scope) => fn.apply([a(input, scope), b(input, scope)], scope, site);
  }
  return (input, scope) => {
    const values = new Array<JsonValue>(count);
    for (let i = 0; i < count; i++) values[i] = args[i]!(input, scope);
    return fn.apply(values, scope, site);
  };
}

function compileArgument(node: IntrinsicNode, site: CompiledCallSite, text: string): Evaluate {
  switch (node.kind) {
    case "literal": {
      const value = node.value;
      return () => value;
    }
    case "call":
      return compileCall(node, text);
    case "path":
      return compilePathArgument(node, site, text);
  }
}

function compilePathArgument(node: PathNode, site: CompiledCallSite, text: string): Evaluate {
  let path: CompiledPath;
  try {
    path = compilePath(node.source);
  } catch (e) {
    throw new IntrinsicSyntaxError(text, node.start, e instanceof Error ? e.message : String(e));
  }
  return (input, scope) => {
    const value = path.evaluate(input, scope);
    if (value === undefined) throw pathArgumentNotFound(scope, site, node.source, input);
    return value;
  };
}
