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

/**
 * The run's names. Those not given are made when first read, each once: most in-process runs never
 * read them (no `$$`, no history), and a generated name (a UUID) and the ARNs around it cost more
 * than the rest of a short run.
 */
export function resolveNames(ctx: RunContext | undefined, random: Random): RunNames {
  return new Names(ctx, random);
}

class Names implements RunNames {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly stateMachineName: string;
  readonly stateMachineType: "STANDARD" | "EXPRESS";
  private madeExecutionName: string | undefined = undefined;
  private madeExecutionArn: string | undefined = undefined;
  private madeStateMachineArn: string | undefined = undefined;
  private madeRoleArn: string | undefined = undefined;

  constructor(private readonly ctx: RunContext | undefined, private readonly random: Random) {
    this.accountId = ctx?.accountId ?? "123456789012";
    this.region = ctx?.region ?? "us-east-1";
    this.partition = ctx?.partition ?? "aws";
    this.stateMachineName = ctx?.stateMachineName ?? "StateMachine";
    this.stateMachineType = ctx?.stateMachineType ?? "STANDARD";
  }

  get executionName(): string {
    return (this.madeExecutionName ??= this.ctx?.executionName ?? this.random.uuid());
  }

  get stateMachineArn(): string {
    return (this.madeStateMachineArn ??= this.ctx?.stateMachineArn ?? `${this.statesArnPrefix()}:stateMachine:${this.stateMachineName}`);
  }

  get executionArn(): string {
    if (this.madeExecutionArn !== undefined) return this.madeExecutionArn;
    const given = this.ctx?.executionArn;
    if (given !== undefined) return (this.madeExecutionArn = given);
    const prefix = this.statesArnPrefix();
    return (this.madeExecutionArn = this.stateMachineType === "EXPRESS"
      ? `${prefix}:express:${this.stateMachineName}:${this.executionName}:${this.random.uuid()}`
      : `${prefix}:execution:${this.stateMachineName}:${this.executionName}`);
  }

  private statesArnPrefix(): string {
    return `arn:${this.partition}:states:${this.region}:${this.accountId}`;
  }

  get roleArn(): string {
    return (this.madeRoleArn ??= this.ctx?.roleArn ?? `arn:${this.partition}:iam::${this.accountId}:role/StepwiseExecutionRole`);
  }
}
