/** @module Reading an operation's JSON input: required members, types and AWS's length and range constraints. */
import { integerMember, stringMember, type Input } from "../input.js";
import { validationError } from "./errors.js";

export { compact, optionalBoolean, optionalList, optionalObject, type Input } from "../input.js";

/** A required string member: missing → ValidationException "Member must not be null". */
export function requireString(input: Input, field: string, maxLength?: number): string {
  const value = optionalString(input, field, maxLength);
  if (value === undefined) throw validationError(field, undefined, "Member must not be null");
  return value;
}

export function optionalString(input: Input, field: string, maxLength?: number): string | undefined {
  const value = stringMember(input, field);
  if (value === undefined) return undefined;
  if (maxLength !== undefined && value.length > maxLength) {
    throw validationError(field, value, `Member must have length less than or equal to ${maxLength}`);
  }
  return value;
}

export function optionalInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = integerMember(input, field);
  if (value === undefined) return undefined;
  if (value < min) throw validationError(field, String(value), `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(field, String(value), `Member must have value less than or equal to ${max}`);
  return value;
}

/** maxResults as AWS takes it: 0..1000, where 0 (or absent) means the default page size of 100. */
export function pageSizeOf(input: Input, field = "maxResults"): number {
  const value = optionalInteger(input, field, 0, 1000);
  return value === undefined || value === 0 ? 100 : value;
}

export function optionalEnum<T extends string>(input: Input, field: string, values: readonly T[]): T | undefined {
  const value = optionalString(input, field);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(field, value, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }
  return value as T;
}

/** Epoch milliseconds as the wire's epoch seconds (fractions allowed). */
export const toSeconds = (ms: number): number => ms / 1000;

