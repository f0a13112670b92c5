/** @module Transitions of one (sub-)machine: targets that exist in its own scope, reachable states, a terminal state. */
import { at, Code, item, Msg, type Diagnostics } from "./diagnostics.js";
import { StateType } from "./fields.js";
import { isJsonObject } from "./values.js";

interface Edge {
  readonly target: string;
  readonly location: string;
}

/** The transitions a state makes, each with the location AWS reports a missing target at. */
function edgesOf(state: Record<string, unknown>, location: string): Edge[] {
  const edges: Edge[] = [];
  const type = state.Type;
  const anyType = typeof type !== "string" || !(Object.values(StateType) as string[]).includes(type);
  const moves = anyType || (type !== StateType.Choice && type !== StateType.Succeed && type !== StateType.Fail);
  if (moves && typeof state.Next === "string") edges.push({ target: state.Next, location: at(location, "Next") });
  if ((anyType || type === StateType.Choice) && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (isJsonObject(rule) && typeof rule.Next === "string") {
        edges.push({ target: rule.Next, location: at(item(at(location, "Choices"), i), "Next") });
      }
    });
  }
  if ((anyType || type === StateType.Choice) && typeof state.Default === "string") {
    edges.push({ target: state.Default, location: at(location, "Default") });
  }
  const catches = anyType || type === StateType.Task || type === StateType.Parallel || type === StateType.Map;
  if (catches && Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) => {
      if (isJsonObject(catcher) && typeof catcher.Next === "string") {
        edges.push({ target: catcher.Next, location: at(item(at(location, "Catch"), i), "Next") });
      }
    });
  }
  return edges;
}

const isTerminal = (state: unknown): boolean =>
  isJsonObject(state) && (state.Type === StateType.Succeed || state.Type === StateType.Fail || state.End === true);

/**
 * Measured on AWS: every target names a state of the same States object ("Missing 'Next' target: X",
 * the word Next whatever the field); the top-level machine needs a terminal state
 * (MISSING_END_STATE, no location), and when it has none the unreachable-state walk is skipped;
 * otherwise each state StartAt cannot reach is reported ("State \"X\" is not reachable.").
 */
export function checkTransitions(out: Diagnostics, machine: Record<string, unknown>, location: string, isRoot: boolean): void {
  const states = machine.States;
  if (!isJsonObject(states)) return;
  const names = Object.keys(states);
  if (names.length === 0) return;
  const statesLoc = at(location, "States");
  const edges = new Map<string, string[]>();
  for (const name of names) {
    const state = states[name];
    const targets: string[] = [];
    if (isJsonObject(state)) {
      for (const edge of edgesOf(state, at(statesLoc, name))) {
        if (Object.prototype.hasOwnProperty.call(states, edge.target)) targets.push(edge.target);
        else out.error(Code.MissingTransitionTarget, Msg.missingTarget(edge.target), edge.location);
      }
    }
    edges.set(name, targets);
  }
  const startAt = machine.StartAt;
  const starts = typeof startAt === "string" && Object.prototype.hasOwnProperty.call(states, startAt);
  if (typeof startAt === "string" && !starts) {
    out.error(Code.MissingTransitionTarget, Msg.missingTarget(startAt), at(location, "StartAt"));
  }
  if (isRoot && !names.some((n) => isTerminal(states[n]))) {
    out.error(Code.MissingEndState, "Workflow has no terminal state", "");
    return;
  }
  if (typeof startAt !== "string") return;
  const reached = new Set<string>();
  const queue = starts ? [startAt] : [];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const t of edges.get(name) ?? []) if (!reached.has(t)) queue.push(t);
  }
  for (const name of names) {
    if (!reached.has(name)) out.error(Code.MissingTransitionTarget, Msg.unreachable(name), at(statesLoc, name));
  }
}
