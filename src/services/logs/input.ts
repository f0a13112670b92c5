/** @module Reading CloudWatch Logs operation input against the model's constraints. */
import { integerMember, stringMember, type Input } from "../input.js";
import { constraintError, invalidParameter } from "./errors.js";

export { optionalBoolean, type Input } from "../input.js";

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;

export function optionalString(input: Input, member: string, max = 512): string | undefined {
  const value = stringMember(input, member);
  if (value === undefined) return undefined;
  if (value.length > max) throw constraintError(member, value, `Member must have length less than or equal to ${max}`);
  return value;
}

export function optionalInteger(input: Input, member: string, min: number, max: number): number | undefined {
  const value = integerMember(input, member);
  if (value === undefined) return undefined;
  if (value < min) throw constraintError(member, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraintError(member, value, `Member must have value less than or equal to ${max}`);
  return value;
}

export function checkGroupName(name: string, member = "logGroupName"): string {
  if (name.length < 1) throw constraintError(member, name, "Member must have length greater than or equal to 1");
  if (!GROUP_NAME.test(name)) throw constraintError(member, name, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
  return name;
}

export function checkStreamName(name: string, member = "logStreamName"): string {
  if (name.length < 1) throw constraintError(member, name, "Member must have length greater than or equal to 1");
  if (!STREAM_NAME.test(name)) throw constraintError(member, name, "Member must satisfy regular expression pattern: [^:*]*");
  return name;
}

/** logGroupName, or logGroupIdentifier (a name or an ARN, `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]`); exactly one. */
export function groupNameOf(input: Input): string {
  const name = optionalString(input, "logGroupName");
  const identifier = optionalString(input, "logGroupIdentifier", 2048);
  if (name !== undefined && identifier !== undefined) {
    throw invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (identifier !== undefined) {
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(identifier);
    return checkGroupName(m ? m[1]! : identifier, "logGroupIdentifier");
  }
  if (name === undefined) throw invalidParameter("Either LogGroupName or LogGroupIdentifier must be provided.");
  return checkGroupName(name);
}
