/** @module Step Functions ARNs: building them, and parsing the ones operations take (InvalidArn otherwise). */
import { invalidArn } from "./errors.js";

/** Where new resources live: the server's partition, region and account. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Region, account and partition of an ARN (a machine's executions live where the machine does). */
export function arnScopeOf(arn: string): ArnScope {
  const [, partition = "aws", , region = "", accountId = ""] = arn.split(":");
  return { partition, region, accountId };
}

const prefix = (s: ArnScope) => `arn:${s.partition}:states:${s.region}:${s.accountId}`;

export const stateMachineArnOf = (s: ArnScope, name: string) => `${prefix(s)}:stateMachine:${name}`;
export const activityArnOf = (s: ArnScope, name: string) => `${prefix(s)}:activity:${name}`;
export const executionArnOf = (s: ArnScope, machineName: string, name: string) => `${prefix(s)}:execution:${machineName}:${name}`;
export const expressArnOf = (s: ArnScope, machineName: string, name: string, uuid: string) =>
  `${prefix(s)}:express:${machineName}:${name}:${uuid}`;

/** A state machine ARN, possibly qualified by a version number or an alias name. */
export type StateMachineRef =
  | { readonly kind: "machine"; readonly arn: string; readonly name: string }
  | { readonly kind: "version"; readonly arn: string; readonly machineArn: string; readonly name: string; readonly version: number }
  | { readonly kind: "alias"; readonly arn: string; readonly machineArn: string; readonly name: string; readonly alias: string };

interface Parts {
  /** `arn:PARTITION:states:REGION:ACCOUNT`. */
  readonly head: string;
  readonly resourceType: string;
  readonly rest: readonly string[];
}

function split(arn: string): Parts {
  const parts = arn.split(":");
  // Partition, region and account must not be empty (the service part must be "states").
  if (parts.length < 7 || parts[0] !== "arn" || parts[2] !== "states" || parts[1] === "" || parts[3] === "" || parts[4] === "") {
    throw invalidArn(`Invalid ARN prefix: ${arn}`);
  }
  const head = `arn:${parts[1]!}:states:${parts[3]!}:${parts[4]!}`;
  return { head, resourceType: parts[5]!, rest: parts.length === 7 ? [parts[6]!] : parts.slice(6) };
}

const wrongType = (type: string) => invalidArn(`Resource type not valid in this context: ${type}`);

/** Parses `...:stateMachine:NAME`, `...:stateMachine:NAME:7` (version) or `...:stateMachine:NAME:ALIAS`. */
export function parseStateMachineArn(arn: string): StateMachineRef {
  const { head, resourceType, rest } = split(arn);
  if (resourceType !== "stateMachine") throw wrongType(resourceType);
  const [name, qualifier, ...extra] = rest;
  if (!name || extra.length > 0 || qualifier === "") throw invalidArn(`Invalid ARN prefix: ${arn}`);
  const machineArn = `${head}:stateMachine:${name}`;
  if (qualifier === undefined) return { kind: "machine", arn, name };
  if (/^[0-9]+$/.test(qualifier)) return { kind: "version", arn, machineArn, name, version: Number(qualifier) };
  return { kind: "alias", arn, machineArn, name, alias: qualifier };
}

export type ExecutionRef =
  | { readonly kind: "standard"; readonly arn: string; readonly machineName: string; readonly name: string }
  | { readonly kind: "express"; readonly arn: string; readonly machineName: string; readonly name: string };

/** Parses `...:execution:SM:NAME` (Standard) and `...:express:SM:NAME:UUID` (Express). */
export function parseExecutionArn(arn: string): ExecutionRef {
  const { resourceType, rest } = split(arn);
  if (resourceType === "execution" && rest.length === 2 && rest.every((p) => p !== "")) {
    return { kind: "standard", arn, machineName: rest[0]!, name: rest[1]! };
  }
  if (resourceType === "express" && rest.length === 3 && rest.every((p) => p !== "")) {
    return { kind: "express", arn, machineName: rest[0]!, name: rest[1]! };
  }
  if (resourceType === "execution" || resourceType === "express") throw invalidArn(`Invalid ARN prefix: ${arn}`);
  throw wrongType(resourceType);
}

/** A Standard execution's ARN; Express ARNs are refused as AWS does for operations Express does not support. */
export function parseStandardExecutionArn(arn: string): ExecutionRef {
  const ref = parseExecutionArn(arn);
  if (ref.kind === "express") throw wrongType("express");
  return ref;
}

export function parseActivityArn(arn: string): { readonly arn: string; readonly name: string } {
  const { resourceType, rest } = split(arn);
  if (resourceType !== "activity") throw wrongType(resourceType);
  if (rest.length !== 1 || rest[0] === "") throw invalidArn(`Invalid ARN prefix: ${arn}`);
  return { arn, name: rest[0]! };
}

/** A Map Run: `...:mapRun:<machine>/<label or state name>:<id>`, where a nested run's machine is `<outer>/<label>`. */
export interface MapRunRef {
  readonly arn: string;
  /** The state machine (or child workflow) whose execution started the run, e.g. `arn:...:stateMachine:Outer`. */
  readonly parentMachineArn: string;
  /** The run's child workflow, e.g. `arn:...:stateMachine:Outer/Label` (its child executions' machine). */
  readonly childMachineArn: string;
}

export function parseMapRunArn(arn: string): MapRunRef {
  const { head, resourceType, rest } = split(arn);
  if (resourceType !== "mapRun") throw wrongType(resourceType);
  const [path = "", id = "", ...extra] = rest;
  const slash = path.lastIndexOf("/");
  if (extra.length > 0 || id === "" || slash <= 0 || slash === path.length - 1) throw invalidArn(`Invalid ARN prefix: ${arn}`);
  return { arn, parentMachineArn: `${head}:stateMachine:${path.slice(0, slash)}`, childMachineArn: `${head}:stateMachine:${path}` };
}

/** The resource type of any Step Functions ARN (tagging takes machines and activities). */
export const resourceTypeOf = (arn: string): string => split(arn).resourceType;

/** `arn:aws:iam::123456789012:role/Name` (a path before the name is allowed). */
const ROLE_ARN = /^arn:[a-z-]+:iam::[0-9]{12}:role\/[\w+=,.@\-/]{1,512}$/;

export function checkRoleArn(arn: string): void {
  if (ROLE_ARN.test(arn)) return;
  const parts = arn.split(":");
  if (parts[0] !== "arn" || parts.length < 6) throw invalidArn(`Invalid ARN prefix: ${arn}`);
  const type = parts.slice(5).join(":").split("/")[0] ?? "";
  if (parts[2] === "iam" && type !== "role") throw wrongType(type);
  throw invalidArn(`Invalid role ARN: ${arn}`);
}
