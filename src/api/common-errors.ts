/**
 * @module The errors every AWS service answers at the protocol level, before an operation runs.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
 */
import { ServiceError } from "../services/index.js";

export const CommonError = {
  SerializationException: "SerializationException",
  UnknownOperationException: "UnknownOperationException",
  RequestEntityTooLargeException: "RequestEntityTooLargeException",
  InternalFailure: "InternalFailure",
} as const;

/** The body is not valid JSON, or not a JSON object. */
export const serializationError = (message: string): ServiceError =>
  new ServiceError(CommonError.SerializationException, message, 400);

export const unknownOperation = (message: string): ServiceError =>
  new ServiceError(CommonError.UnknownOperationException, message, 400);

export const requestTooLarge = (limit: number): ServiceError =>
  new ServiceError(CommonError.RequestEntityTooLargeException, `Request must be smaller than ${limit} bytes`, 413);

/** "The request processing has failed because of an unknown error, exception or failure." (HTTP 500) */
export const internalFailure = (): ServiceError =>
  new ServiceError(CommonError.InternalFailure, "The request processing has failed because of an unknown error, exception or failure.", 500);
