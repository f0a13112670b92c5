/** @module Step Functions' API errors, with AWS's codes and message formats (wire-protocols.md §1.2). */
import { ServiceError } from "../service-error.js";

export const stateMachineDoesNotExist = (arn: string) => new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
export const stateMachineAlreadyExists = (arn: string) => new ServiceError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
export const executionDoesNotExist = (arn: string) => new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
export const executionAlreadyExists = (arn: string) => new ServiceError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
export const activityDoesNotExist = (arn: string) => new ServiceError("ActivityDoesNotExist", `Activity Does Not Exist: '${arn}'`);
export const invalidArn = (detail: string) => new ServiceError("InvalidArn", `Invalid Arn: '${detail}'`);
export const invalidName = (name: string) => new ServiceError("InvalidName", `Invalid Name: '${name}'`);
export const invalidDefinition = (message: string) => new ServiceError("InvalidDefinition", message);
export const invalidExecutionInput = (detail: string) => new ServiceError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${detail}'`);
export const invalidOutput = (detail: string) => new ServiceError("InvalidOutput", `Invalid State Machine Execution Output: '${detail}'`);
export const invalidToken = (detail: string) => new ServiceError("InvalidToken", `Invalid Token: '${detail}'`);
export const taskTimedOut = () => new ServiceError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
export const conflict = (message: string) => new ServiceError("ConflictException", message);
export const typeNotSupported = (operation: string) =>
  new ServiceError("StateMachineTypeNotSupported", `${operation} is not supported by EXPRESS state machines`);
export const resourceNotFound = (arn: string) =>
  new ServiceError("ResourceNotFound", `Resource not found: '${arn}'`, 400, { resourceName: arn });
export const executionNotRedrivable = (message: string) => new ServiceError("ExecutionNotRedrivable", message);

/** AWS's wording for parameter constraint violations (one violation per request is enough for callers). */
export function validationError(field: string, value: unknown, constraint: string, reason?: string): ServiceError {
  const shown = value === undefined || value === null ? "null" : `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
  return new ServiceError(
    "ValidationException",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
    400,
    reason ? { reason } : {},
  );
}

/** A ValidationException with AWS's `reason` member and a free-form message. */
export const validationReason = (reason: string, message: string) => new ServiceError("ValidationException", message, 400, { reason });

/** Versions and aliases (qualified ARNs) given to an operation that only takes a state machine's own ARN. */
export const labeledArnNotSupported = (arn: string) =>
  validationReason("API_DOES_NOT_SUPPORT_LABELED_ARNS", `This API does not support labeled ARNs: '${arn}'`);
