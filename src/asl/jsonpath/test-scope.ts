/** @module A minimal EvalScope for the JSONPath tests. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { createVariableFrame, type EvalScope } from "../scope.js";

export function testScope(context: JsonObject = {}, variables: Record<string, JsonValue> = {}): EvalScope {
  const frame = createVariableFrame();
  for (const [k, v] of Object.entries(variables)) frame.values.set(k, v);
  return {
    context,
    variables: frame,
    random: { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0.5 },
    now: 0,
    stateName: "S",
    enteredEventId: 2,
  };
}
