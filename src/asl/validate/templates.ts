/** @module JSONPath payload templates (Parameters, ResultSelector, ItemSelector, Assign): `.$` fields hold paths or intrinsic calls. */
import { at, Code, item, type Diagnostics } from "./diagnostics.js";
import { checkDollarValue, looksDynamic } from "./paths.js";
import { isJsonObject } from "./values.js";

/**
 * Walks a payload template (iteratively: templates may nest deeply). Every `key.$` field must hold
 * a path or an intrinsic call; a plain field whose string looks like one gets AWS's NO_DOLLAR
 * warning, since it is passed through as a literal.
 */
export function checkPayloadTemplate(out: Diagnostics, template: unknown, location: string): void {
  // Depth-first in document order: each entry is a value, its location, and the key holding it.
  const stack: [unknown, string, string | undefined][] = [[template, location, undefined]];
  while (stack.length > 0) {
    const [value, loc, key] = stack.pop()!;
    if (key !== undefined && key.endsWith(".$")) {
      checkDollarValue(out, key, value, loc);
    } else if (key !== undefined && looksDynamic(value)) {
      warnNoDollar(out, key, loc);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], item(loc, i), undefined]);
    } else if (isJsonObject(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        stack.push([v, at(loc, k), k]);
      }
    }
  }
}

function warnNoDollar(out: Diagnostics, key: string, location: string): void {
  out.warning(
    Code.NoDollar,
    `The value of the field '${key}' looks like a JSONPath or an intrinsic function, but the field name does not end with '.$': it is passed as a literal string`,
    location,
  );
}

/** Whether a value (a Pass state's Result) holds, anywhere, a `key.$` field whose value looks like a path or an intrinsic call. */
export function hasDollarField(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isJsonObject(v)) {
      for (const [key, inner] of Object.entries(v)) {
        if (key.endsWith(".$") && looksDynamic(inner)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}
