/** @module Map states: the item processor, items and their selector, batching, concurrency, tolerated failures, Label. */
import { at, Msg, type Diagnostics } from "./diagnostics.js";
import { field, type StateContext } from "./context.js";
import { QueryLanguage } from "./fields.js";
import { MachineKind, validateMachine } from "./machine.js";
import { checkPath } from "./paths.js";
import { checkNestedFields } from "./query-language.js";
import { checkNumberField, checkNumberPath } from "./simple-states.js";
import { checkPayloadTemplate } from "./templates.js";
import {
  checkEnum,
  checkExclusive,
  checkInteger,
  checkNumber,
  checkObject,
  checkString,
  hasField,
  isJsonataString,
  isJsonObject,
  NON_NEGATIVE,
} from "./values.js";

const PROCESSOR_CONFIG_FIELDS = new Set(["Mode", "ExecutionType"]);
const BATCHER_FIELDS = {
  JSONPath: new Set(["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"]),
  JSONata: new Set(["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"]),
} as const;
const PERCENTAGE = { min: [0, "0.0"], max: [100, "100.0"] } as const;

/**
 * Label: "up to 40 characters ... can't contain whitespace, brackets, wildcard characters, special
 * characters or control characters" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
 */
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

export function checkMapState(ctx: StateContext): void {
  checkProcessor(ctx);
  checkItems(ctx);
  checkUnsupportedIntegrations(ctx);
  checkBatcher(ctx);
  checkLimits(ctx);
  const label = field(ctx, "Label");
  if (label && checkString(ctx.out, label.value, at(ctx.location, "Label"))) {
    if ([...label.value].length > 40 || LABEL_FORBIDDEN.test(label.value)) {
      ctx.out.schema("Label must be at most 40 characters, without whitespace, brackets, wildcards, special or control characters", at(ctx.location, "Label"));
    }
  }
}

/** ItemProcessor (or its deprecated spelling Iterator): a sub-machine with an optional ProcessorConfig. */
function checkProcessor(ctx: StateContext): void {
  const { out, state, location } = ctx;
  const present = ["ItemProcessor", "Iterator"].filter((f) => hasField(state, f));
  if (present.length === 0) out.schema(Msg.required(["ItemProcessor"]), location);
  else if (present.length > 1) out.schema(Msg.onlyOne(["ItemProcessor", "Iterator"]), location);
  for (const name of present) {
    const processor = state[name];
    const loc = at(location, name);
    if (isJsonObject(processor) && hasField(processor, "ProcessorConfig")) checkProcessorConfig(out, processor.ProcessorConfig, at(loc, "ProcessorConfig"));
    const kind = name === "Iterator" ? MachineKind.Iterator : MachineKind.ItemProcessor;
    validateMachine({ ...ctx.machine, depth: ctx.machine.depth + 1 }, processor, loc, kind);
  }
}

function checkProcessorConfig(out: Diagnostics, config: unknown, location: string): void {
  if (!checkObject(out, config, location)) return;
  for (const key of Object.keys(config)) if (!PROCESSOR_CONFIG_FIELDS.has(key)) out.schema(Msg.notSupported(key), location);
  if (hasField(config, "Mode")) checkEnum(out, config.Mode, ["INLINE", "DISTRIBUTED"], at(location, "Mode"));
  if (hasField(config, "ExecutionType")) checkEnum(out, config.ExecutionType, ["STANDARD", "EXPRESS"], at(location, "ExecutionType"));
  // "ExecutionType: required if Mode is set to DISTRIBUTED" (the child workflow type).
  else if (config.Mode === "DISTRIBUTED") out.schema(Msg.required(["ExecutionType"]), location);
}

function checkItems(ctx: StateContext): void {
  const { out, state, location, fields } = ctx;
  if (fields.has("ItemsPath")) checkPath(out, state.ItemsPath, at(location, "ItemsPath"));
  // "Items: a JSON array, a JSON object, or a JSONata expression" (JSONata Map states).
  if (fields.has("Items") && !Array.isArray(state.Items) && !isJsonObject(state.Items) && !isJsonataString(state.Items)) {
    out.schema(Msg.type("ARRAY"), at(location, "Items"));
  }
  checkExclusive(out, state, ["ItemSelector", "Parameters"], location);
  const selector = field(ctx, "ItemSelector");
  if (!selector) return;
  const loc = at(location, "ItemSelector");
  if (ctx.lang === QueryLanguage.JSONPath) {
    if (checkObject(out, selector.value, loc)) checkPayloadTemplate(out, selector.value, loc);
  } else if (!isJsonObject(selector.value) && !isJsonataString(selector.value)) out.schema(Msg.type("OBJECT"), loc);
}

/**
 * ItemReader and ResultWriter read and write Amazon S3, which Stepwise does not offer yet: refusing
 * the definition says so up front instead of failing every execution.
 */
function checkUnsupportedIntegrations(ctx: StateContext): void {
  for (const name of ["ItemReader", "ResultWriter"]) {
    const f = field(ctx, name);
    if (!f || !checkObject(ctx.out, f.value, at(ctx.location, name))) continue;
    const resource = typeof f.value.Resource === "string" ? ` (resource '${f.value.Resource}')` : "";
    ctx.out.schema(`${name}${resource} is not supported yet by Stepwise: it reads or writes Amazon S3`, at(ctx.location, name));
  }
}

function checkBatcher(ctx: StateContext): void {
  const batcher = field(ctx, "ItemBatcher");
  const { out } = ctx;
  const loc = at(ctx.location, "ItemBatcher");
  if (!batcher || !checkObject(out, batcher.value, loc)) return;
  const b = batcher.value;
  checkNestedFields(out, b, loc, ctx.lang, BATCHER_FIELDS);
  for (const name of ["MaxItemsPerBatch", "MaxInputBytesPerBatch"]) {
    if (!checkExclusive(out, b, [name, `${name}Path`], at(loc, name))) continue;
    const v = b[name];
    if (hasField(b, name) && !(ctx.lang === QueryLanguage.JSONata && isJsonataString(v))) checkInteger(out, v, at(loc, name), NON_NEGATIVE);
    if (ctx.lang === QueryLanguage.JSONPath && hasField(b, `${name}Path`)) {
      checkPath(out, b[`${name}Path`], at(loc, `${name}Path`), { reference: true, noContext: true });
    }
  }
  if (hasField(b, "BatchInput")) {
    const v = b.BatchInput;
    if (ctx.lang === QueryLanguage.JSONPath) {
      if (checkObject(out, v, at(loc, "BatchInput"))) checkPayloadTemplate(out, v, at(loc, "BatchInput"));
    } else if (!isJsonObject(v) && !isJsonataString(v)) out.schema(Msg.type("OBJECT"), at(loc, "BatchInput"));
  }
}

/** MaxConcurrency and the tolerated failures: literals, `{% %}` in JSONata, or (JSONPath) reference paths. */
function checkLimits(ctx: StateContext): void {
  const { out, state, location } = ctx;
  for (const name of ["MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage"]) {
    checkExclusive(out, state, [name, `${name}Path`], at(location, name));
    checkNumberPath(ctx, `${name}Path`, true);
  }
  checkNumberField(ctx, "MaxConcurrency", NON_NEGATIVE);
  checkNumberField(ctx, "ToleratedFailureCount", NON_NEGATIVE);
  const percentage = field(ctx, "ToleratedFailurePercentage");
  if (percentage && !(ctx.lang === QueryLanguage.JSONata && isJsonataString(percentage.value))) {
    checkNumber(out, percentage.value, at(location, "ToleratedFailurePercentage"), PERCENTAGE);
  }
}
