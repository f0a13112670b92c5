/** @module Turns a (validated) definition into a Plan once: paths, templates, rules and expressions compiled. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import { isJsonObject, jsonByteSize } from "../shared/json.js";
import { compilePath, compileReferencePath } from "./jsonpath/index.js";
import { compileTemplate, isJsonataExpression, type CompiledTemplate } from "./jsonata/index.js";
import { compileChoiceRule } from "./choice/index.js";
import { compileIntrinsic } from "./intrinsics/index.js";
import { compilePayloadTemplate } from "./io/payload-template.js";
import type {
  Catcher, ChoiceRulePlan, CompiledAssign, DynamicValue, JsonataIo, JsonPathIo, Plan, QueryLanguage, Retrier, StatePlan,
} from "./plan.js";

/** Compiles a definition that passed validation. Throws on malformed parts (the caller reports them). */
export function compilePlan(definition: JsonObject, inherited: QueryLanguage = "JSONPath"): Plan {
  const queryLanguage = (definition.QueryLanguage as QueryLanguage | undefined) ?? inherited;
  const states = new Map<string, StatePlan>();
  for (const [name, raw] of Object.entries(definition.States as JsonObject)) {
    // Copied into a fresh object: V8 gives objects built by spreading (`{ ...common, type }`) a
    // hidden class each after a few dozen, which made every read of a state's fields megamorphic;
    // copied, all states of a type share one shape (the interpreter runs about twice as fast).
    states.set(name, Object.assign({}, compileState(name, raw as JsonObject, queryLanguage)));
  }
  return {
    startAt: definition.StartAt as string,
    states,
    timeoutSeconds: typeof definition.TimeoutSeconds === "number" ? definition.TimeoutSeconds : undefined,
    queryLanguage,
    source: definition,
  };
}

function compileState(name: string, s: JsonObject, machineLanguage: QueryLanguage): StatePlan {
  const queryLanguage = (s.QueryLanguage as QueryLanguage | undefined) ?? machineLanguage;
  const jsonata = queryLanguage === "JSONata";
  const common = {
    name,
    queryLanguage,
    next: typeof s.Next === "string" ? s.Next : undefined,
    assign: compileAssign(s.Assign, jsonata),
    jsonPath: jsonata ? NO_JSONPATH_IO : compileJsonPathIo(s),
    jsonata: jsonata ? compileJsonataIo(s) : NO_JSONATA_IO,
  };
  switch (s.Type) {
    case "Pass":
      return { ...common, type: "Pass", result: s.Result, resultBytes: s.Result === undefined ? 0 : jsonByteSize(s.Result) };
    case "Task":
      return {
        ...common,
        type: "Task",
        resource: s.Resource as string,
        timeoutSeconds: dynamic(s, "TimeoutSeconds", "TimeoutSecondsPath", jsonata),
        heartbeatSeconds: dynamic(s, "HeartbeatSeconds", "HeartbeatSecondsPath", jsonata),
        credentials: s.Credentials,
        retry: compileRetry(s.Retry),
        catch: compileCatch(s.Catch, jsonata),
      };
    case "Choice":
      return {
        ...common,
        type: "Choice",
        choices: ((s.Choices as JsonObject[]) ?? []).map((rule) => compileChoice(rule, jsonata)),
        default: typeof s.Default === "string" ? s.Default : undefined,
      };
    case "Wait":
      return {
        ...common,
        type: "Wait",
        seconds: dynamic(s, "Seconds", "SecondsPath", jsonata),
        timestamp: dynamic(s, "Timestamp", "TimestampPath", jsonata),
      };
    case "Succeed":
      return { ...common, type: "Succeed" };
    case "Fail":
      return {
        ...common,
        type: "Fail",
        error: dynamic(s, "Error", "ErrorPath", jsonata),
        cause: dynamic(s, "Cause", "CausePath", jsonata),
      };
    case "Parallel":
      return {
        ...common,
        type: "Parallel",
        branches: (s.Branches as JsonObject[]).map((b) => compilePlan(b, queryLanguage)),
        retry: compileRetry(s.Retry),
        catch: compileCatch(s.Catch, jsonata),
      };
    case "Map":
      return compileMap(s, common, queryLanguage);
    default:
      throw new Error(`Unknown state type ${JSON.stringify(s.Type)} in state '${name}'`);
  }
}

