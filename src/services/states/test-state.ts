/**
 * @module TestState: runs one state (alone, or picked from a whole machine by `stateName`) on the given
 * input and variables, with an optional mock for its invocation; answers its output, error, next state
 * and status, and at DEBUG (and TRACE) the data after each processing step.
 * https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
 */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { StatesError, createVariableFrame, toAslError, type EvalScope } from "../../asl/index.js";
import type { CallContext, Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { compact } from "./input.js";
import { readTestStateRequest, type TestStateRequest } from "./test-state-request.js";
import { resolveTestTarget, type TestTarget } from "./test-state-target.js";
import { checkMockResult, checkTestable } from "./test-state-rules.js";
import { runTestedState, type CallOutcome, type TestRun } from "./test-state-run.js";

/** "The TestState API can run for up to five minutes. If the execution of a state exceeds this duration, it fails with the States.Timeout error." */
export const TEST_STATE_LIMIT_MS = 5 * 60 * 1000;

/** The names TestState's context object uses for the machine and execution the state pretends to run in. */
const MACHINE_NAME = "TestStateMachine";

export function testStateOperations(ctx: StatesContext): Record<string, Operation> {
  return {
    async TestState(input, call) {
      const request = readTestStateRequest(input);
      const target = resolveTestTarget(request.definition, request.stateName);
      checkTestable(target.state, request);
      if (request.mock?.result !== undefined) checkMockResult(target.state, request.mock.result, request.mock.fieldValidationMode);
      const result = await runTestedState(testRun(ctx, call, request, target));
      return compact({
        output: result.output === undefined ? undefined : JSON.stringify(result.output),
        error: result.error,
        cause: result.cause,
        inspectionData: request.inspectionLevel === "INFO" ? undefined : result.inspection,
        nextState: result.nextState,
        status: result.status,
      });
    },
  };
}

function testRun(ctx: StatesContext, call: CallContext, request: TestStateRequest, target: TestTarget): TestRun {
  const { state } = target;
  const now = ctx.clock.now();
  const { partition, region, accountId } = ctx.scopeOf(call);
  const executionName = ctx.random.uuid();
  const executionArn = `arn:${partition}:states:${region}:${accountId}:execution:${MACHINE_NAME}:${executionName}`;
  const retryCount = request.configuration.retrierRetryCount ?? 0;
  const taskToken = state.type === "Task" && state.resource.endsWith(".waitForTaskToken") ? ctx.random.uuid() : undefined;
  const stateContext: JsonObject = { Name: state.name, EnteredTime: new Date(now).toISOString() };
  if (state.type === "Task" || state.type === "Map" || state.type === "Parallel") stateContext.RetryCount = retryCount;
  const context = mergeContext({
    Execution: {
      Id: executionArn, Input: request.input, Name: executionName, RoleArn: request.roleArn ?? null,
      StartTime: new Date(now).toISOString(), RedriveCount: 0,
    },
    StateMachine: { Id: `arn:${partition}:states:${region}:${accountId}:stateMachine:${MACHINE_NAME}`, Name: MACHINE_NAME },
    State: stateContext,
    ...(taskToken ? { Task: { Token: taskToken } } : {}),
  }, request.context);
  const variables = createVariableFrame();
  for (const [name, value] of Object.entries(request.variables)) variables.values.set(name, value);
  // The state is the first of a one-state execution: ExecutionStarted is event 1, its StateEntered event 2.
  const scopeWith = (extra?: JsonObject): EvalScope => ({
    context: extra ? { ...context, ...extra } : context, variables, random: ctx.random, now, stateName: state.name, enteredEventId: 2,
  });
  const scope = scopeWith();
  return {
    state, raw: request.input, request, scope,
    itemScope: (index, value) => scopeWith({ Map: { Item: { Index: index, Value: value } } }),
    callTask: (taskInput, timeoutSeconds, heartbeatSeconds) => callTask(ctx, {
      taskId: `test-${executionName}`, resource: state.type === "Task" ? state.resource : "", stateName: state.name, input: taskInput,
      context: scope.context, retryCount, timeoutSeconds, heartbeatSeconds, taskToken, executionArn,
    }, now),
  };
}

type InvokeRequest = Parameters<StatesContext["runtime"]["invoke"]>[0];
const TIMED_OUT: unique symbol = Symbol("timed out");

/** The task through the service's invoker (handlers, nested executions, fallback), within its TimeoutSeconds and TestState's 5 minutes. */
async function callTask(ctx: StatesContext, task: InvokeRequest, startedAt: number): Promise<CallOutcome> {
  const limitMs = Math.min(task.timeoutSeconds === undefined ? Infinity : task.timeoutSeconds * 1000, TEST_STATE_LIMIT_MS);
  const settled = new AbortController();
  const work: Promise<CallOutcome> = ctx.runtime.invoke(task).then(
    (result): CallOutcome => ({ ok: true, result }),
    (e): CallOutcome => ({ ok: false, error: toAslError(e) }),
  );
  try {
    const timer = ctx.clock.sleepUntil(startedAt + limitMs, settled.signal).then((): typeof TIMED_OUT => TIMED_OUT);
    const outcome = await Promise.race([work, timer]);
    return outcome === TIMED_OUT ? { ok: false, error: { error: StatesError.Timeout } } : outcome;
  } finally {
    settled.abort();
  }
}

/** The caller's `context` over the default context object: its top-level objects are merged, other members replace. */
function mergeContext(base: JsonObject, given: JsonObject | undefined): JsonObject {
  if (!given) return base;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(given)) {
    const current = merged[key];
    merged[key] = isJsonObject(current) && isJsonObject(value) ? { ...current, ...value } : (value as JsonValue);
  }
  return merged;
}
