/** @module The context object (`$$`, `$states.context`) of a state attempt. */
import type { JsonObject } from "../shared/json.js";
import type { StatePlan } from "./plan.js";

/**
 * `{ Execution, StateMachine, State, ...extra }`. `State.RetryCount` appears only on states that retry
 * (Task, Parallel, Map), as recorded against AWS; `extra` adds `Task.Token` or `Map.Item`.
 */
export function buildContextObject(
  execution: JsonObject, stateMachine: JsonObject, state: StatePlan, enteredTime: string, retryCount: number, extra?: JsonObject,
): JsonObject {
  const stateContext: JsonObject = { Name: state.name, EnteredTime: enteredTime };
  if (state.type === "Task" || state.type === "Parallel" || state.type === "Map") stateContext.RetryCount = retryCount;
  const context: JsonObject = { Execution: execution, StateMachine: stateMachine, State: stateContext };
  return extra ? Object.assign(context, extra) : context;
}
