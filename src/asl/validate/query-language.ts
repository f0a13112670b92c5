/** @module QueryLanguage: the machine's and each state's effective language, and the fields only the other language has. */
import { at, Msg, type Diagnostics } from "./diagnostics.js";
import { COMMON_FIELDS, otherLanguage, QUERY_LANGUAGES, QueryLanguage, STATE_FIELDS, type StateType } from "./fields.js";
import { hasField } from "./values.js";

/**
 * What a QueryLanguage value resolves to. Measured on AWS: only the exact string "JSONPath" is
 * JSONPath; any other value present (wrong case, unknown string, non-string) resolves to JSONata,
 * and is separately reported against the enumeration at the field itself.
 */
const resolve = (v: unknown): QueryLanguage => (v === QueryLanguage.JSONPath ? QueryLanguage.JSONPath : QueryLanguage.JSONata);

/** Reports a QueryLanguage value that is not a string or not one of the two names. */
function checkValue(out: Diagnostics, v: unknown, location: string): void {
  if (typeof v !== "string") out.schema(Msg.type("STRING"), location);
  else if (!QUERY_LANGUAGES.includes(v)) out.schema(Msg.oneOf(QUERY_LANGUAGES), location);
}

/** The machine's language (top-level QueryLanguage, JSONPath by default). */
export function checkMachineLanguage(out: Diagnostics, root: Record<string, unknown>): QueryLanguage {
  if (!hasField(root, "QueryLanguage")) return QueryLanguage.JSONPath;
  checkValue(out, root.QueryLanguage, "/QueryLanguage");
  return resolve(root.QueryLanguage);
}

export interface StateLanguage {
  readonly lang: QueryLanguage;
  /** Reports the state's own QueryLanguage value, if wrong; AWS lists it after the field errors. */
  readonly reportValue: () => void;
  /** The state declared JSONPath under a JSONata machine (already reported). */
  readonly downgraded: boolean;
}

/**
 * A state's language: its own QueryLanguage, else the machine's. States inside Parallel branches
 * and Map processors inherit the machine's language, not the enclosing state's (measured on AWS).
 * "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine".
 */
export function resolveStateLanguage(
  out: Diagnostics,
  state: Record<string, unknown>,
  location: string,
  machineLanguage: QueryLanguage,
): StateLanguage {
  if (!hasField(state, "QueryLanguage")) return { lang: machineLanguage, reportValue: () => {}, downgraded: false };
  const v = state.QueryLanguage;
  const downgraded = v === QueryLanguage.JSONPath && machineLanguage === QueryLanguage.JSONata;
  if (downgraded) out.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
  return { lang: resolve(v), reportValue: () => checkValue(out, v, at(location, "QueryLanguage")), downgraded };
}

/**
 * Reports each field the state's type does not accept ("Field 'X' is not supported") and each
 * field only the other language accepts, both located at the state. After a downgrade AWS reports
 * only the downgrade, not the other-language fields. Returns the fields that are valid here.
 */
export function checkStateFields(
  out: Diagnostics,
  state: Record<string, unknown>,
  location: string,
  type: StateType,
  language: StateLanguage,
): ReadonlySet<string> {
  const own = STATE_FIELDS[type][language.lang];
  const other = otherLanguage(language.lang);
  const valid = new Set<string>();
  for (const field of Object.keys(state)) {
    if (COMMON_FIELDS.has(field) || own.has(field)) valid.add(field);
    else if (STATE_FIELDS[type][other].has(field)) {
      if (!language.downgraded) out.schema(Msg.languageOnly(language.lang, field, other), location);
    } else out.schema(Msg.notSupported(field), location);
  }
  return valid;
}

/**
 * The same rule for an object nested in a state (a Catch, a Choice rule, an ItemBatcher): fields of
 * the other language are reported with AWS's language message, unknown ones as not supported.
 */
export function checkNestedFields(
  out: Diagnostics,
  obj: Record<string, unknown>,
  location: string,
  lang: QueryLanguage,
  table: Readonly<Record<QueryLanguage, ReadonlySet<string>>>,
): void {
  const other = otherLanguage(lang);
  for (const field of Object.keys(obj)) {
    if (table[lang].has(field)) continue;
    if (table[other].has(field)) out.schema(Msg.languageOnly(lang, field, other), location);
    else out.schema(Msg.notSupported(field), location);
  }
}
