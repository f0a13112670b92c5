/**
 * @module Reading an operation's JSON input: the member types every AWS JSON protocol checks the same
 * way (a wrong type is a SerializationException). Each service adds its own constraint messages.
 */
import { ServiceError } from "./service-error.js";

export type Input = Record<string, unknown>;

export const wrongType = (member: string, expected: string): ServiceError =>
  new ServiceError("SerializationException", `Unexpected value type for '${member}': expected ${expected}`);

/** A string member, or undefined when absent or null. */
export function stringMember(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw wrongType(member, "a string");
  return value;
}

/** An integer member, or undefined when absent or null. */
export function integerMember(input: Input, member: string): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(member, "an integer");
  return value;
}

export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw wrongType(member, "a boolean");
  return value;
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

/** Drops members whose value is undefined, so the wire shows them as absent. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
