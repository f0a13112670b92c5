/** @module Details of the events a Task records (Task*, LambdaFunction*, Activity*), by resource kind. */
import type { JsonValue } from "../shared/json.js";
import { PayloadDetails, type PayloadEncoder } from "./event-types.js";
import type { ResourceKind } from "./resource-kind.js";
import { errorDetails } from "./event-details.js";

const SUFFIXES = ["Scheduled", "Succeeded", "Failed", "TimedOut"] as const;
type Suffix = (typeof SUFFIXES)[number];
const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
/** The details members' names by event prefix and suffix, e.g. taskSucceededEventDetails (built once). */
const DETAILS_KEYS = Object.fromEntries((["Task", "LambdaFunction", "Activity"] as const).map((events) =>
  [events, Object.fromEntries(SUFFIXES.map((suffix) => [suffix, `${lowerFirst(events)}${suffix}EventDetails`]))],
)) as Record<ResourceKind["events"], Record<Suffix, string>>;
const detailsKey = (kind: ResourceKind, suffix: Suffix): string => DETAILS_KEYS[kind.events][suffix];
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