function compileMap(s: JsonObject, common: Omit<StatePlan, "type">, queryLanguage: QueryLanguage): StatePlan {
  const jsonata = queryLanguage === "JSONata";
  const processorDef = (s.ItemProcessor ?? s.Iterator) as JsonObject;
  const config = isJsonObject(processorDef.ProcessorConfig) ? processorDef.ProcessorConfig : {};
  const selector = s.ItemSelector ?? s.Parameters;
  const batcher = isJsonObject(s.ItemBatcher) ? s.ItemBatcher : undefined;
  return {
    ...common,
    jsonPath: jsonata ? common.jsonPath : { ...common.jsonPath, parameters: undefined },
    type: "Map",
    processor: compilePlan(processorDef, queryLanguage),
    mode: config.Mode === "DISTRIBUTED" ? "DISTRIBUTED" : "INLINE",
    executionType: config.ExecutionType === "EXPRESS" ? "EXPRESS" : config.ExecutionType === "STANDARD" ? "STANDARD" : undefined,
    label: typeof s.Label === "string" ? s.Label : undefined,
    itemsPath: !jsonata && typeof s.ItemsPath === "string" ? compilePath(s.ItemsPath) : undefined,
    items: jsonata && s.Items !== undefined ? compileTemplate(s.Items) : undefined,
    itemSelector: selector === undefined ? undefined : jsonata ? compileTemplate(selector) : compilePayloadTemplate(selector),
    itemBatcher: batcher && {
      maxItemsPerBatch: dynamic(batcher, "MaxItemsPerBatch", "MaxItemsPerBatchPath", jsonata),
      maxInputBytesPerBatch: dynamic(batcher, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", jsonata),
      batchInput:
        batcher.BatchInput === undefined ? undefined
        : jsonata ? compileTemplate(batcher.BatchInput) : compilePayloadTemplate(batcher.BatchInput),
    },
    maxConcurrency: dynamic(s, "MaxConcurrency", "MaxConcurrencyPath", jsonata),
    toleratedFailureCount: dynamic(s, "ToleratedFailureCount", "ToleratedFailureCountPath", jsonata),
    toleratedFailurePercentage: dynamic(s, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", jsonata),
    retry: compileRetry(s.Retry),
    catch: compileCatch(s.Catch, jsonata),
  } as StatePlan;
}

const NO_JSONPATH_IO: JsonPathIo = {
  inputPath: undefined, parameters: undefined, resultSelector: undefined, resultPath: undefined, outputPath: undefined,
};
const NO_JSONATA_IO: JsonataIo = { arguments: undefined, output: undefined };

/** A path field: absent → default ($), null → discard, string → compiled. */
const optionalPath = (s: JsonObject, key: string) =>
  !(key in s) ? undefined : s[key] === null ? null : compilePath(s[key] as string);

function compileJsonPathIo(s: JsonObject): JsonPathIo {
  return {
    inputPath: optionalPath(s, "InputPath"),
    parameters: s.Parameters === undefined ? undefined : compilePayloadTemplate(s.Parameters),
    resultSelector: s.ResultSelector === undefined ? undefined : compilePayloadTemplate(s.ResultSelector),
    resultPath: compileResultPath(s),
    outputPath: optionalPath(s, "OutputPath"),
  };
}

const compileResultPath = (s: JsonObject) =>
  !("ResultPath" in s) ? undefined : s.ResultPath === null ? null : compileReferencePath(s.ResultPath as string);

function compileJsonataIo(s: JsonObject): JsonataIo {
  return {
    arguments: s.Arguments === undefined ? undefined : compileTemplate(s.Arguments),
    output: s.Output === undefined ? undefined : compileTemplate(s.Output),
  };
}

function compileAssign(value: JsonValue | undefined, jsonata: boolean): CompiledAssign | undefined {
  if (value === undefined) return undefined;
  return jsonata
    ? { kind: "jsonata", template: compileTemplate(value) }
    : { kind: "jsonpath", template: compilePayloadTemplate(value) };
}

/** A field that is fixed, read from `<Field>Path` (JSONPath), or a `{% %}` expression (JSONata). */
function dynamic(s: JsonObject, key: string, pathKey: string, jsonata: boolean): DynamicValue | undefined {
  const value = s[key];
  if (value !== undefined) {
    if (jsonata && typeof value === "string" && isJsonataExpression(value)) {
      return { kind: "jsonata", template: compileTemplate(value), field: key };
    }
    return { kind: "fixed", value };
  }
  const path = s[pathKey];
  if (!jsonata && typeof path === "string") {
    return path.startsWith("States.")
      ? { kind: "intrinsic", call: compileIntrinsic(path), field: pathKey }
      : { kind: "path", path: compilePath(path), field: pathKey };
  }
  return undefined;
}

function compileRetry(value: JsonValue | undefined): Retrier[] {
  if (!Array.isArray(value)) return [];
  return value.map((r) => {
    const o = r as JsonObject;
    return {
      errorEquals: o.ErrorEquals as string[],
      intervalSeconds: typeof o.IntervalSeconds === "number" ? o.IntervalSeconds : 1,
      maxAttempts: typeof o.MaxAttempts === "number" ? o.MaxAttempts : 3,
      backoffRate: typeof o.BackoffRate === "number" ? o.BackoffRate : 2,
      maxDelaySeconds: typeof o.MaxDelaySeconds === "number" ? o.MaxDelaySeconds : undefined,
      jitterStrategy: o.JitterStrategy === "FULL" ? "FULL" : "NONE",
    };
  });
}

function compileCatch(value: JsonValue | undefined, jsonata: boolean): Catcher[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => {
    const o = c as JsonObject;
    return {
      errorEquals: o.ErrorEquals as string[],
      next: o.Next as string,
      resultPath: jsonata ? undefined : compileResultPath(o),
      output: jsonata && o.Output !== undefined ? compileTemplate(o.Output) : undefined,
      assign: compileAssign(o.Assign, jsonata),
    };
  });
}

function compileChoice(rule: JsonObject, jsonata: boolean): ChoiceRulePlan {
  const condition: CompiledTemplate | undefined =
    jsonata && rule.Condition !== undefined ? compileTemplate(rule.Condition) : undefined;
  return {
    next: rule.Next as string,
    predicate: jsonata ? undefined : compileChoiceRule(rule),
    condition,
    assign: compileAssign(rule.Assign, jsonata),
    output: jsonata && rule.Output !== undefined ? compileTemplate(rule.Output) : undefined,
  };
}
