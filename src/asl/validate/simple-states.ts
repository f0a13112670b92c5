/** @module Pass, Task, Wait and Fail fields: resources, timeouts, waits, error and cause. */
import { at, Code, Msg } from "./diagnostics.js";
import { field, type StateContext } from "./context.js";
import { QueryLanguage } from "./fields.js";
import { checkPath, looksDynamic } from "./paths.js";
import { hasDollarField } from "./templates.js";
import {
  checkExclusive,
  checkInteger,
  checkObject,
  checkString,
  checkTimestamp,
  hasField,
  isJsonataString,
  type Range,
} from "./values.js";

/** A number field: a literal, or in a JSONata state also a `{% %}` expression (checked with the others). */
export function checkNumberField(ctx: StateContext, name: string, range: Range): number | undefined {
  const f = field(ctx, name);
  if (!f) return undefined;
  if (ctx.lang === QueryLanguage.JSONata && isJsonataString(f.value)) return undefined;
  return checkInteger(ctx.out, f.value, at(ctx.location, name), range) ? (f.value as number) : undefined;
}

/** A `...Path` field holding a number: a Reference Path. */
export function checkNumberPath(ctx: StateContext, name: string, noContext = false): void {
  const f = field(ctx, name);
  if (f) checkPath(ctx.out, f.value, at(ctx.location, name), { reference: true, noContext });
}

export function checkPassState(ctx: StateContext): void {
  const result = field(ctx, "Result");
  if (result && hasDollarField(result.value)) {
    ctx.out.warning(
      Code.PassResultIsStatic,
      "The Result of a Pass state is static: a path or intrinsic function in its '.$' fields is not evaluated (use Parameters)",
      at(ctx.location, "Result"),
    );
  }
}

const MAX_SECONDS: Range = { min: [1, "1"], max: [99999999, "99999999"] };

export function checkTaskState(ctx: StateContext): void {
  const { out, state, location } = ctx;
  if (!hasField(state, "Resource")) out.schema(Msg.required(["Resource"]), location);
  else if (checkString(out, state.Resource, at(location, "Resource")) && !state.Resource.startsWith("arn:")) {
    out.error(Code.InvalidResource, `Invalid resource: ${state.Resource} (a Task's Resource is an ARN)`, at(location, "Resource"));
  }
  checkExclusive(out, state, ["TimeoutSeconds", "TimeoutSecondsPath"], location);
  checkExclusive(out, state, ["HeartbeatSeconds", "HeartbeatSecondsPath"], location);
  const timeout = checkNumberField(ctx, "TimeoutSeconds", MAX_SECONDS);
  const heartbeat = checkNumberField(ctx, "HeartbeatSeconds", MAX_SECONDS);
  checkNumberPath(ctx, "TimeoutSecondsPath");
  checkNumberPath(ctx, "HeartbeatSecondsPath");
  // "If provided, the HeartbeatSeconds interval MUST be smaller than the TimeoutSeconds value".
  if (timeout !== undefined && heartbeat !== undefined && heartbeat >= timeout) {
    out.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", at(location, "HeartbeatSeconds"));
  }
  const credentials = field(ctx, "Credentials");
  if (credentials && checkObject(out, credentials.value, at(location, "Credentials"))) {
    const loc = at(location, "Credentials");
    const c = credentials.value;
    const keys = ctx.lang === QueryLanguage.JSONPath ? ["RoleArn", "RoleArn.$"] : ["RoleArn"];
    for (const key of Object.keys(c)) if (!keys.includes(key)) out.schema(Msg.notSupported(key), loc);
    const present = keys.filter((k) => hasField(c, k));
    if (present.length === 0) out.schema(Msg.required(["RoleArn"]), loc);
    else if (present.length > 1) out.schema(Msg.onlyOne(keys), loc);
    if (hasField(c, "RoleArn")) checkString(out, c.RoleArn, at(loc, "RoleArn"));
    if (hasField(c, "RoleArn.$")) checkPath(out, c["RoleArn.$"], at(loc, "RoleArn.$"), { intrinsic: true });
  }
}

const WAIT_FIELDS = ["SecondsPath", "Seconds", "TimestampPath", "Timestamp"];

export function checkWaitState(ctx: StateContext): void {
  const { out, state, location } = ctx;
  const present = WAIT_FIELDS.filter((f) => hasField(state, f));
  if (present.length === 0) out.schema(Msg.exactlyOne(ctx.lang === QueryLanguage.JSONPath ? WAIT_FIELDS : ["Seconds", "Timestamp"]), location);
  else if (present.length > 1) out.schema(Msg.onlyOne(WAIT_FIELDS), location);
  checkNumberField(ctx, "Seconds", { min: [0, "0"], max: [99999999, "99999999"] });
  const timestamp = field(ctx, "Timestamp");
  if (timestamp && !(ctx.lang === QueryLanguage.JSONata && isJsonataString(timestamp.value))) {
    checkTimestamp(out, timestamp.value, at(location, "Timestamp"));
  }
  checkNumberPath(ctx, "SecondsPath");
  const timestampPath = field(ctx, "TimestampPath");
  if (timestampPath) checkPath(out, timestampPath.value, at(location, "TimestampPath"), { reference: true });
}

export function checkFailState(ctx: StateContext): void {
  const { out, state, location } = ctx;
  checkExclusive(out, state, ["Error", "ErrorPath"], location);
  checkExclusive(out, state, ["Cause", "CausePath"], location);
  for (const name of ["Error", "Cause"]) {
    const f = field(ctx, name);
    if (!f || !checkString(out, f.value, at(location, name))) continue;
    if (ctx.lang === QueryLanguage.JSONPath && looksDynamic(f.value)) {
      out.warning(Code.NoPath, `The value of '${name}' looks like a path, but the field name does not end with 'Path': it is a literal string`, at(location, name));
    }
  }
  // ErrorPath and CausePath take a path or an intrinsic function (https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html).
  for (const name of ["ErrorPath", "CausePath"]) {
    const f = field(ctx, name);
    if (f) checkPath(out, f.value, at(location, name), { intrinsic: true });
  }
}
