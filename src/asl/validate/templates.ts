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
  const stack: [unknown, string][] = [[template, location]];
  while (stack.length > 0) {
    const [value, loc] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], item(loc, i)]);
    } else if (isJsonObject(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i]!;
        const fieldLoc = at(loc, key);
        if (key.endsWith(".$")) checkDollarValue(out, key, v, fieldLoc);
        else if (looksDynamic(v)) warnNoDollar(out, key, fieldLoc);
        else stack.push([v, fieldLoc]);
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

/** Whether a value (a Pass state's Result) holds a `key.$` field anywhere. */
export function hasDollarField(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isJsonObject(v)) {
      for (const [key, inner] of Object.entries(v)) {
        if (key.endsWith(".$")) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}
