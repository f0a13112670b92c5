/** @module Wait: when the state ends (Seconds, SecondsPath, Timestamp, TimestampPath, or JSONata). */
import type { JsonValue } from "../../shared/json.js";
import type { WaitPlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { dynamicSource, evaluateDynamic, jsonTypeName } from "../io/dynamic-value.js";
import { parseOffsetDateTime } from "./timestamp.js";

/** The time (ms since the epoch) at which the Wait ends; `enteredAt` is when the state was entered. */
export async function resolveWaitUntil(state: WaitPlan, input: JsonValue, scope: EvalScope, enteredAt: number): Promise<number> {
  if (state.seconds) {
    const v = await evaluateDynamic(state.seconds, input, scope);
    return enteredAt + secondsOf(state, v, scope) * 1000;
  }
  if (state.timestamp) {
    const v = await evaluateDynamic(state.timestamp, input, scope);
    return timestampOf(state, v, scope);
  }
  return enteredAt;
}

function secondsOf(state: WaitPlan, v: JsonValue | undefined, scope: EvalScope): number {
  const dv = state.seconds!;
  if (dv.kind === "path") {
    const src = dv.path.source;
    if (v === undefined) throw runtime(scope, `The SecondsPath parameter does not reference an input value: ${src}`);
    if (typeof v !== "number" || !Number.isInteger(v)) throw runtime(scope, `The SecondsPath parameter cannot be parsed as a long value: ${src} == ${display(v)}`);
    if (v < 0) throw runtime(scope, `The SecondsPath parameter references a negative value: ${src} == ${v}`);
    return v;
  }
  if (dv.kind === "jsonata") {
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new StatesFailure(
        StatesError.QueryEvaluationError,
        failureCause(scope, `The JSONata expression '${dynamicSource(dv)}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '${v === undefined ? "undefined" : jsonTypeName(v)}' for value: ${display(v)}`),
      );
    }
    if (v < 0) throw new StatesFailure(StatesError.QueryEvaluationError, failureCause(scope, `The Seconds field must be a non-negative integer, but was: ${v}`));
    return v;
  }
  return typeof v === "number" ? v : 0;
}

function timestampOf(state: WaitPlan, v: JsonValue | undefined, scope: EvalScope): number {
  const dv = state.timestamp!;
  if (dv.kind === "path") {
    const src = dv.path.source;
    if (v === undefined) throw runtime(scope, `The TimestampPath parameter does not reference an input value: ${src}`);
    const at = typeof v === "string" ? parseOffsetDateTime(v) : undefined;
    if (at === undefined) {
      throw runtime(scope, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${src} == ${display(v)}`);
    }
    return at;
  }
  const at = typeof v === "string" ? parseOffsetDateTime(v) : undefined;
  if (at === undefined) {
    const error = dv.kind === "jsonata" ? StatesError.QueryEvaluationError : StatesError.Runtime;
    throw new StatesFailure(error, failureCause(scope, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${display(v)}`));
  }
  return at;
}

const display = (v: JsonValue | undefined): string => (typeof v === "string" ? v : JSON.stringify(v));
const runtime = (scope: EvalScope, detail: string) => new StatesFailure(StatesError.Runtime, failureCause(scope, detail));
