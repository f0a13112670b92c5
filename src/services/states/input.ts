/** @module Reading an operation's JSON input: required members, types and AWS's length and range constraints. */
import { ServiceError } from "../service-error.js";
import { validationError } from "./errors.js";

export type Input = Record<string, unknown>;

const wrongType = (field: string, expected: string) =>
  new ServiceError("SerializationException", `Unexpected value type for '${field}': expected ${expected}`);

/** A required string member: missing → ValidationException "Member must not be null". */
export function requireString(input: Input, field: string, maxLength?: number): string {
  const value = optionalString(input, field, maxLength);
  if (value === undefined) throw validationError(field, undefined, "Member must not be null");
  return value;
}

export function optionalString(input: Input, field: string, maxLength?: number): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw wrongType(field, "a string");
  if (maxLength !== undefined && value.length > maxLength) {
    throw validationError(field, value, `Member must have length less than or equal to ${maxLength}`);
  }
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw wrongType(field, "a boolean");
  return value;
}

export function optionalInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(field, "an integer");
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

export function optionalObject(input: Input, field: string): Input | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw wrongType(field, "an object");
  return value as Input;
}

export function optionalArray(input: Input, field: string): unknown[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(field, "a list");
  return value;
}

/** Epoch milliseconds as the wire's epoch seconds (fractions allowed). */
export const toSeconds = (ms: number): number => ms / 1000;

/** Drops members whose value is undefined, so the wire shows them as absent. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
