/** @module Jayway's wording for why a definite path found nothing, as AWS quotes it ("Invalid path '$.x' : No results for path: $['x']"). */
import type { JsonValue } from "../../shared/json.js";
import { lookupVariable, type EvalScope } from "../scope.js";
import { readProperty } from "./evaluate.js";
import { parsePath } from "./parse.js";
import type { Step } from "./steps.js";

/**
 * Why the definite `path` finds nothing in `input` (or the scope), worded as Jayway words it:
 * "No results for path: $['a']['b']" (last step missing), "Missing property in path $['a']"
 * (a step before the last missing). Only for failure paths: it re-parses `path`.
 */
export function explainMissing(path: string, input: JsonValue, scope: EvalScope): string {
  const parsed = parsePath(path, path);
  const full = "$" + parsed.steps.map(fragment).join("");
  let node: JsonValue | undefined =
    parsed.root === "input" ? input : parsed.root === "context" ? scope.context : lookupVariable(scope.variables, parsed.variable!);
  let at = "$";
  const steps = parsed.steps;
  for (let i = 0; i < steps.length && node !== undefined; i++) {
    const step = steps[i]!;
    const here = at + fragment(step);
    if (step.kind === "name" || step.kind === "names") {
      if (typeof node !== "object" || node === null || Array.isArray(node)) {
        return `Expected to find an object with property ${fragment(step)} in path ${at} but found '${javaClass(node)}'. ` +
          "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.";
      }
      if (step.kind === "names") return `No results for path: ${full}`;
      node = readProperty(node, step.name, step.guarded);
      if (node === undefined) return i === steps.length - 1 ? `No results for path: ${full}` : `Missing property in path ${here}`;
    } else if (step.kind === "index") {
      if (node === null) return `The path ${at} is null`;
      if (!Array.isArray(node)) return `Filter: ${fragment(step)} can only be applied to arrays. Current context is: ${JSON.stringify(node)}`;
      const k: number = step.index < 0 ? node.length + step.index : step.index;
      node = node[k];
      if (node === undefined) return `No results for path: ${full}`;
    } else break;
    at = here;
  }
  return `No results for path: ${full}`;
}

function fragment(step: Step): string {
  switch (step.kind) {
    case "name":
      return `['${step.name}']`;
    case "names":
      return `[${step.names.map((n) => `'${n}'`).join(", ")}]`;
    case "index":
      return `[${step.index}]`;
    case "indexes":
      return `[${step.indexes.join(",")}]`;
    case "wildcard":
      return "[*]";
    case "slice":
      return `[${step.from ?? ""}:${step.to ?? ""}]`;
    case "filter":
      return "[?]";
    case "scan":
      return "..";
  }
}

function javaClass(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "string") return "java.lang.String";
  if (typeof v === "boolean") return "java.lang.Boolean";
  if (typeof v === "number") return Number.isInteger(v) ? (Math.abs(v) <= 2147483647 ? "java.lang.Integer" : "java.lang.Long") : "java.lang.Double";
  return "net.minidev.json.JSONArray";
}
