/** @module StartExecution's logic, shared by StartExecution, StartSyncExecution and nested `states:startExecution` tasks. */
import type { JsonValue } from "../../shared/json.js";
import type { ExecutionRecord } from "../../store/index.js";
import type { ExecutionNames } from "../../engine/index.js";
import { createMockInvoker, isMockConfigError, splitTestCaseArn, type MockInvoker } from "../../mocking/index.js";
import { ServiceError } from "../service-error.js";
import type { StatesContext } from "./context.js";
import { executionAlreadyExists, invalidExecutionInput, typeNotSupported } from "./errors.js";
import { checkName } from "./names.js";
import { arnScopeOf, parseStateMachineArn } from "./arns.js";
import { resolveTarget, type ExecutionTarget } from "./lookup.js";
import { startExpress } from "./express.js";
import type { StartedExecution } from "./runtime.js";

export interface StartOptions {
  /** May end in `#TestCase` (Step Functions Local's mocked runs). */
  readonly stateMachineArn: string;
  readonly name: string | undefined;
  readonly input: string | undefined;
  readonly traceHeader: string | undefined;
  readonly parentExecutionArn?: string;
  /** Nested tasks: an existing execution of the same name and input is this task's child, whatever its status. */
  readonly adopt?: boolean;
  /** StartSyncExecution: EXPRESS machines only. */
  readonly sync?: boolean;
}

export const MAX_PAYLOAD_BYTES = 262144;

export interface Started extends StartedExecution {
  readonly type: "STANDARD" | "EXPRESS";
  readonly target: ExecutionTarget;
  readonly name: string;
  readonly input: string;
}

export async function startExecution(ctx: StatesContext, options: StartOptions): Promise<Started> {
  const { stateMachineArn, testCaseName } = splitTestCaseArn(options.stateMachineArn);
  const ref = parseStateMachineArn(stateMachineArn);
  if (options.name !== undefined) checkName(options.name);
  const input = options.input ?? "{}";
  const value = parseInput(input);
  const target = await resolveTarget(ctx, stateMachineArn, ref);
  const type = target.machine.type;
  if (options.sync && type !== "EXPRESS") throw typeNotSupported("StartSyncExecution");
  const mock = testCaseName === undefined ? undefined : mockFor(ctx, target.machine.name, testCaseName);
  const name = options.name ?? ctx.random.uuid();
  if (type === "EXPRESS") {
    const started = startExpress(ctx, { target, name, input, value, mock, traceHeader: options.traceHeader });
    return { ...started, type, target, name, input };
  }
  const base = { type, target, name, input } as const;
  const arn = `${target.machine.arn.replace(":stateMachine:", ":execution:")}:${name}`;
  const existing = await ctx.store.getExecution(arn);
  if (existing) return { ...base, ...again(existing, input, options.adopt) };
  const startDate = ctx.clock.now();
  const record: ExecutionRecord = {
    arn, stateMachineArn: target.machine.arn, name, status: "RUNNING", input, output: undefined, error: undefined, cause: undefined,
    startDate, stopDate: undefined, definition: target.definition, roleArn: target.roleArn,
    stateMachineVersionArn: target.version?.arn, stateMachineAliasArn: target.alias?.arn, mapRunArn: undefined,
    parentExecutionArn: options.parentExecutionArn, redriveCount: 0, redriveDate: undefined, traceHeader: options.traceHeader, lastEventId: 0,
  };
  // Registered before the first transition: its tasks are dispatched as soon as it commits.
  const registered = mock !== undefined && !ctx.runtime.mocks.has(arn);
  if (registered) ctx.runtime.mocks.set(arn, mock);
  let result;
  try {
    result = await ctx.engine.start({ record, names: namesOf(record, target) });
  } catch (e) {
    if (registered) ctx.runtime.mocks.delete(arn);
    throw e;
  }
  if (!result.created) {
    if (registered) ctx.runtime.mocks.delete(arn);
    return { ...base, ...again(result.existing, input, options.adopt) };
  }
  return { ...base, executionArn: arn, startDate };
}

/**
 * StartExecution is idempotent: the same name and input while the execution runs returns it;
 * otherwise the name is taken (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
 */
function again(existing: ExecutionRecord, input: string, adopt: boolean | undefined): StartedExecution {
  if (existing.input === input && (existing.status === "RUNNING" || adopt)) return { executionArn: existing.arn, startDate: existing.startDate };
  throw executionAlreadyExists(existing.arn);
}

export function parseInput(input: string): JsonValue {
  if (Buffer.byteLength(input, "utf8") > MAX_PAYLOAD_BYTES) {
    throw invalidExecutionInput(`Input size exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes`);
  }
  try {
    return JSON.parse(input) as JsonValue;
  } catch (e) {
    throw invalidExecutionInput((e as Error).message);
  }
}

function mockFor(ctx: StatesContext, machineName: string, testCaseName: string): MockInvoker {
  const config = ctx.mockConfig();
  if (!config) {
    throw new ServiceError("ValidationException", `No mock config is loaded, so the test case '${testCaseName}' cannot run (start the server with a mock config file)`);
  }
  try {
    return createMockInvoker(config, machineName, testCaseName);
  } catch (e) {
    if (isMockConfigError(e)) throw new ServiceError("ValidationException", e.message);
    throw e;
  }
}

function namesOf(record: ExecutionRecord, target: ExecutionTarget): ExecutionNames {
  return {
    executionArn: record.arn, executionName: record.name, stateMachineArn: target.machine.arn, stateMachineName: target.machine.name,
    roleArn: record.roleArn, ...arnScopeOf(target.machine.arn),
  };
}
