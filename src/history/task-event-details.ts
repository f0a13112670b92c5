/** @module Details of the events a Task records (Task*, LambdaFunction*, Activity*), by resource kind. */
import type { JsonValue } from "../shared/json.js";
import { PayloadDetails, type PayloadEncoder } from "./event-types.js";
import type { ResourceKind } from "./resource-kind.js";
import { errorDetails } from "./event-details.js";

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
/** The details member's name, e.g. taskSucceededEventDetails (a handful exist: built once each). */
const detailsKeys = new Map<string, string>();
function detailsKey(kind: ResourceKind, suffix: string): string {
  const id = kind.events + suffix;
  let key = detailsKeys.get(id);
  if (key === undefined) detailsKeys.set(id, (key = `${lowerFirst(kind.events)}${suffix}EventDetails`));
  return key;
}
const resourceFields = (kind: ResourceKind) => (kind.events === "Task" ? { resourceType: kind.resourceType, resource: kind.resource } : {});

export function scheduledDetails(
  kind: ResourceKind, region: string, input: JsonValue, timeout: number | undefined, heartbeat: number | undefined, payload: PayloadEncoder = JSON.stringify,
) {
  const details: Record<string, unknown> = kind.events === "Task"
    ? { resourceType: kind.resourceType, resource: kind.resource, region, parameters: payload(input) }
    : { resource: kind.resource, input: payload(input), inputDetails: PayloadDetails };
  if (timeout !== undefined) details.timeoutInSeconds = timeout;
  if (heartbeat !== undefined) details.heartbeatInSeconds = heartbeat;
  return { [detailsKey(kind, "Scheduled")]: details };
}

export const startedDetails = (kind: ResourceKind) => (kind.events === "Task" ? { taskStartedEventDetails: resourceFields(kind) } : {});

export function succeededDetails(kind: ResourceKind, output: JsonValue, payload: PayloadEncoder = JSON.stringify) {
  const text = payload(output);
  const details = kind.events === "Task"
    ? { resourceType: kind.resourceType, resource: kind.resource, output: text, outputDetails: PayloadDetails }
    : { output: text, outputDetails: PayloadDetails };
  return { [detailsKey(kind, "Succeeded")]: details };
}

/** TaskFailed / TaskTimedOut (and the LambdaFunction / Activity equivalents). */
export const failedDetails = (kind: ResourceKind, suffix: "Failed" | "TimedOut", error: string | undefined, cause: string | undefined) => ({
  [detailsKey(kind, suffix)]: { ...resourceFields(kind), ...errorDetails(error, cause) },
});
