/** @module Reading Lambda operation input: members by their wire names, checked against the model's constraints. */
import { ServiceError } from "../service-error.js";
import { validationError } from "./errors.js";

export type Input = Record<string, unknown>;

/** Lambda's messages name members in lowerCamelCase ("functionName", "memorySize"). */
const fieldName = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

const wrongType = (member: string, expected: string) =>
  new ServiceError("SerializationException", `Unexpected value type for '${member}': expected ${expected}`);

export function optionalString(input: Input, member: string, limits: { min?: number; max?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw wrongType(member, "a string");
  if (limits.min !== undefined && value.length < limits.min) {
    throw validationError(fieldName(member), value, `Member must have length greater than or equal to ${limits.min}`);
  }
  if (limits.max !== undefined && value.length > limits.max) {
    throw validationError(fieldName(member), value, `Member must have length less than or equal to ${limits.max}`);
  }
  if (limits.pattern && !limits.pattern.test(value)) {
    throw validationError(fieldName(member), value, `Member must satisfy regular expression pattern: ${limits.patternText ?? limits.pattern.source}`);
  }
  return value;
}

export function requireString(input: Input, member: string, limits: Parameters<typeof optionalString>[2] = {}): string {
  const value = optionalString(input, member, limits);
  if (value === undefined) throw validationError(fieldName(member), undefined, "Member must not be null");
  return value;
}

export function optionalInteger(input: Input, member: string, min: number, max?: number): number | undefined {
  let value = input[member];
  if (value === undefined || value === null) return undefined;
  // Query-string members (MaxItems) arrive as text.
  if (typeof value === "string" && /^-?\d+$/.test(value)) value = Number(value);
  if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(member, "an integer");
  if (value < min) throw validationError(fieldName(member), String(value), `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && value > max) throw validationError(fieldName(member), String(value), `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw wrongType(member, "a boolean");
  return value;
}

export function optionalEnum<T extends string>(input: Input, member: string, values: readonly T[]): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(fieldName(member), value, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }
  return value as T;
}

export function optionalObject(input: Input, member: string): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw wrongType(member, "an object");
  return value as Input;
}

export function optionalList(input: Input, member: string): unknown[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(member, "a list");
  return value;
}

/** A map of strings to strings (Tags, Environment.Variables). */
export function optionalStringMap(input: Input, member: string): Record<string, string> | undefined {
  const value = optionalObject(input, member);
  if (value === undefined) return undefined;
  for (const [k, v] of Object.entries(value)) if (typeof v !== "string") throw wrongType(`${member}.${k}`, "a string");
  return value as Record<string, string>;
}

/** Drops members whose value is undefined, so the wire shows them as absent. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** FunctionConfiguration.LastModified: `2019-09-23T18:32:33.857+0000`. */
export const lastModifiedText = (ms: number): string => new Date(ms).toISOString().replace("Z", "+0000");
