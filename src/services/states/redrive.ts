/** @module Whether an execution can be redriven, with AWS's redriveStatusReason texts. */
import type { ExecutionRecord } from "../../store/index.js";

/** AWS: executions that closed unsuccessfully within the last 14 days can be redriven. */
export const REDRIVE_PERIOD_MS = 14 * 24 * 60 * 60 * 1000;

export interface RedriveStatus {
  readonly status: "REDRIVABLE" | "NOT_REDRIVABLE";
  readonly reason: string | undefined;
}

/** https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html (redriveStatusReason). */
export function redriveStatusOf(record: ExecutionRecord, now: number): RedriveStatus {
  const not = (reason: string): RedriveStatus => ({ status: "NOT_REDRIVABLE", reason });
  if (record.status === "RUNNING" || record.status === "PENDING_REDRIVE") return not("Execution is RUNNING and cannot be redriven");
  if (record.status === "SUCCEEDED") return not("Execution is SUCCEEDED and cannot be redriven");
  if ((record.stopDate ?? record.startDate) + REDRIVE_PERIOD_MS < now) return not("Execution redrivable period exceeded");
  return { status: "REDRIVABLE", reason: undefined };
}
