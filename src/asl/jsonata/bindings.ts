/** @module What one evaluation binds: `$states`, the referenced workflow variables and (hidden) the scope. */
import type jsonata from "jsonata";
import { lookupVariable, type EvalScope } from "../scope.js";
import type { StatesBinding } from "./index.js";

/**
 * The binding name under which the EvalScope rides along, for the functions that need time and
 * randomness. No `$name` in an expression can spell it (names cannot contain spaces).
 */
export const SCOPE_BINDING = " scope";

/** A workflow variable an expression references: bound under `key`, read from the variable `name`. */
export interface VariableReference {
  readonly key: string;
  readonly name: string;
}

/** The bindings for one evaluation; variables that were never assigned stay unbound (undefined). */
export function bindingsFor(
  variables: readonly VariableReference[],
  states: StatesBinding,
  scope: EvalScope,
): Record<string, unknown> {
  const bindings: Record<string, unknown> = { [SCOPE_BINDING]: scope };
  for (const v of variables) {
    const value = lookupVariable(scope.variables, v.name);
    if (value !== undefined) bindings[v.key] = value;
  }
  bindings.states = states;
  return bindings;
}

/** The scope of the evaluation a jsonata function was called from. */
export const scopeOf = (focus: jsonata.Focus): EvalScope => focus.environment.lookup(SCOPE_BINDING) as EvalScope;
