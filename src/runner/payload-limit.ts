/** @module AWS's 256 KiB payload limit for state results (States.DataLimitExceeded). */
import { StatesError, StatesFailure } from "../asl/index.js";

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const dataLimitExceeded = (stateName: string): StatesFailure =>
  new StatesFailure(
    StatesError.DataLimitExceeded,
    `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );
