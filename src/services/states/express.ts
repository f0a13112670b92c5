/** @module Express executions: run in memory with the in-process runner; no history is stored (as AWS). */
import type { JsonValue } from "../../shared/json.js";
import type { MockInvoker } from "../../mocking/index.js";
import type { StatesContext } from "./context.js";
import { arnScopeOf } from "./arns.js";
import type { ExecutionTarget } from "./lookup.js";
import type { ExecutionView, StartedExecution } from "./runtime.js";

/** AWS's limit on an Express execution's duration, in seconds. */
export const EXPRESS_MAX_DURATION_SECONDS = 300;

export interface ExpressStart {
  readonly target: ExecutionTarget;
  readonly name: string;
  readonly input: string;
  readonly value: JsonValue;
  readonly mock: MockInvoker | undefined;
  readonly traceHeader: string | undefined;
}

/**
 * Starts the run and returns at once; `finished` settles with the closed execution (never rejects).
 * Nothing keeps the execution once it closes: AWS has no DescribeExecution for Express, and the
 * callers that wait for it (StartSyncExecution, nested `.sync` tasks) hold `finished`.
 */
export function startExpress(ctx: StatesContext, start: ExpressStart): StartedExecution & { readonly finished: Promise<ExecutionView> } {
  const arn = `${start.target.machine.arn.replace(":stateMachine:", ":express:")}:${start.name}:${ctx.random.uuid()}`;
  const startDate = ctx.clock.now();
  if (start.mock) ctx.runtime.mocks.set(arn, start.mock);
  return { executionArn: arn, startDate, finished: runExpress(ctx, start, arn, startDate) };
}

async function runExpress(ctx: StatesContext, start: ExpressStart, arn: string, startDate: number): Promise<ExecutionView> {
  const machine = start.target.machine;
  const base = { arn, stateMachineArn: machine.arn, name: start.name, input: start.input, startDate };
  try {
    const { partition, region, accountId } = arnScopeOf(machine.arn);
    let seq = 0;
    const result = await ctx.compile(start.target.definition).run(start.value, {
      clock: ctx.clock, random: ctx.random, startTime: startDate, history: false,
      // Express executions run for at most five minutes (AWS's Step Functions quotas).
      maxDurationSeconds: EXPRESS_MAX_DURATION_SECONDS,
      context: {
        accountId, region, partition, stateMachineName: machine.name, stateMachineArn: machine.arn, stateMachineType: "EXPRESS",
        executionName: start.name, executionArn: arn, roleArn: start.target.roleArn,
      },
      // `context` is a getter of the request: copied by name.
      invokeTask: (request) => ctx.runtime.invoke({ ...request, context: request.context, taskId: `x${++seq}`, executionArn: arn }),
    });
    return {
      ...base, status: result.status, stopDate: result.stopDate,
      output: result.status === "SUCCEEDED" ? JSON.stringify(result.output ?? null) : undefined, error: result.error, cause: result.cause,
    };
  } catch (e) {
    return { ...base, status: "FAILED", stopDate: ctx.clock.now(), output: undefined, error: "States.Runtime", cause: (e as Error).message };
  } finally {
    if (start.mock) ctx.runtime.mocks.delete(arn);
  }
}
