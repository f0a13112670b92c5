/** @module CloudWatch Logs API errors (awsJson1_1 `__type` codes and AWS's messages). */
import { ServiceError } from "../service-error.js";

export const groupNotFound = () => new ServiceError("ResourceNotFoundException", "The specified log group does not exist.");
export const streamNotFound = () => new ServiceError("ResourceNotFoundException", "The specified log stream does not exist.");
export const groupExists = () => new ServiceError("ResourceAlreadyExistsException", "The specified log group already exists");
export const streamExists = () => new ServiceError("ResourceAlreadyExistsException", "The specified log stream already exists");
export const invalidParameter = (message: string) => new ServiceError("InvalidParameterException", message);

/** A model constraint, in AWS's wording (CloudWatch Logs reports these as InvalidParameterException). */
export function constraintError(field: string, value: unknown, constraint: string): ServiceError {
  const shown = value === undefined || value === null ? "null" : `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
  return invalidParameter(`1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}
