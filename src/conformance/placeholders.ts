/**
 * @module The placeholder world and the API's real one: a case runs through the API under generated
 * names and ARNs (the API refuses `<ArnPart_0idx>` or `snf_role_arn`), and its result is mapped back
 * to the case's placeholders before it is judged.
 */
import type { JsonValue } from "../shared/json.js";
import type { RunContext } from "../runner/index.js";

/** The names and ARNs a case really ran under. */
export interface RealNames {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** Standard `...:execution:SM:NAME` or Express `...:express:SM:NAME:UUID`. */
  readonly executionArn: string;
  readonly executionName: string;
  readonly roleArn: string;
}

/** One text replacement: every `real` becomes `placeholder`. */
export interface Replacement {
  readonly real: string;
  readonly placeholder: string;
}

/** `arn:PARTITION:states:REGION:ACCOUNT:`, the prefix of every Step Functions ARN of that scope. */
export function statesArnPrefix(arn: string): string | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "states") return undefined;
  return `${parts.slice(0, 5).join(":")}:`;
}

/**
 * The replacements, in the order they apply: whole ARNs first (so a name inside an ARN is not
 * replaced on its own), then the ARN scope (map runs and other ARNs built from the machine's), then
 * the bare names. Pairs the case's context does not name, or that change nothing, are left out.
 */
export function placeholderReplacements(real: RealNames, context: RunContext): Replacement[] {
  const placeholderScope = context.partition !== undefined && context.region !== undefined && context.accountId !== undefined
    ? `arn:${context.partition}:states:${context.region}:${context.accountId}:`
    : undefined;
  const pairs: [string | undefined, string | undefined][] = [
    [real.executionArn, context.executionArn],
    [real.stateMachineArn, context.stateMachineArn],
    [real.roleArn, context.roleArn],
    [statesArnPrefix(real.stateMachineArn), placeholderScope],
    [real.executionName, context.executionName],
    [real.stateMachineName, context.stateMachineName],
  ];
  const replacements: Replacement[] = [];
  for (const [from, to] of pairs) {
    if (from !== undefined && from !== "" && to !== undefined && from !== to) replacements.push({ real: from, placeholder: to });
  }
  return replacements;
}

/** Applies the replacements to a text, in order. */
export function toPlaceholders(text: string, replacements: readonly Replacement[]): string {
  let out = text;
  for (const { real, placeholder } of replacements) if (out.includes(real)) out = out.split(real).join(placeholder);
  return out;
}

/** Applies the replacements to every string and object key of a JSON value (a new value; the input is not changed). */
export function valueToPlaceholders(value: JsonValue, replacements: readonly Replacement[]): JsonValue {
  if (typeof value === "string") return toPlaceholders(value, replacements);
  if (Array.isArray(value)) return value.map((v) => valueToPlaceholders(v, replacements));
  if (value !== null && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[toPlaceholders(k, replacements)] = valueToPlaceholders(v as JsonValue, replacements);
    return out;
  }
  return value;
}

/**
 * Why a case cannot run the same way through the API, or undefined: its definition or input names
 * one of its own placeholder names or ARNs, which the API run replaces by generated ones.
 */
export function placeholderConflict(definitionText: string, input: string, context: RunContext): string | undefined {
  const own: [string, string | undefined][] = [
    ["state machine ARN", context.stateMachineArn], ["execution ARN", context.executionArn], ["role ARN", context.roleArn],
    ["state machine name", context.stateMachineName], ["execution name", context.executionName],
  ];
  for (const [what, value] of own) {
    if (value === undefined || value === "") continue;
    const where = definitionText.includes(value) ? "definition" : input.includes(value) ? "input" : undefined;
    if (where !== undefined) {
      return `its ${where} names the case's own ${what} ${value}, which a run through the API replaces by a generated one`;
    }
  }
  return undefined;
}
