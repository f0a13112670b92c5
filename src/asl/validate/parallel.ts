/** @module Parallel states: Branches, each validated as a sub-machine with its own state scope. */
import { at, item, Msg } from "./diagnostics.js";
import type { StateContext } from "./context.js";
import { MachineKind, validateMachine } from "./machine.js";
import { checkArray, hasField } from "./values.js";

export function checkParallelState(ctx: StateContext): void {
  const { out, state, location } = ctx;
  if (!hasField(state, "Branches")) out.schema(Msg.required(["Branches"]), location);
  if (!ctx.fields.has("Branches")) return;
  const loc = at(location, "Branches");
  if (!checkArray(out, state.Branches, loc)) return;
  if (state.Branches.length === 0) out.schema(Msg.empty, loc);
  const child = { ...ctx.machine, depth: ctx.machine.depth + 1 };
  state.Branches.forEach((branch, i) => validateMachine(child, branch, item(loc, i), MachineKind.Branch));
}
