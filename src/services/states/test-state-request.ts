/**
 * @module TestState's request: its members read and checked as AWS checks them.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
 */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { ServiceError } from "../service-error.js";
import { checkRoleArn } from "./arns.js";
import { validationError } from "./errors.js";
import { optionalBoolean, optionalEnum, optionalInteger, optionalObject, optionalString, requireString, type Input } from "./input.js";
import { MAX_PAYLOAD_BYTES, parseInput } from "./start-execution.js";

export const INSPECTION_LEVELS = ["INFO", "DEBUG", "TRACE"] as const;
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number];
export const FIELD_VALIDATION_MODES = ["STRICT", "PRESENT", "NONE"] as const;
export type FieldValidationMode = (typeof FIELD_VALIDATION_MODES)[number];

export interface TestStateMock {
  /** The mocked result (parsed), or the mocked error. */
  readonly result: JsonValue | undefined;
  readonly errorOutput: { readonly error: string; readonly cause: string | undefined } | undefined;
  readonly fieldValidationMode: FieldValidationMode;
}

export interface TestStateConfiguration {
  readonly retrierRetryCount: number | undefined;
  readonly errorCausedByState: string | undefined;
  readonly mapIterationFailureCount: number | undefined;
  readonly mapItemReaderData: string | undefined;
}

export interface TestStateRequest {
  readonly definition: string;
  readonly stateName: string | undefined;
  readonly roleArn: string | undefined;
  readonly input: JsonValue;
  readonly inspectionLevel: InspectionLevel;
  readonly revealSecrets: boolean;
  readonly variables: JsonObject;
  readonly mock: TestStateMock | undefined;
  /** Context object members the caller sets (only with a mock). */
  readonly context: JsonObject | undefined;
  readonly configuration: TestStateConfiguration;
}

const DEFINITION_MAX = 1048576;
const MAX_INT = 2147483647;

export const testStateValidation = (message: string) => new ServiceError("ValidationException", message);

export function readTestStateRequest(input: Input): TestStateRequest {
  const definition = requireString(input, "definition", DEFINITION_MAX);
  const stateName = optionalString(input, "stateName", 80);
  if (stateName === "") throw validationError("stateName", stateName, "Member must have length greater than or equal to 1");
  const roleArn = optionalString(input, "roleArn", 2048);
  const mock = readMock(optionalObject(input, "mock"));
  if (roleArn !== undefined) checkRoleArn(roleArn);
  else if (!mock) throw testStateValidation("A roleArn is required to test a state without a mock");
  const contextText = optionalString(input, "context", MAX_PAYLOAD_BYTES);
  if (contextText !== undefined && !mock) throw testStateValidation("The context can only be specified together with a mock");
  return {
    definition,
    stateName,
    roleArn,
    input: parseInput(optionalString(input, "input", MAX_PAYLOAD_BYTES) ?? "{}"),
    inspectionLevel: optionalEnum(input, "inspectionLevel", INSPECTION_LEVELS) ?? "INFO",
    revealSecrets: optionalBoolean(input, "revealSecrets") ?? false,
    variables: readJsonObject(optionalString(input, "variables", MAX_PAYLOAD_BYTES), "variables") ?? {},
    mock,
    context: readJsonObject(contextText, "context"),
    configuration: readConfiguration(optionalObject(input, "stateConfiguration")),
  };
}

function readMock(mock: Input | undefined): TestStateMock | undefined {
  if (!mock) return undefined;
  const resultText = optionalString(mock, "result", MAX_PAYLOAD_BYTES);
  const errorOutput = optionalObject(mock, "errorOutput");
  const fieldValidationMode = optionalEnum(mock, "fieldValidationMode", FIELD_VALIDATION_MODES) ?? "STRICT";
  if ((resultText === undefined) === (errorOutput === undefined)) {
    throw testStateValidation("A mock must have either a result or an errorOutput, not both");
  }
  if (errorOutput) {
    const error = optionalString(errorOutput, "error", 256);
    if (error === undefined) throw validationError("mock.errorOutput.error", undefined, "Member must not be null");
    return { result: undefined, errorOutput: { error, cause: optionalString(errorOutput, "cause", 32768) }, fieldValidationMode };
  }
  let result: JsonValue;
  try {
    result = JSON.parse(resultText!) as JsonValue;
  } catch (e) {
    throw testStateValidation(`The mock result is not valid JSON: ${(e as Error).message}`);
  }
  return { result, errorOutput: undefined, fieldValidationMode };
}

function readConfiguration(config: Input | undefined): TestStateConfiguration {
  const c = config ?? {};
  const errorCausedByState = optionalString(c, "errorCausedByState", 80);
  if (errorCausedByState === "") {
    throw validationError("stateConfiguration.errorCausedByState", errorCausedByState, "Member must have length greater than or equal to 1");
  }
  return {
    retrierRetryCount: optionalInteger(c, "retrierRetryCount", 0, MAX_INT),
    errorCausedByState,
    mapIterationFailureCount: optionalInteger(c, "mapIterationFailureCount", 0, MAX_INT),
    mapItemReaderData: optionalString(c, "mapItemReaderData", MAX_PAYLOAD_BYTES),
  };
}

/** `variables` and `context` are JSON objects given as text. */
function readJsonObject(text: string | undefined, field: string): JsonObject | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw testStateValidation(`The ${field} value is not valid JSON: ${(e as Error).message}`);
  }
  if (!isJsonObject(value)) throw testStateValidation(`The ${field} value must be a JSON object`);
  return value;
}
