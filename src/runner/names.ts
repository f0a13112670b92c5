/** @module Names and ARNs of a run, with AWS's formats as defaults. */
import type { Random } from "../asl/index.js";
import type { RunContext } from "./types.js";

export interface RunNames {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stateMachineName: string;
  readonly stateMachineArn: string;
  readonly stateMachineType: "STANDARD" | "EXPRESS";
  readonly executionName: string;
  readonly executionArn: string;
  readonly roleArn: string;
}

export function resolveNames(ctx: RunContext | undefined, random: Random): RunNames {
  const accountId = ctx?.accountId ?? "123456789012";
  const region = ctx?.region ?? "us-east-1";
  const partition = ctx?.partition ?? "aws";
  const stateMachineName = ctx?.stateMachineName ?? "StateMachine";
  const stateMachineType = ctx?.stateMachineType ?? "STANDARD";
  const executionName = ctx?.executionName ?? random.uuid();
  const stateMachineArn = ctx?.stateMachineArn ?? `arn:${partition}:states:${region}:${accountId}:stateMachine:${stateMachineName}`;
  const executionArn =
    ctx?.executionArn ??
    (stateMachineType === "EXPRESS"
      ? `arn:${partition}:states:${region}:${accountId}:express:${stateMachineName}:${executionName}:${random.uuid()}`
      : `arn:${partition}:states:${region}:${accountId}:execution:${stateMachineName}:${executionName}`);
  const roleArn = ctx?.roleArn ?? `arn:${partition}:iam::${accountId}:role/StepwiseExecutionRole`;
  return { accountId, region, partition, stateMachineName, stateMachineArn, stateMachineType, executionName, executionArn, roleArn };
}
