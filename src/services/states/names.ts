/** @module AWS's naming rules for state machines, executions, activities and aliases. */
import { invalidName } from "./errors.js";

/**
 * A name must not contain white space, brackets `< > { } [ ]`, wildcards `? *`, the characters
 * `" # % \ ^ | ~ ` $ & , ; : /`, or control characters (U+0000-001F, U+007F-009F); 1-80 characters.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
 */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN.test(name);
}

export function checkName(name: string): string {
  if (!isValidName(name)) throw invalidName(name);
  return name;
}

/**
 * Alias names: 1-80 of letters, digits, `_ - .`, with at least one that is not a digit (a number
 * would read as a version). https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
 */
export function checkAliasName(name: string): string {
  if (name.length < 1 || name.length > 80 || !/^[a-zA-Z0-9_.-]+$/.test(name) || /^[0-9]+$/.test(name)) throw invalidName(name);
  return name;
}
