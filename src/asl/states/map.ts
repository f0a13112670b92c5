/** @module Map: its items, per-item input, concurrency, tolerated failures and batches. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { jsonByteSize } from "../../shared/json.js";
import type { DynamicValue, MapPlan } from "../plan.js";
import type { EvalScope } from "../scope.js";
import { evaluateAs, type CompiledTemplate } from "../jsonata/index.js";
import type { PayloadTemplate } from "../io/payload-template.js";
import { StatesError, StatesFailure } from "../errors.js";
import { failureCause } from "../io/failure-cause.js";
import { dynamicSource, evaluateDynamic, jsonTypeName } from "../io/dynamic-value.js";
import { statesBinding } from "../io/state-io.js";
import { invalidPath } from "../io/jsonpath-io.js";

/** The items to iterate: ItemsPath (JSONPath, over the effective input) or Items (JSONata). */
export async function resolveItems(state: MapPlan, input: JsonValue, scope: EvalScope): Promise<JsonValue[]> {
  let items: JsonValue | undefined = input;
  if (state.itemsPath) {
    items = state.itemsPath.evaluate(input, scope);
    if (items === undefined) throw invalidPath(state.itemsPath.source, input, scope);
  } else if (state.items) {
    items = await evaluateAs(state.items, "array", statesBinding(input, scope), scope, "Items");
  }
  if (!Array.isArray(items)) {
    const error = state.queryLanguage === "JSONata" ? StatesError.QueryEvaluationError : StatesError.Runtime;
    throw new StatesFailure(error, failureCause(scope, `Map state input must be an array but was: ${JSON.stringify(items)}`));
  }
  return items;
}

/** The input of one iteration: ItemSelector (scope.context carries Map.Item) or the item itself. */
export function selectItemInput(state: MapPlan, input: JsonValue, item: JsonValue, scope: EvalScope): JsonValue | Promise<JsonValue> {
  const selector = state.itemSelector;
  if (!selector) return item;
  if (state.queryLanguage === "JSONata") return (selector as CompiledTemplate).evaluate(statesBinding(input, scope), scope, "ItemSelector");
  return (selector as PayloadTemplate).evaluate(input, scope);
}

/** MaxConcurrency: 0 means no limit. */
export async function resolveMaxConcurrency(state: MapPlan, input: JsonValue, scope: EvalScope): Promise<number> {
  if (!state.maxConcurrency) return 0;
  const v = await evaluateDynamic(state.maxConcurrency, input, scope);
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  throw notValid(state.maxConcurrency, v, "integer", scope);
}

export interface ToleratedFailure {
  readonly count: number | undefined;
  readonly percentage: number | undefined;
}

export async function resolveToleratedFailure(state: MapPlan, input: JsonValue, scope: EvalScope): Promise<ToleratedFailure> {
  let count: number | undefined;
  let percentage: number | undefined;
  if (state.toleratedFailureCount) {
    const v = await evaluateDynamic(state.toleratedFailureCount, input, scope);
    if (typeof v !== "number" || !Number.isInteger(v)) throw notValid(state.toleratedFailureCount, v, "integer", scope);
    if (v < 0) throw new StatesFailure(StatesError.Runtime, failureCause(scope, "ToleratedFailureCount cannot be negative."));
    count = v;
  }
  if (state.toleratedFailurePercentage) {
    const v = await evaluateDynamic(state.toleratedFailurePercentage, input, scope);
    if (typeof v !== "number") throw notValid(state.toleratedFailurePercentage, v, "float", scope);
    if (v < 0 || v > 100) throw new StatesFailure(StatesError.Runtime, failureCause(scope, "ToleratedFailurePercentage must be between 0 and 100."));
    percentage = v;
  }
  return { count, percentage };
}

/** Whether `failed` failures out of `total` items exceed the tolerated threshold. */
export function exceedsTolerance(t: ToleratedFailure, failed: number, total: number): boolean {
  if (failed === 0) return false;
  const byCount = t.count !== undefined && failed <= t.count;
  const byPercentage = t.percentage !== undefined && total > 0 && (failed / total) * 100 <= t.percentage;
  return !(byCount || byPercentage);
}

function notValid(dv: DynamicValue, v: JsonValue | undefined, kind: "integer" | "float", scope: EvalScope): StatesFailure {
  const shown = typeof v === "string" ? v : JSON.stringify(v);
  if (dv.kind === "jsonata") {
    return new StatesFailure(
      StatesError.QueryEvaluationError,
      failureCause(scope, `The JSONata expression '${dynamicSource(dv)}' specified for the field '${dv.field}' returned an unexpected result type. Expected '${kind === "float" ? "number" : "integer"}', but was '${v === undefined ? "undefined" : jsonTypeName(v)}' for value: ${shown}`),
    );
  }
  const field = dv.kind === "path" ? dv.field : dv.kind === "intrinsic" ? dv.field : "value";
  return new StatesFailure(
    StatesError.Runtime,
    failureCause(scope, `The ${field} field refers to value "${shown}" which is not a valid ${kind}: ${dynamicSource(dv)}`),
  );
}

/** Groups items into batches per ItemBatcher: `{ BatchInput?, Items: [...] }` each. */
export async function batchItems(state: MapPlan, items: JsonValue[], input: JsonValue, scope: EvalScope): Promise<JsonValue[]> {
  const b = state.itemBatcher!;
  const maxItems = b.maxItemsPerBatch ? Number(await evaluateDynamic(b.maxItemsPerBatch, input, scope)) : Infinity;
  const maxBytes = b.maxInputBytesPerBatch ? Number(await evaluateDynamic(b.maxInputBytesPerBatch, input, scope)) : 256 * 1024;
  let batchInput: JsonValue | undefined;
  if (b.batchInput) {
    batchInput = state.queryLanguage === "JSONata"
      ? await (b.batchInput as CompiledTemplate).evaluate(statesBinding(input, scope), scope, "BatchInput")
      : (b.batchInput as PayloadTemplate).evaluate(input, scope);
  }
  const batches: JsonValue[] = [];
  let current: JsonValue[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    const batch: JsonObject = batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current };
    batches.push(batch);
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = jsonByteSize(item);
    if (current.length >= maxItems || (current.length > 0 && bytes + size > maxBytes)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}
