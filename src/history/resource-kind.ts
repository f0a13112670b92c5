/** @module What kind of thing a Task's Resource names, and the history events AWS records for it. */

export interface ResourceKind {
  /** Prefix of the history events: "Task", "LambdaFunction" or "Activity". */
  readonly events: "Task" | "LambdaFunction" | "Activity";
  /** For Task events: the service ("lambda", "states", ...) and the action ("invoke", "startExecution.sync"). */
  readonly resourceType: string;
  readonly resource: string;
}

const SERVICE_INTEGRATION = /^arn:[^:]+:states:::([^:]+):(.+)$/;
const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:.+$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:.+$/;

export function describeResource(resource: string): ResourceKind {
  const m = SERVICE_INTEGRATION.exec(resource);
  if (m) return { events: "Task", resourceType: m[1]!, resource: m[2]! };
  if (LAMBDA_FUNCTION.test(resource)) return { events: "LambdaFunction", resourceType: "lambda", resource };
  if (ACTIVITY.test(resource)) return { events: "Activity", resourceType: "activity", resource };
  return { events: "Task", resourceType: "handler", resource };
}
