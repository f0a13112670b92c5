/**
 * @module What TestState accepts for a state: which states take (or need) a mock, which stateConfiguration
 * members apply, and whether a mocked result has the shape of the API it stands for (fieldValidationMode).
 * https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
 */
import type { JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import type { StatePlan } from "../../asl/index.js";
import { containsState } from "./plan-search.js";
import { testStateValidation, type FieldValidationMode, type TestStateRequest } from "./test-state-request.js";

const ACTIVITY = /^arn:[a-z-]+:states:[^:]*:[^:]*:activity:/;

/**
 * "TestState only supports the following when a mock is specified: Activity tasks, .sync or
 * .waitForTaskToken service integration patterns, Parallel, or Map states"; a mock is refused for
 * states other than Task, Map and Parallel.
 */
export function checkTestable(state: StatePlan, request: TestStateRequest): void {
  const { mock, configuration: config } = request;
  if (mock && state.type !== "Task" && state.type !== "Map" && state.type !== "Parallel") {
    throw testStateValidation(`State type '${state.type}' is not supported when a mock is specified`);
  }
  if (!mock) {
    const needsMock = needsMockFor(state);
    if (needsMock) throw testStateValidation(`TestState supports ${needsMock} only when a mock is specified`);
  }
  if (config.retrierRetryCount !== undefined && state.type !== "Task" && state.type !== "Map" && state.type !== "Parallel") {
    throw testStateValidation(`retrierRetryCount is not supported for state type '${state.type}'`);
  }
  if (config.errorCausedByState !== undefined) {
    if (state.type !== "Map" && state.type !== "Parallel") throw testStateValidation("errorCausedByState can only be specified for a Map or Parallel state");
    if (!mock?.errorOutput) throw testStateValidation("errorCausedByState can only be specified with a mocked errorOutput");
    if (!containsState(state, config.errorCausedByState)) {
      throw testStateValidation(`errorCausedByState '${config.errorCausedByState}' is not a state inside '${state.name}'`);
    }
  }
  if (config.mapIterationFailureCount !== undefined && state.type !== "Map") {
    throw testStateValidation("mapIterationFailureCount can only be specified for a Map state");
  }
  // ItemReader (S3) is not supported by Stepwise's definitions, so there is never a reader to feed.
  if (config.mapItemReaderData !== undefined) throw testStateValidation("mapItemReaderData can only be specified for a Map state with an ItemReader");
}

const PATTERN = /\.(sync(:2)?|waitForTaskToken)$/;

function needsMockFor(state: StatePlan): string | undefined {
  if (state.type === "Map" || state.type === "Parallel") return `a ${state.type} state`;
  if (state.type !== "Task") return undefined;
  if (ACTIVITY.test(state.resource)) return "an Activity task";
  const pattern = PATTERN.exec(state.resource)?.[0];
  return pattern ? `the '${pattern}' integration pattern` : undefined;
}

type FieldType = "string" | "integer" | "number" | "object" | "array" | "timestamp" | "any";

interface ResponseShape {
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly required: readonly string[];
}

/**
 * The responses of the optimized integrations whose shapes Stepwise knows, as Step Functions hands
 * them to the state (PascalCase). Other resources are not checked.
 */
const SHAPES: Readonly<Record<string, ResponseShape>> = {
  "lambda:invoke": {
    fields: { StatusCode: "integer", FunctionError: "string", LogResult: "string", Payload: "any", ExecutedVersion: "string" }, required: [],
  },
  "states:startExecution": { fields: { ExecutionArn: "string", StartDate: "timestamp" }, required: ["ExecutionArn", "StartDate"] },
  "sns:publish": { fields: { MessageId: "string", SequenceNumber: "string" }, required: [] },
  "sqs:sendMessage": {
    fields: { MD5OfMessageBody: "string", MD5OfMessageAttributes: "string", MD5OfMessageSystemAttributes: "string", MessageId: "string", SequenceNumber: "string" },
    required: [],
  },
  "dynamodb:getItem": { fields: { Item: "object", ConsumedCapacity: "object" }, required: [] },
  "dynamodb:putItem": { fields: { Attributes: "object", ConsumedCapacity: "object", ItemCollectionMetrics: "object" }, required: [] },
  "dynamodb:deleteItem": { fields: { Attributes: "object", ConsumedCapacity: "object", ItemCollectionMetrics: "object" }, required: [] },
  "dynamodb:updateItem": { fields: { Attributes: "object", ConsumedCapacity: "object", ItemCollectionMetrics: "object" }, required: [] },
  "events:putEvents": { fields: { Entries: "array", FailedEntryCount: "integer" }, required: [] },
};

const INTEGRATION = /^arn:[a-z-]+:states:::([a-zA-Z0-9-]+:[a-zA-Z0-9]+)$/;

/** STRICT: required fields present and every field as the API defines it; PRESENT: only the fields given; NONE: anything. */
export function checkMockResult(state: StatePlan, result: JsonValue, mode: FieldValidationMode): void {
  if (mode === "NONE") return;
  if ((state.type === "Map" || state.type === "Parallel") && !Array.isArray(result)) {
    throw testStateValidation(`The mock result of a ${state.type} state must be a JSON array`);
  }
  if (state.type !== "Task") return;
  const shape = SHAPES[INTEGRATION.exec(state.resource)?.[1] ?? ""];
  if (!shape) return;
  const problem = shapeProblem(result, shape, mode === "STRICT");
  if (problem) throw testStateValidation(`The mock result does not match the response of '${state.resource}': ${problem}`);
}

function shapeProblem(result: JsonValue, shape: ResponseShape, strict: boolean): string | undefined {
  if (!isJsonObject(result)) return "it must be a JSON object";
  for (const [field, value] of Object.entries(result)) {
    const type = shape.fields[field];
    if (type === undefined) return `'${field}' is not a field of the response`;
    if (!fits(value, type)) return `'${field}' must be ${type === "integer" ? "an" : "a"} ${type}`;
  }
  if (strict) {
    const missing = shape.required.find((f) => result[f] === undefined);
    if (missing) return `the required field '${missing}' is missing`;
  }
  return undefined;
}

function fits(value: JsonValue, type: FieldType): boolean {
  switch (type) {
    case "any": return true;
    case "string": return typeof value === "string";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "number": return typeof value === "number";
    case "object": return isJsonObject(value);
    case "array": return Array.isArray(value);
    case "timestamp": return typeof value === "number" || typeof value === "string";
  }
}
