/**
 * @module Runs the one state TestState tests, phase by phase on the pure core, keeping each phase's
 * data for `inspectionData`; then Retry (RETRIABLE) and Catch (CAUGHT_ERROR) decide what an error means.
 */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { exceedsByteSize } from "../../shared/json.js";
import {
  MAX_PAYLOAD_BYTES, StatesError, applyCatcher, applyResultPath, batchItems, chooseRule, dataLimitExceeded, evaluateAssign, exceedsTolerance,
  findCatcher, findRetrier, finishWithResult, finishWithoutResult, isStatesFailure, isTerminalError, prepareFilteredInput, prepareInput,
  resolveFailure, resolveItems, resolveMaxConcurrency, resolveSeconds, resolveToleratedFailure, resolveWaitUntil, resultTooLarge, retryDelayMs,
  selectItemInput, statesBinding,
  type AslError, type ChoicePlan, type EvalScope, type FailPlan, type MapPlan, type StatePlan, type TaskPlan, type WaitPlan,
} from "../../asl/index.js";
import type { TestStateRequest } from "./test-state-request.js";

export type TestStatus = "SUCCEEDED" | "FAILED" | "RETRIABLE" | "CAUGHT_ERROR";

/** InspectionData as the wire has it: payloads as JSON text. */
export type Inspection = Record<string, string | number | Record<string, number>>;

export interface TestStateResult {
  readonly status: TestStatus;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly nextState?: string;
  readonly inspection: Inspection;
}

export type CallOutcome = { readonly ok: true; readonly result: JsonValue } | { readonly ok: false; readonly error: AslError };

export interface TestRun {
  readonly state: StatePlan;
  readonly raw: JsonValue;
  readonly request: TestStateRequest;
  readonly scope: EvalScope;
  /** The scope one Map item is selected in (`$$.Map.Item`). */
  itemScope(index: number, value: JsonValue): EvalScope;
  /** Carries out the Task's resource for real (no mock). */
  callTask(input: JsonValue, timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined): Promise<CallOutcome>;
}

type Step =
  | { readonly ok: true; readonly output: JsonValue; readonly assigned: JsonObject | undefined; readonly next: string | undefined }
  | { readonly ok: false; readonly error: AslError };

const text = (value: JsonValue): string => JSON.stringify(value);

export async function runTestedState(t: TestRun): Promise<TestStateResult> {
  const inspection: Inspection = { input: text(t.raw) };
  let step: Step;
  try {
    step = await stepOf(t, inspection);
  } catch (e) {
    if (!isStatesFailure(e)) throw e;
    step = { ok: false, error: { error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}) } };
  }
  if (!step.ok) return handleError(t, inspection, step.error);
  recordVariables(t, inspection, step.assigned);
  return { status: "SUCCEEDED", output: step.output, ...(step.next !== undefined ? { nextState: step.next } : {}), inspection };
}

function stepOf(t: TestRun, inspection: Inspection): Promise<Step> {
  switch (t.state.type) {
    case "Task": return taskStep(t, t.state, inspection);
    case "Map": return mapStep(t, t.state, inspection);
    case "Parallel": return mockedStep(t, inspection, prepare(t, inspection));
    case "Pass": return passStep(t, inspection);
    case "Choice": return choiceStep(t, t.state, inspection);
    case "Wait": return waitStep(t, t.state, inspection);
    case "Succeed": return withoutResult(t, inspection, undefined);
    case "Fail": return failStep(t, t.state);
  }
}

/** InputPath and Parameters (JSONPath), or Arguments (JSONata): the effective input. */
async function prepare(t: TestRun, inspection: Inspection): Promise<JsonValue> {
  const { state, raw, scope } = t;
  if (state.queryLanguage === "JSONPath") inspection.afterInputPath = text(prepareFilteredInput(state, raw, scope));
  const effective = await prepareInput(state, raw, scope);
  inspection[state.queryLanguage === "JSONPath" ? "afterParameters" : "afterArguments"] = text(effective);
  return effective;
}

