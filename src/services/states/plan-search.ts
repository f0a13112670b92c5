/** @module Finding a state by name anywhere in a compiled plan: top level, Parallel branches, Map processors. */
import type { MapPlan, Plan, StatePlan } from "../../asl/index.js";

/** The state named `name` (state names are unique within a machine), or undefined. */
export function findState(plan: Plan, name: string): StatePlan | undefined {
  const here = plan.states.get(name);
  if (here) return here;
  for (const state of plan.states.values()) {
    const inner = state.type === "Parallel" ? state.branches : state.type === "Map" ? [state.processor] : [];
    for (const branch of inner) {
      const found = findState(branch, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether `name` is a state inside `state`'s branches or item processor (not `state` itself). */
export function containsState(state: StatePlan, name: string): boolean {
  const inner = state.type === "Parallel" ? state.branches : state.type === "Map" ? [state.processor] : [];
  return inner.some((branch) => findState(branch, name) !== undefined);
}

/** The Distributed Map state whose Label (or, without one, name) is `label`: the last part of its Map Run's name. */
export function findMapByLabel(plan: Plan, label: string): MapPlan | undefined {
  for (const state of plan.states.values()) {
    if (state.type === "Map" && state.mode === "DISTRIBUTED" && (state.label ?? state.name) === label) return state;
    const inner = state.type === "Parallel" ? state.branches : state.type === "Map" ? [state.processor] : [];
    for (const branch of inner) {
      const found = findMapByLabel(branch, label);
      if (found) return found;
    }
  }
  return undefined;
}
