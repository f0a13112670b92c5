/** @module What kind of thing a Task's Resource names, and the history events AWS records for it. */

export interface ResourceKind {
  /** Prefix of the history events: "Task", "LambdaFunction" or "Activity". */
  readonly events: "Task" | "LambdaFunction" | "Activity";
  /** For Task events: the service ("lambda", "states", ...) and the action ("invoke", "startExecution.sync"). */
  readonly resourceType: string;
  readonly resource: string;
  /** The event types this resource records: `<events>Scheduled`, `<events>Started`, ... */
  readonly scheduled: string;
  readonly started: string;
  readonly succeeded: string;
  readonly failed: string;
  readonly timedOut: string;
  /** How AWS names the resource in a task's DataLimitExceeded cause: the service ("lambda"), or the ARN. */
  readonly resultName: string;
}

const kinds = new Map<string, ResourceKind>();

const SERVICE_INTEGRATION = /^arn:[^:]+:states:::([^:]+):(.+)$/;
const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:.+$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:.+$/;

/** Describes a Resource string (remembered: a definition has few distinct resources). */
export function describeResource(resource: string): ResourceKind {
  let kind = kinds.get(resource);
  if (!kind) {
    kind = classify(resource);
    if (kinds.size < 10_000) kinds.set(resource, kind);
  }
  return kind;
}

function classify(resource: string): ResourceKind {
  const m = SERVICE_INTEGRATION.exec(resource);
  if (m) return withEvents("Task", m[1]!, m[2]!);
  if (LAMBDA_FUNCTION.test(resource)) return withEvents("LambdaFunction", "lambda", resource);
  if (ACTIVITY.test(resource)) return withEvents("Activity", "activity", resource);
  return withEvents("Task", "handler", resource);
}

const withEvents = (events: ResourceKind["events"], resourceType: string, resource: string): ResourceKind => ({
  events, resourceType, resource,
  resultName: events === "Task" && resourceType !== "handler" ? resourceType : resource,
  scheduled: `${events}Scheduled`, started: `${events}Started`, succeeded: `${events}Succeeded`, failed: `${events}Failed`, timedOut: `${events}TimedOut`,
});
