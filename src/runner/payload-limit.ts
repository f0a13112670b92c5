/** @module AWS's 256 KiB payload limit for state results (States.DataLimitExceeded). */
import { StatesError, StatesFailure, type AslError } from "../asl/index.js";

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const dataLimitExceeded = (stateName: string): StatesFailure =>
  new StatesFailure(
    StatesError.DataLimitExceeded,
    `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );

/** A task result over the limit: the cause names the resource ("lambda", or the function ARN), as AWS records it. */
export const resultTooLarge = (resourceName: string): AslError => ({
  error: StatesError.DataLimitExceeded,
  cause: `The state/task '${resourceName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
});
