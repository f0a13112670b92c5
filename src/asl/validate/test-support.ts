/** @module Builders shared by this folder's tests: small machines and the diagnostics they produce. */
import type { Diagnostic } from "./index.js";
import { validateDefinition } from "./validate.js";

/** A machine starting at its first state. */
export const machine = (states: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...top,
});

/** A one-state machine: the state under test, named "S", ending the execution. */
export const single = (state: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> =>
  machine({ S: { End: true, ...state } }, top);

export const errorsOf = (definition: unknown): Diagnostic[] => validateDefinition(definition).filter((d) => d.severity === "ERROR");
export const warningsOf = (definition: unknown): Diagnostic[] => validateDefinition(definition).filter((d) => d.severity === "WARNING");

/** An ERROR diagnostic, for toEqual. */
export const err = (code: string, message: string, location: string): Diagnostic => ({ severity: "ERROR", code, message, location });
export const schema = (message: string, location: string): Diagnostic => err("SCHEMA_VALIDATION_FAILED", message, location);
