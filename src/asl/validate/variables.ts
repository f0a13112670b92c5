/** @module Assign: variable names (syntax, the reserved `states`) and, in JSONPath, the `.$` values. */
import { at, type Diagnostics } from "./diagnostics.js";
import { QueryLanguage } from "./fields.js";
import { checkPayloadTemplate } from "./templates.js";
import { checkObject } from "./values.js";

/**
 * "Variable names follow the rules for Unicode identifiers": an ID_Start character (we also take
 * `_`, as JavaScript does) followed by ID_Continue characters.
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
const VARIABLE_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

/** `$states` is the reserved variable of JSONata states: Assign cannot write it. */
export const RESERVED_VARIABLE = "states";

/** The variable a field of Assign writes: in JSONPath, `name.$` assigns the result of a path to `name`. */
export const variableOfKey = (key: string, lang: QueryLanguage): string =>
  lang === QueryLanguage.JSONPath && key.endsWith(".$") ? key.slice(0, -2) : key;

/**
 * Checks an Assign object. JSONata values are expressions, checked with the state's other
 * expressions; JSONPath values are payload templates (`.$` fields hold paths or intrinsic calls).
 */
export function checkAssign(out: Diagnostics, assign: unknown, location: string, lang: QueryLanguage): void {
  if (!checkObject(out, assign, location)) return;
  for (const key of Object.keys(assign)) {
    const name = variableOfKey(key, lang);
    if (name === RESERVED_VARIABLE) {
      out.schema(`Cannot assign to the reserved variable '$${RESERVED_VARIABLE}'`, at(location, key));
    } else if (!VARIABLE_NAME.test(name)) {
      out.schema(
        `Invalid variable name '${name}': a variable name starts with a letter or '_' and continues with letters, digits or '_'`,
        at(location, key),
      );
    }
  }
  if (lang === QueryLanguage.JSONPath) checkPayloadTemplate(out, assign, location);
}
