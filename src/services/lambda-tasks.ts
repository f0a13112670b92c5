/** @module Step Functions' Lambda tasks carried out by the functions service (Invoke through its operation table). */
import { randomUUID } from "node:crypto";
import type { TaskInvoker } from "../engine/index.js";
import { LambdaServiceError, lambdaTaskOf, runLambdaTask, type InvokeFunction } from "../integrations/index.js";
import type { OperationTable } from "./operations.js";
import { isServiceError } from "./service-error.js";

/** An InvokeFunction that calls the functions service's Invoke operation as `accountId` in `region`. */
export function createInvokeFunction(lambda: OperationTable, accountId: string, region: string): InvokeFunction {
  return async (inv) => {
    const requestId = randomUUID();
    const input: Record<string, unknown> = { FunctionName: inv.functionName, InvocationType: inv.invocationType, Payload: inv.payload };
    if (inv.qualifier !== undefined) input.Qualifier = inv.qualifier;
    if (inv.logType !== undefined) input.LogType = inv.logType;
    if (inv.clientContext !== undefined) input.ClientContext = inv.clientContext;
    try {
      const out = await lambda.Invoke!(input, { accountId, region, requestId });
      return {
        statusCode: Number(out.StatusCode ?? 200),
        payload: typeof out.Payload === "string" ? out.Payload : "",
        functionError: typeof out.FunctionError === "string" ? out.FunctionError : undefined,
        executedVersion: typeof out.ExecutedVersion === "string" ? out.ExecutedVersion : "$LATEST",
        requestId,
        logResult: typeof out.LogResult === "string" ? out.LogResult : undefined,
      };
    } catch (e) {
      if (isServiceError(e)) throw new LambdaServiceError(e.code, e.message, e.status, requestId);
      throw e;
    }
  };
}

/**
 * The engine's invokeTask for Lambda resources (function ARNs and `arn:aws:states:::lambda:invoke`),
 * to be used as the states service's task-invoker fallback. Other resources fall through to `next`.
 */
export function createLambdaTaskInvoker(invoke: InvokeFunction, next?: TaskInvoker): TaskInvoker {
  return async (task) => {
    const lambdaTask = lambdaTaskOf(task.resource, task.input);
    if (!lambdaTask) {
      if (next) return next(task);
      throw Object.assign(new Error(`No handler is registered for the resource '${task.resource}'.`), { name: "States.TaskFailed" });
    }
    return runLambdaTask(lambdaTask, invoke);
  };
}
