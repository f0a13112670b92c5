/** @module The diagnostics list one validation run fills: AWS's codes, its message shapes and its location syntax. */
import type { Diagnostic } from "./index.js";

/**
 * AWS's diagnostic codes. The documented ones come from
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html;
 * the two JSONata codes are the ones AWS returns for JSONata expressions it refuses at definition time.
 */
export const Code = {
  InvalidJson: "INVALID_JSON_DESCRIPTION",
  MissingDescription: "MISSING_DESCRIPTION",
  Schema: "SCHEMA_VALIDATION_FAILED",
  InvalidResource: "INVALID_RESOURCE",
  MissingEndState: "MISSING_END_STATE",
  DuplicateStateName: "DUPLICATE_STATE_NAME",
  InvalidStateName: "INVALID_STATE_NAME",
  MissingTransitionTarget: "MISSING_TRANSITION_TARGET",
  InvalidJsonata: "INVALID_JSONATA_EXPRESSION",
  UnsupportedJsonata: "UNSUPPORTED_JSONATA_EXPRESSION",
  NoDollar: "NO_DOLLAR",
  NoPath: "NO_PATH",
  PassResultIsStatic: "PASS_RESULT_IS_STATIC",
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** Message texts in the shapes AWS uses (quoted from its answers where known). */
export const Msg = {
  notSupported: (field: string) => `Field '${field}' is not supported`,
  required: (fields: readonly string[]) => `These fields are required: [${fields.join(", ")}]`,
  onlyOne: (fields: readonly string[]) => `There should only be one of the following fields: [${fields.join(", ")}]`,
  exactlyOne: (fields: readonly string[]) => `This object should have only one of the following fields: [${fields.join(", ")}]`,
  type: (type: string) => `Expected value of type [${type}]`,
  oneOf: (values: readonly string[]) => `Value should be one of the following: [${values.join(", ")}]`,
  min: (value: string) => `Minimum value is ${value}`,
  max: (value: string) => `Maximum value is ${value}`,
  empty: "Value cannot be empty",
  languageOnly: (current: string, field: string, other: string) =>
    `The QueryLanguage is set to '${current}', but field '${field}' is only supported for the '${other}' QueryLanguage`,
  missingTarget: (name: string) => `Missing 'Next' target: ${name}`,
  unreachable: (name: string) => `State "${name}" is not reachable.`,
} as const;

/** Location of `key` inside the object at `location` (AWS: "/States/A/Next"). */
export const at = (location: string, key: string): string => `${location}/${key}`;
/** Location of element `index` of the array at `location` (AWS: "/States/C/Choices[0]"). */
export const item = (location: string, index: number): string => `${location}[${index}]`;
/** The location AWS prints for an object itself: the root object is "/". */
export const self = (location: string): string => (location === "" ? "/" : location);

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(code: Code, message: string, location: string): void {
    this.list.push({ severity: "ERROR", code, location, message });
  }

  schema(message: string, location: string): void {
    this.error(Code.Schema, message, location);
  }

  warning(code: Code, message: string, location: string): void {
    this.list.push({ severity: "WARNING", code, location, message });
  }
}
