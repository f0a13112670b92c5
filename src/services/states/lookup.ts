/** @module Finding state machines, versions and aliases by ARN, with AWS's "does not exist" errors. */
import type { StateMachineAliasRecord, StateMachineRecord, StateMachineVersionRecord } from "../../store/index.js";
import type { StatesContext } from "./context.js";
import { labeledArnNotSupported, resourceNotFound, stateMachineDoesNotExist } from "./errors.js";
import { parseStateMachineArn, type StateMachineRef } from "./arns.js";

/** An unqualified state machine ARN (versions and aliases refused) whose machine exists. */
export async function requireMachine(ctx: StatesContext, arn: string): Promise<StateMachineRecord> {
  const ref = parseStateMachineArn(arn);
  if (ref.kind !== "machine") throw labeledArnNotSupported(arn);
  const machine = await ctx.store.getStateMachine(arn);
  if (!machine) throw stateMachineDoesNotExist(arn);
  return machine;
}

export interface AliasRoute {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

export const routesOf = (alias: StateMachineAliasRecord): AliasRoute[] => JSON.parse(alias.routingConfiguration) as AliasRoute[];

/** What an execution runs when started from a machine, version or alias ARN. */
export interface ExecutionTarget {
  readonly machine: StateMachineRecord;
  readonly definition: string;
  readonly roleArn: string;
  readonly version: StateMachineVersionRecord | undefined;
  readonly alias: StateMachineAliasRecord | undefined;
}

/** Resolves StartExecution's ARN (`ref`: its parse, when the caller has it); an alias picks one of its versions by weight with the injected randomness. */
export async function resolveTarget(ctx: StatesContext, arn: string, ref: StateMachineRef = parseStateMachineArn(arn)): Promise<ExecutionTarget> {
  const machineArn = ref.kind === "machine" ? ref.arn : ref.machineArn;
  const machine = await ctx.store.getStateMachine(machineArn);
  if (!machine) throw stateMachineDoesNotExist(arn);
  if (ref.kind === "machine") return { machine, definition: machine.definition, roleArn: machine.roleArn, version: undefined, alias: undefined };
  let alias: StateMachineAliasRecord | undefined;
  let versionArn = ref.arn;
  if (ref.kind === "alias") {
    alias = await ctx.store.getAlias(ref.arn);
    if (!alias) throw stateMachineDoesNotExist(arn);
    versionArn = pickVersion(routesOf(alias), ctx.random.float());
  }
  const version = await ctx.store.getVersion(versionArn);
  if (!version) throw ref.kind === "alias" ? resourceNotFound(versionArn) : stateMachineDoesNotExist(arn);
  return { machine, definition: version.definition, roleArn: version.roleArn, version, alias };
}

/** Weighted choice: `draw` in [0, 1) falls into one version's share of 100. */
export function pickVersion(routes: readonly AliasRoute[], draw: number): string {
  let point = draw * 100;
  for (const route of routes) {
    if (point < route.weight) return route.stateMachineVersionArn;
    point -= route.weight;
  }
  return routes.filter((r) => r.weight > 0).at(-1)?.stateMachineVersionArn ?? routes[0]!.stateMachineVersionArn;
}
