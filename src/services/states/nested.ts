/**
 * @module Nested executions: `arn:aws:states:::states:startExecution` (request-response), `.sync`,
 * `.sync:2` and `.waitForTaskToken`, carried out with StartExecution's own logic.
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { isServiceError } from "../service-error.js";
import { compact } from "./input.js";
import { waitForClose, type ExecutionView, type InvokeRequest, type StatesRuntime } from "./runtime.js";

const NESTED = /^arn:[a-z-]+:states:::states:startExecution(\.sync(?::2)?|\.waitForTaskToken)?$/;

export const isNestedResource = (resource: string): boolean => NESTED.test(resource);

/** A task failure as the engine reads it (`error` / `cause`). */
const taskFailure = (error: string, cause: string) => Object.assign(new Error(cause), { name: error, error, cause });

export async function runNestedExecution(runtime: StatesRuntime, task: InvokeRequest): Promise<JsonValue> {
  const starter = runtime.starter;
  if (!starter) throw taskFailure("States.Runtime", "Nested executions need the Step Functions service, which is not running.");
  const pattern = NESTED.exec(task.resource)![1] ?? "";
  const params = isJsonObject(task.input) ? task.input : {};
  const stateMachineArn = params.StateMachineArn;
  if (typeof stateMachineArn !== "string") {
    throw sdkFailure("ValidationException", "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null");
  }
  const name = typeof params.Name === "string" ? params.Name : childName(task.executionArn, task.taskId);
  const input = params.Input === undefined ? "{}" : typeof params.Input === "string" ? params.Input : JSON.stringify(params.Input);
  let started;
  try {
    started = await starter.start({
      stateMachineArn, name, input, parentExecutionArn: task.executionArn,
      traceHeader: typeof params.TraceHeader === "string" ? params.TraceHeader : undefined,
    });
  } catch (e) {
    if (isServiceError(e)) throw sdkFailure(e.code, e.message);
    throw e;
  }
  if (pattern !== ".sync" && pattern !== ".sync:2") return { ExecutionArn: started.executionArn, StartDate: started.startDate };

  let closed: ExecutionView | undefined;
  if (started.finished) closed = await started.finished;
  else {
    await waitForClose(runtime, started.executionArn, async () => {
      closed = await starter.describe(started.executionArn);
      return closed !== undefined && closed.status !== "RUNNING";
    });
    closed = await starter.describe(started.executionArn);
  }
  if (!closed) throw taskFailure("States.Runtime", `The child execution '${started.executionArn}' no longer exists.`);
  const described = describeForTask(closed, pattern === ".sync:2");
  if (closed.status === "SUCCEEDED") return described;
  throw taskFailure("States.TaskFailed", JSON.stringify(described));
}

/**
 * The child's DescribeExecution as the parent's task result: Input and Output as JSON text with
 * `.sync`, as parsed JSON with `.sync:2`; dates in epoch milliseconds.
 */
export function describeForTask(view: ExecutionView, parsed: boolean): JsonObject {
  const payload = (text: string): JsonValue => {
    if (!parsed) return text;
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  };
  return compact({
    ExecutionArn: view.arn,
    Input: payload(view.input),
    InputDetails: { Included: true },
    Name: view.name,
    Output: view.output === undefined ? undefined : payload(view.output),
    OutputDetails: view.output === undefined ? undefined : { Included: true },
    StartDate: view.startDate,
    StateMachineArn: view.stateMachineArn,
    Status: view.status,
    StopDate: view.stopDate,
    Error: view.error,
    Cause: view.cause,
  } as Record<string, JsonValue | undefined>) as JsonObject;
}

/** The same parent task always names its child the same, so a re-dispatched task finds it again. */
export function childName(parentExecutionArn: string, taskId: string): string {
  const h = createHash("sha256").update(`${parentExecutionArn}|${taskId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An API error of the nested StartExecution, named as AWS names SDK errors in task failures. */
function sdkFailure(code: string, message: string) {
  const name = code.endsWith("Exception") ? code : `${code}Exception`;
  return taskFailure(`StepFunctions.${name}`, `${message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${code}; Proxy: null)`);
}
