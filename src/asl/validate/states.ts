/** @module One state: its Type, its language, the fields its type accepts, then the checks of each field. */
import { at, Msg } from "./diagnostics.js";
import type { MachineContext, StateContext } from "./context.js";
import { hasTransition, QueryLanguage, STATE_TYPES, StateType } from "./fields.js";
import { checkChoiceState } from "./choice.js";
import { checkStateExpressions } from "./expressions.js";
import { checkIO } from "./io.js";
import { checkMapState } from "./map.js";
import { checkParallelState } from "./parallel.js";
import { checkStateFields, resolveStateLanguage } from "./query-language.js";
import { checkCatch, checkRetry } from "./retry-catch.js";
import { checkFailState, checkPassState, checkTaskState, checkWaitState } from "./simple-states.js";
import { checkBoolean, checkEnum, checkObject, checkString, hasField } from "./values.js";

const TYPE_CHECKS: Readonly<Record<StateType, (ctx: StateContext) => void>> = {
  Pass: checkPassState,
  Task: checkTaskState,
  Choice: checkChoiceState,
  Wait: checkWaitState,
  Succeed: () => {},
  Fail: checkFailState,
  Parallel: checkParallelState,
  Map: checkMapState,
};

export function validateState(machine: MachineContext, name: string, value: unknown, location: string): void {
  const { out } = machine;
  if (!checkObject(out, value, location)) return;
  if (!hasField(value, "Type")) {
    out.schema(Msg.required(["Type"]), location);
    return;
  }
  if (!checkEnum(out, value.Type, STATE_TYPES, at(location, "Type"))) return;
  const type = value.Type as StateType;
  const language = resolveStateLanguage(out, value, location, machine.machineLanguage);
  const fields = checkStateFields(out, value, location, type, language);
  language.reportValue();
  const ctx: StateContext = { machine, out, name, state: value, location, type, lang: language.lang, fields };
  if (fields.has("Comment")) checkString(out, value.Comment, at(location, "Comment"));
  checkNextOrEnd(ctx);
  checkIO(ctx);
  checkRetry(ctx);
  checkCatch(ctx);
  TYPE_CHECKS[type](ctx);
  if (ctx.lang === QueryLanguage.JSONata) checkStateExpressions(ctx);
}

/** Pass, Task, Wait, Parallel and Map move on with exactly one of Next or `End: true`. */
function checkNextOrEnd(ctx: StateContext): void {
  if (!hasTransition(ctx.type)) return;
  const { out, state, location } = ctx;
  const hasNext = ctx.fields.has("Next");
  const hasEnd = ctx.fields.has("End");
  if (hasNext) checkString(out, state.Next, at(location, "Next"));
  if (hasEnd) checkBoolean(out, state.End, at(location, "End"));
  if (hasNext && hasEnd) out.schema(Msg.onlyOne(["Next", "End"]), location);
  else if (!hasNext && state.End !== true) out.schema(Msg.exactlyOne(["Next", "End"]), location);
}
