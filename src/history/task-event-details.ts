/** @module Details of the events a Task records (Task*, LambdaFunction*, Activity*), by resource kind. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { PayloadDetails } from "./event-types.js";
import type { ResourceKind } from "./resource-kind.js";
import { errorDetails } from "./event-details.js";

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
const detailsKey = (kind: ResourceKind, suffix: string) => `${lowerFirst(kind.events)}${suffix}EventDetails`;
const resourceFields = (kind: ResourceKind) => (kind.events === "Task" ? { resourceType: kind.resourceType, resource: kind.resource } : {});

export function scheduledDetails(kind: ResourceKind, region: string, input: JsonValue, timeout: number | undefined, heartbeat: number | undefined) {
  const limits: JsonObject = {};
  if (timeout !== undefined) limits.timeoutInSeconds = timeout;
  if (heartbeat !== undefined) limits.heartbeatInSeconds = heartbeat;
  if (kind.events === "Task") {
    return { [detailsKey(kind, "Scheduled")]: { ...resourceFields(kind), region, parameters: JSON.stringify(input), ...limits } };
  }
  return { [detailsKey(kind, "Scheduled")]: { resource: kind.resource, input: JSON.stringify(input), inputDetails: PayloadDetails, ...limits } };
}

export const startedDetails = (kind: ResourceKind) => (kind.events === "Task" ? { taskStartedEventDetails: resourceFields(kind) } : {});

export const succeededDetails = (kind: ResourceKind, output: JsonValue) => ({
  [detailsKey(kind, "Succeeded")]: { ...resourceFields(kind), output: JSON.stringify(output), outputDetails: PayloadDetails },
});

/** TaskFailed / TaskTimedOut (and the LambdaFunction / Activity equivalents). */
export const failedDetails = (kind: ResourceKind, suffix: "Failed" | "TimedOut", error: string | undefined, cause: string | undefined) => ({
  [detailsKey(kind, suffix)]: { ...resourceFields(kind), ...errorDetails(error, cause) },
});