async function taskStep(t: TestRun, state: TaskPlan, inspection: Inspection): Promise<Step> {
  const effective = await prepare(t, inspection);
  if (t.request.mock) return mockedStep(t, inspection, effective);
  const timeoutSeconds = await resolveSeconds(state.timeoutSeconds, t.raw, t.scope);
  const heartbeatSeconds = await resolveSeconds(state.heartbeatSeconds, t.raw, t.scope);
  const called = await t.callTask(effective, timeoutSeconds, heartbeatSeconds);
  if (!called.ok) return called;
  if (exceedsByteSize(called.result, MAX_PAYLOAD_BYTES)) return { ok: false, error: resultTooLarge(state.resource) };
  return finishResult(t, inspection, called.result);
}

/** The mock stands for the state's invocation: its result, or its error. */
async function mockedStep(t: TestRun, inspection: Inspection, effective: JsonValue | Promise<JsonValue>): Promise<Step> {
  await effective;
  const mock = t.request.mock!;
  if (mock.errorOutput) {
    const { error, cause } = mock.errorOutput;
    return { ok: false, error: { error, ...(cause !== undefined ? { cause } : {}) } };
  }
  return finishResult(t, inspection, mock.result!);
}

async function mapStep(t: TestRun, state: MapPlan, inspection: Inspection): Promise<Step> {
  const effective = await prepare(t, inspection);
  const items = await resolveItems(state, effective, t.scope);
  if (state.queryLanguage === "JSONPath") inspection.afterItemsPath = text(items);
  const selected: JsonValue[] = [];
  for (let i = 0; i < items.length; i++) selected.push(await selectItemInput(state, effective, items[i]!, t.itemScope(i, items[i]!)));
  if (state.itemSelector) inspection.afterItemSelector = text(selected);
  const iterations = state.itemBatcher ? await batchItems(state, selected, effective, t.scope) : selected;
  if (state.itemBatcher) inspection.afterItemBatcher = text(iterations);
  const maxConcurrency = await resolveMaxConcurrency(state, effective, t.scope);
  const tolerance = await resolveToleratedFailure(state, effective, t.scope);
  if (state.maxConcurrency) inspection.maxConcurrency = maxConcurrency;
  if (tolerance.count !== undefined) inspection.toleratedFailureCount = tolerance.count;
  if (tolerance.percentage !== undefined) inspection.toleratedFailurePercentage = tolerance.percentage;
  const failed = t.request.configuration.mapIterationFailureCount;
  if (failed !== undefined && exceedsTolerance(tolerance, failed, iterations.length)) {
    return { ok: false, error: { error: StatesError.ExceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded" } };
  }
  return mockedStep(t, inspection, effective);
}

async function passStep(t: TestRun, inspection: Inspection): Promise<Step> {
  const state = t.state;
  if (state.queryLanguage === "JSONata") return withoutResult(t, inspection, state.next);
  if (state.type === "Pass" && state.resultBytes > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(state.name);
  const effective = await prepare(t, inspection);
  return finishResult(t, inspection, state.type === "Pass" && state.result !== undefined ? state.result : effective);
}

async function choiceStep(t: TestRun, state: ChoicePlan, inspection: Inspection): Promise<Step> {
  const filtered = filter(t, inspection);
  const rule = await chooseRule(state, t.raw, filtered, t.scope);
  const next = rule ? rule.next : state.default;
  // A rule's own Assign and Output replace the state's (as in an execution).
  const base = await finishWithoutResult(rule?.assign ? { ...state, assign: undefined } : state, t.raw, filtered, t.scope);
  if (!rule) return { ok: true, ...base, next };
  const binding = statesBinding(t.raw, t.scope);
  const assigned = rule.assign ? ((await evaluateAssign(rule.assign, filtered, binding, t.scope)) ?? undefined) : base.assigned;
  const output = rule.output ? await rule.output.evaluate(binding, t.scope, "Output") : base.output;
  return { ok: true, output, assigned, next };
}

/** A Wait's time is worked out (so its errors show) but not waited for: TestState tests one step, not the clock. */
async function waitStep(t: TestRun, state: WaitPlan, inspection: Inspection): Promise<Step> {
  const filtered = filter(t, inspection);
  await resolveWaitUntil(state, filtered, t.scope, t.scope.now);
  return withoutResult(t, inspection, state.next, filtered);
}

async function withoutResult(t: TestRun, inspection: Inspection, next: string | undefined, filtered = filter(t, inspection)): Promise<Step> {
  const exit = await finishWithoutResult(t.state, t.raw, filtered, t.scope);
  return { ok: true, output: exit.output, assigned: exit.assigned, next };
}

async function failStep(t: TestRun, state: FailPlan): Promise<Step> {
  return { ok: false, error: await resolveFailure(state, t.raw, t.scope) };
}

function filter(t: TestRun, inspection: Inspection): JsonValue {
  const filtered = prepareFilteredInput(t.state, t.raw, t.scope);
  if (t.state.queryLanguage === "JSONPath") inspection.afterInputPath = text(filtered);
  return filtered;
}

/** ResultSelector → ResultPath → OutputPath (JSONPath), or Output (JSONata), recording each step. */
async function finishResult(t: TestRun, inspection: Inspection, result: JsonValue): Promise<Step> {
  const { state, raw, scope } = t;
  inspection.result = text(result);
  if (state.queryLanguage === "JSONata") {
    const exit = await finishWithResult(state, raw, result, scope);
    return { ok: true, output: exit.output, assigned: exit.assigned, next: state.next };
  }
  const io = state.jsonPath;
  const selectorOnly: StatePlan = { ...state, assign: undefined, jsonPath: { ...io, resultPath: undefined, outputPath: undefined } };
  const selected = (await finishWithResult(selectorOnly, raw, result, scope)).output;
  inspection.afterResultSelector = text(selected);
  inspection.afterResultPath = text(applyResultPath(io, raw, selected, scope));
  const exit = await finishWithResult({ ...state, jsonPath: { ...io, resultSelector: undefined } }, raw, selected, scope);
  return { ok: true, output: exit.output, assigned: exit.assigned, next: state.next };
}

/**
 * A Retrier with attempts left (after `retrierRetryCount` retries) makes the state RETRIABLE; else a
 * Catcher makes it CAUGHT_ERROR (its output, on to its Next); else it FAILED.
 */
async function handleError(t: TestRun, inspection: Inspection, error: AslError): Promise<TestStateResult> {
  const failed = (e: AslError): TestStateResult => ({ status: "FAILED", error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}), inspection });
  const { state } = t;
  if (isTerminalError(error.error) || (state.type !== "Task" && state.type !== "Map" && state.type !== "Parallel")) return failed(error);
  const retried = t.request.configuration.retrierRetryCount ?? 0;
  const i = findRetrier(state.retry, error.error);
  if (i >= 0 && retried < state.retry[i]!.maxAttempts) {
    const backoff = Math.round(retryDelayMs(state.retry[i]!, retried, t.scope.random) / 1000);
    inspection.errorDetails = { retryIndex: i, retryBackoffIntervalSeconds: backoff };
    return { ...failed(error), status: "RETRIABLE" };
  }
  const catcher = findCatcher(state.catch, error.error);
  if (!catcher) return failed(error);
  let caught;
  try {
    caught = await applyCatcher(state, catcher, t.raw, error, t.scope);
  } catch (e) {
    if (!isStatesFailure(e)) throw e;
    return failed({ error: e.error, ...(e.cause !== undefined ? { cause: e.cause } : {}) });
  }
  inspection.errorDetails = { catchIndex: state.catch.indexOf(catcher) };
  recordVariables(t, inspection, caught.assigned);
  return { ...failed(error), status: "CAUGHT_ERROR", output: caught.output, nextState: catcher.next };
}

/** The variables after the state: those given to the test, with the state's assignments on top. */
function recordVariables(t: TestRun, inspection: Inspection, assigned: JsonObject | undefined): void {
  const variables = { ...t.request.variables, ...(assigned ?? {}) };
  if (Object.keys(variables).length > 0) inspection.variables = text(variables);
}
