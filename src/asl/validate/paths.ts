/** @module Path-valued fields (InputPath, ResultPath, ...Path, `.$` values): syntax checked with the runtime's own compilers. */
import { compilePath, compileReferencePath, type CompiledPath } from "../jsonpath/index.js";
import { compileIntrinsic, isIntrinsicCall } from "../intrinsics/index.js";
import { Msg, type Diagnostics } from "./diagnostics.js";

export interface PathRules {
  /** `null` is allowed (InputPath, OutputPath, ResultPath: discard). */
  readonly nullable?: boolean;
  /** An intrinsic function call is allowed in place of a path (ErrorPath, CausePath). */
  readonly intrinsic?: boolean;
  /**
   * A Reference Path: one node only. AWS: a `...Path` holding a number must name one node, and
   * only `ItemsPath` may read the context object ("Value is not a Reference Path").
   */
  readonly reference?: boolean;
  readonly noContext?: boolean;
}

/** isIntrinsicCall, never throwing. */
export function isIntrinsic(source: string): boolean {
  try {
    return isIntrinsicCall(source);
  } catch {
    return false;
  }
}

/** The compiler's own explanation (it names the path and the problem), or a generic sentence. */
const explain = (e: unknown, fallback: string): string => (e instanceof Error && e.message ? e.message : fallback);

function tryCompile(source: string): { path?: CompiledPath; error?: unknown } {
  try {
    return { path: compilePath(source) };
  } catch (error) {
    return { error };
  }
}

/** Whether `source` is a valid intrinsic function call. */
export function isValidIntrinsic(source: string): boolean {
  try {
    if (!isIntrinsic(source)) return false;
    compileIntrinsic(source);
    return true;
  } catch {
    return false;
  }
}

/** Whether `source` compiles as a JSONPath (input, context or variable rooted). */
export const isValidPath = (source: string): boolean => tryCompile(source).path !== undefined;

/** Checks a path-valued field; returns true when it is acceptable. */
export function checkPath(out: Diagnostics, v: unknown, location: string, rules: PathRules = {}): boolean {
  if (v === null && rules.nullable) return true;
  if (typeof v !== "string") {
    out.schema(Msg.type("STRING"), location);
    return false;
  }
  if (rules.intrinsic && isIntrinsic(v)) {
    if (isValidIntrinsic(v)) return true;
    out.schema("Value is not a valid JSONPath or intrinsic function call", location);
    return false;
  }
  const { path, error } = tryCompile(v);
  if (!path) {
    out.schema(explain(error, "Value is not a valid JSONPath"), location);
    return false;
  }
  if (rules.reference && (!path.definite || (rules.noContext && path.root === "context"))) {
    out.schema("Value is not a Reference Path", location);
    return false;
  }
  return true;
}

/** ResultPath: a reference path into the state input, or null. */
export function checkResultPath(out: Diagnostics, v: unknown, location: string): boolean {
  if (v === null) return true;
  if (typeof v !== "string") {
    out.schema(Msg.type("STRING"), location);
    return false;
  }
  try {
    compileReferencePath(v);
    return true;
  } catch (error) {
    out.schema(`Value is not a Reference Path: ${explain(error, "invalid path")}`, location);
    return false;
  }
}

/** The value of a `key.$` field: a path or an intrinsic function call. */
export function checkDollarValue(out: Diagnostics, key: string, v: unknown, location: string): boolean {
  if (typeof v === "string" && (isValidIntrinsic(v) || (!isIntrinsic(v) && isValidPath(v)))) return true;
  out.schema(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`, location);
  return false;
}

/** A string a person most likely meant as a path or intrinsic call (for the NO_DOLLAR/NO_PATH warnings). */
export const looksDynamic = (v: unknown): boolean =>
  typeof v === "string" && (v === "$" || v.startsWith("$.") || v.startsWith("$$") || v.startsWith("$[") || isIntrinsic(v));
