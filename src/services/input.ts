/**
 * @module Reading an operation's JSON input: the member types every AWS JSON protocol checks the same
 * way (a wrong type is a SerializationException). Each service adds its own constraint messages.
 */
import { ServiceError } from "./service-error.js";

export type Input = Record<string, unknown>;

export const wrongType = (member: string, expected: string): ServiceError =>
  new ServiceError("SerializationException", `Unexpected value type for '${member}': expected ${expected}`);

/** A member of the type `is` accepts, or undefined when absent or null; any other value is a SerializationException. */
function typedMember<T>(input: Input, member: string, is: (value: unknown) => value is T, expected: string): T | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!is(value)) throw wrongType(member, expected);
  return value;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isInteger = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isObject = (v: unknown): v is Input => typeof v === "object" && !Array.isArray(v);

/** A string member, or undefined when absent or null. */
export const stringMember = (input: Input, member: string): string | undefined => typedMember(input, member, isString, "a string");

/** An integer member, or undefined when absent or null. */
export const integerMember = (input: Input, member: string): number | undefined => typedMember(input, member, isInteger, "an integer");

export const optionalBoolean = (input: Input, member: string): boolean | undefined => typedMember(input, member, isBoolean, "a boolean");

export const optionalObject = (input: Input, member: string): Input | undefined => typedMember(input, member, isObject, "an object");

export const optionalList = (input: Input, member: string): unknown[] | undefined => typedMember(input, member, Array.isArray, "a list");

/** Drops members whose value is undefined, so the wire shows them as absent. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
