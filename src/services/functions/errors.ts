/** @module Lambda's API errors: AWS's codes, HTTP statuses and message formats (wire-protocols.md §2). */
import { ServiceError } from "../service-error.js";

export const LambdaError = {
  ResourceNotFound: "ResourceNotFoundException",
  ResourceConflict: "ResourceConflictException",
  InvalidParameterValue: "InvalidParameterValueException",
  Validation: "ValidationException",
  TooManyRequests: "TooManyRequestsException",
  PreconditionFailed: "PreconditionFailedException",
  RequestTooLarge: "RequestTooLargeException",
  RequestEntityTooLarge: "RequestEntityTooLargeException",
  InvalidRequestContent: "InvalidRequestContentException",
  Service: "ServiceException",
} as const;

export const functionNotFound = (arn: string): ServiceError => new ServiceError(LambdaError.ResourceNotFound, `Function not found: ${arn}`, 404);
export const aliasNotFound = (arn: string): ServiceError => new ServiceError(LambdaError.ResourceNotFound, `Alias not found: ${arn}`, 404);
export const resourceNotFound = (message: string): ServiceError => new ServiceError(LambdaError.ResourceNotFound, message, 404);
export const conflict = (message: string): ServiceError => new ServiceError(LambdaError.ResourceConflict, message, 409);
export const invalidParameter = (message: string): ServiceError => new ServiceError(LambdaError.InvalidParameterValue, message, 400);
export const invalidRequestContent = (message: string): ServiceError => new ServiceError(LambdaError.InvalidRequestContent, message, 400);
export const serviceException = (message: string): ServiceError => new ServiceError(LambdaError.Service, message, 500);

/** RevisionId given and no longer current. */
export const preconditionFailed = (what: "GetFunction" | "GetAlias"): ServiceError =>
  new ServiceError(LambdaError.PreconditionFailed,
    `The Revision Id provided does not match the latest Revision Id. Call the ${what} API to retrieve the latest Revision Id`, 412);

/**
 * 429 with `Retry-After` (the API turns `retryAfterSeconds` into the header) and the throttle reason.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
 */
export const tooManyRequests = (reason: string, message = "Rate Exceeded."): ServiceError =>
  new ServiceError(LambdaError.TooManyRequests, message, 429, { Reason: reason, retryAfterSeconds: "1" });

/** The request body over an operation's limit, in AWS's words. */
export const requestTooLarge = (limit: number, operation: string): ServiceError =>
  new ServiceError(operation === "InvokeFunction" ? LambdaError.RequestTooLarge : LambdaError.RequestEntityTooLarge,
    `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413);

/** A parameter constraint from the service model, in AWS's wording (fields in lowerCamelCase, as Lambda names them). */
export function validationError(field: string, value: unknown, constraint: string): ServiceError {
  const shown = value === undefined || value === null ? "null" : `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
  return new ServiceError(LambdaError.Validation,
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`, 400);
}
