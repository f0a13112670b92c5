/** @module Payload templates (Parameters, ItemSelector, ResultSelector, JSONPath Assign): `.$` keys compiled once. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { compilePath, type CompiledPath } from "../jsonpath/index.js";
import { compileIntrinsic, type CompiledIntrinsic } from "../intrinsics/index.js";
import { StatesError, StatesFailure } from "../errors.js";
import type { EvalScope } from "../scope.js";
import { failureCause } from "./failure-cause.js";

export interface PayloadTemplate {
  /** True when no `.$` key occurs anywhere: evaluate returns the literal itself. */
  readonly constant: boolean;
  evaluate(input: JsonValue, scope: EvalScope): JsonValue;
}

type Entry =
  | { readonly key: string; readonly kind: "literal"; readonly value: JsonValue }
  | { readonly key: string; readonly kind: "nested"; readonly template: PayloadTemplate }
  | { readonly key: string; readonly kind: "path"; readonly path: CompiledPath; readonly field: string }
  | { readonly key: string; readonly kind: "intrinsic"; readonly call: CompiledIntrinsic };

/** Compiles a payload template. Throws (PathSyntaxError / IntrinsicSyntaxError) on malformed `.$` values. */
export function compilePayloadTemplate(value: JsonValue): PayloadTemplate {
  if (Array.isArray(value)) return compileArray(value);
  if (isJsonObject(value)) return compileObject(value);
  return constantTemplate(value);
}

const constantTemplate = (value: JsonValue): PayloadTemplate => ({ constant: true, evaluate: () => value });

function compileArray(values: JsonValue[]): PayloadTemplate {
  const parts = values.map(compilePayloadTemplate);
  if (parts.every((p) => p.constant)) return constantTemplate(values);
  return {
    constant: false,
    evaluate: (input, scope) => parts.map((p) => p.evaluate(input, scope)),
  };
}

function compileObject(object: JsonObject): PayloadTemplate {
  const entries: Entry[] = [];
  let constant = true;
  for (const [rawKey, value] of Object.entries(object)) {
    if (rawKey.endsWith(".$") && rawKey.length > 2) {
      constant = false;
      const key = rawKey.slice(0, -2);
      const text = typeof value === "string" ? value : String(value);
      if (text.startsWith("$")) entries.push({ key, kind: "path", path: compilePath(text), field: rawKey });
      else entries.push({ key, kind: "intrinsic", call: compileIntrinsic(text) });
    } else if (value !== null && typeof value === "object") {
      const template = compilePayloadTemplate(value);
      if (template.constant) entries.push({ key: rawKey, kind: "literal", value });
      else {
        constant = false;
        entries.push({ key: rawKey, kind: "nested", template });
      }
    } else {
      entries.push({ key: rawKey, kind: "literal", value });
    }
  }
  if (constant) return constantTemplate(object);
  return {
    constant: false,
    evaluate(input, scope) {
      const out: JsonObject = {};
      for (const e of entries) {
        switch (e.kind) {
          case "literal":
            out[e.key] = e.value;
            break;
          case "nested":
            out[e.key] = e.template.evaluate(input, scope);
            break;
          case "intrinsic":
            out[e.key] = e.call.evaluate(input, scope);
            break;
          case "path": {
            const v = e.path.evaluate(input, scope);
            if (v === undefined) throw pathNotFound(e.path, e.field, input, scope);
            out[e.key] = v;
            break;
          }
        }
      }
      return out;
    },
  };
}

function pathNotFound(path: CompiledPath, field: string, input: JsonValue, scope: EvalScope): StatesFailure {
  return new StatesFailure(
    StatesError.Runtime,
    failureCause(
      scope,
      `The JSONPath '${path.source}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
    ),
  );
}
