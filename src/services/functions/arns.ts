/** @module Function names as Lambda takes them (name, partial ARN, ARN, each with an optional qualifier) and the ARNs we make. */
import type { CallContext } from "../operations.js";
import { invalidParameter, validationError } from "./errors.js";

/** Where a caller's functions live: the partition, the caller's region and account. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export interface FunctionRef {
  readonly name: string;
  /** Unqualified ARN in the caller's scope. */
  readonly arn: string;
  /** "$LATEST", a version number, an alias name, or undefined. */
  readonly qualifier: string | undefined;
}

const NAME = /^[a-zA-Z0-9-_]+$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9-_]+)$/;
const PATTERN_TEXT = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

export const functionArnOf = (scope: ArnScope, name: string): string =>
  `arn:${scope.partition}:lambda:${scope.region}:${scope.accountId}:function:${name}`;

/** The function's log group (AWS's default). */
export const logGroupOf = (name: string): string => `/aws/lambda/${name}`;

/**
 * Parses FunctionName: `my-function`, `my-function:v1`, `123456789012:function:my-function[:q]` or
 * `arn:aws:lambda:us-west-2:123456789012:function:my-function[:q]`. A function named in another
 * account or region is in this scope's terms a function that does not exist: its ARN says so.
 */
export function parseFunctionName(scope: ArnScope, text: string, member = "functionName"): FunctionRef & { foreignArn?: string } {
  const bad = () => validationError(member, text, `Member must satisfy regular expression pattern: ${PATTERN_TEXT}`);
  if (text.length > 170) throw validationError(member, text, "Member must have length less than or equal to 170");
  if (text.length < 1) throw validationError(member, text, "Member must have length greater than or equal to 1");
  const parts = text.split(":");
  let name: string;
  let qualifier: string | undefined;
  let foreign: { partition: string; region: string; accountId: string } | undefined;
  if (parts[0] === "arn") {
    if (parts.length < 7 || parts.length > 8 || parts[2] !== "lambda" || parts[5] !== "function" || !/^aws[a-zA-Z-]*$/.test(parts[1]!)) throw bad();
    if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(parts[3]!) || !/^\d{12}$/.test(parts[4]!)) throw bad();
    [name, qualifier] = [parts[6]!, parts[7]];
    if (parts[3] !== scope.region || parts[4] !== scope.accountId || parts[1] !== scope.partition) {
      foreign = { partition: parts[1]!, region: parts[3]!, accountId: parts[4]! };
    }
  } else if (parts.length >= 3 && parts[1] === "function") {
    if (parts.length > 4 || !/^\d{12}$/.test(parts[0]!)) throw bad();
    [name, qualifier] = [parts[2]!, parts[3]];
    if (parts[0] !== scope.accountId) foreign = { ...scope, accountId: parts[0]! };
  } else {
    if (parts.length > 2) throw bad();
    [name, qualifier] = [parts[0]!, parts[1]];
  }
  if (!NAME.test(name) || (qualifier !== undefined && !QUALIFIER.test(qualifier))) throw bad();
  const arn = functionArnOf(scope, name);
  return { name, arn, qualifier, ...(foreign ? { foreignArn: functionArnOf(foreign, name) } : {}) };
}

/** The function's own name for CreateFunction: no qualifier, at most 64 characters. */
export function checkNewName(ref: FunctionRef, text: string): void {
  if (ref.qualifier !== undefined) throw invalidParameter(`Qualifiers are not supported in the function name: ${text}`);
  if (ref.name.length > 64) throw validationError("functionName", text, "Member must have length less than or equal to 64");
}

/** Merges a qualifier in the name with the Qualifier member (they must agree). */
export function qualifierOf(ref: FunctionRef, qualifier: string | undefined): string | undefined {
  if (qualifier !== undefined && qualifier !== "" && !QUALIFIER.test(qualifier)) {
    throw validationError("qualifier", qualifier, "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
  }
  const given = qualifier === "" ? undefined : qualifier;
  if (ref.qualifier !== undefined && given !== undefined && ref.qualifier !== given) {
    throw invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
  }
  return ref.qualifier ?? given;
}

/** The scope of a call (the SigV4 region and account), with the service's defaults. */
export const scopeOf = (defaults: ArnScope, call: CallContext): ArnScope => ({
  partition: defaults.partition, region: call.region || defaults.region, accountId: call.accountId || defaults.accountId,
});

/** An alias name: not all digits, [a-zA-Z0-9-_]+, at most 128. */
export function checkAliasName(name: string, member = "name"): string {
  if (name.length > 128) throw validationError(member, name, "Member must have length less than or equal to 128");
  if (!/^[a-zA-Z0-9-_]+$/.test(name) || /^[0-9]+$/.test(name)) {
    throw validationError(member, name, "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  }
  return name;
}

/** A version for an alias: "$LATEST" or digits. */
export function checkVersion(version: string, member = "functionVersion"): string {
  if (version.length > 1024 || !/^(\$LATEST|[0-9]+)$/.test(version)) {
    throw validationError(member, version, "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)");
  }
  return version;
}
