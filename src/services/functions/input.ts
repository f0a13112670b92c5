/** @module Reading Lambda operation input: members by their wire names, checked against the model's constraints. */
import { optionalObject, stringMember, wrongType, type Input } from "../input.js";
import { validationError } from "./errors.js";

export { compact, optionalBoolean, optionalList, optionalObject, type Input } from "../input.js";

/** Lambda's messages name members in lowerCamelCase ("functionName", "memorySize"). */
const fieldName = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

export function optionalString(input: Input, member: string, limits: { min?: number; max?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
  const value = stringMember(input, member);
  if (value === undefined) return undefined;
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

export function optionalEnum<T extends string>(input: Input, member: string, values: readonly T[]): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(fieldName(member), value, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }
  return value as T;
}

/** A map of strings to strings (Tags, Environment.Variables). */
export function optionalStringMap(input: Input, member: string): Record<string, string> | undefined {
  const value = optionalObject(input, member);
  if (value === undefined) return undefined;
  for (const [k, v] of Object.entries(value)) if (typeof v !== "string") throw wrongType(`${member}.${k}`, "a string");
  return value as Record<string, string>;
}

/** FunctionConfiguration.LastModified: `2019-09-23T18:32:33.857+0000`. */
export const lastModifiedText = (ms: number): string => new Date(ms).toISOString().replace("Z", "+0000");
