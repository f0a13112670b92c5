/**
 * @module The state TestState runs: a single state's definition, or the state `stateName` picks in a
 * whole state machine's definition. Either is validated as CreateStateMachine validates.
 */
import type { JsonObject } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";
import { formatInvalidDefinition, type Diagnostic, type Plan, type StatePlan } from "../../asl/index.js";
import { compileStateMachine } from "../../runner/index.js";
import { invalidDefinition } from "./errors.js";
import { findState } from "./plan-search.js";
import { testStateValidation } from "./test-state-request.js";

export interface TestTarget {
  readonly state: StatePlan;
  /** The machine the state belongs to (for a single state: a wrapper around it). */
  readonly plan: Plan;
}

/** The name a single state is tested under (a state definition carries no name of its own). */
export const SINGLE_STATE_NAME = "TestState";

export function resolveTestTarget(definition: string, stateName: string | undefined): TestTarget {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    // The validator words invalid JSON as AWS does.
    throw invalidDefinition(formatInvalidDefinition(compileErrors(definition)));
  }
  const isMachine = isJsonObject(parsed) && parsed.States !== undefined && parsed.Type === undefined;
  if (stateName !== undefined) {
    if (!isMachine) throw testStateValidation("When stateName is given, the definition must be a complete state machine definition");
    const plan = compile(parsed);
    const state = findState(plan, stateName);
    if (!state) throw testStateValidation(`The state '${stateName}' is not in the state machine definition`);
    return { state, plan };
  }
  if (isMachine) throw testStateValidation("The definition is a state machine definition: give the stateName of the state to test");
  if (!isJsonObject(parsed)) throw invalidDefinition(formatInvalidDefinition([schemaError("/", "The state definition must be a JSON object")]));
  const name = nameFor(parsed);
  const wrapper: JsonObject = { StartAt: name, States: { [name]: parsed, ...stubTargets(parsed, name) } };
  const plan = compile(wrapper, (location) => location.replace(new RegExp(`^/States/${name}(?=/|$)`), "") || "/");
  return { state: plan.states.get(name)!, plan };
}

function compile(definition: unknown, relocate: (location: string) => string = (l) => l): Plan {
  const compiled = compileStateMachine(definition);
  if (!compiled.ok) {
    throw invalidDefinition(formatInvalidDefinition(compiled.diagnostics.map((d) => ({ ...d, location: d.location && relocate(d.location) }))));
  }
  return compiled.machine.plan;
}

function compileErrors(definition: string): readonly Diagnostic[] {
  const compiled = compileStateMachine(definition);
  return compiled.ok ? [] : compiled.diagnostics;
}

const schemaError = (location: string, message: string): Diagnostic => ({ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", location, message });

/** A name for the single state that none of its transitions uses. */
function nameFor(state: JsonObject): string {
  const targets = new Set(targetsOf(state));
  let name = SINGLE_STATE_NAME;
  for (let i = 2; targets.has(name); i++) name = `${SINGLE_STATE_NAME}${i}`;
  return name;
}

/** The states a single state may go to exist only outside the test: Succeed states stand in for them. */
function stubTargets(state: JsonObject, self: string): JsonObject {
  const stubs: JsonObject = {};
  for (const target of targetsOf(state)) if (target !== self) stubs[target] = { Type: "Succeed" };
  return stubs;
}

function targetsOf(state: JsonObject): string[] {
  const targets: string[] = [];
  const add = (v: unknown) => typeof v === "string" && targets.push(v);
  add(state.Next);
  add(state.Default);
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list)) for (const item of list) if (isJsonObject(item)) add(item.Next);
  }
  return targets;
}
