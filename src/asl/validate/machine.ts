/** @module One (sub-)machine: the top level, a Parallel branch or a Map processor (StartAt, States, names, transitions). */
import { at, Code, Msg, self } from "./diagnostics.js";
import type { MachineContext } from "./context.js";
import { validateState } from "./states.js";
import { checkTransitions } from "./transitions.js";
import { checkInteger, checkObject, checkString, hasField, POSITIVE } from "./values.js";

export const MachineKind = { Root: "Root", Branch: "Branch", ItemProcessor: "ItemProcessor", Iterator: "Iterator" } as const;
export type MachineKind = (typeof MachineKind)[keyof typeof MachineKind];

const MACHINE_FIELDS: Readonly<Record<MachineKind, ReadonlySet<string>>> = {
  Root: new Set(["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"]),
  Branch: new Set(["Comment", "StartAt", "States"]),
  ItemProcessor: new Set(["Comment", "StartAt", "States", "ProcessorConfig"]),
  Iterator: new Set(["Comment", "StartAt", "States", "ProcessorConfig"]),
};

/**
 * Parallel/Map nesting beyond this is refused rather than walked: it keeps
 * the recursion bounded for any input.
 */
export const MAX_NESTING = 100;

const MAX_STATE_NAME = 80;

/**
 * Validates a machine object at `location` ("" for the top level). The branch and processor objects
 * carry no QueryLanguage of their own (AWS: "Field 'QueryLanguage' is not supported" at the object).
 */
export function validateMachine(ctx: MachineContext, machine: unknown, location: string, kind: MachineKind): void {
  const { out } = ctx;
  if (!checkObject(out, machine, self(location))) return;
  if (ctx.depth > MAX_NESTING) {
    out.schema(`The states are nested more than ${MAX_NESTING} levels deep`, self(location));
    return;
  }
  const allowed = MACHINE_FIELDS[kind];
  for (const key of Object.keys(machine)) {
    if (!allowed.has(key)) out.schema(Msg.notSupported(key), self(location));
  }
  const missing = ["StartAt", "States"].filter((f) => !hasField(machine, f));
  if (missing.length > 0) out.schema(Msg.required(missing), self(location));
  if (hasField(machine, "Comment")) checkString(out, machine.Comment, at(location, "Comment"));
  if (hasField(machine, "StartAt")) checkString(out, machine.StartAt, at(location, "StartAt"));
  if (kind === MachineKind.Root) checkRootFields(ctx, machine);
  const states = machine.States;
  if (hasField(machine, "States") && checkObject(out, states, at(location, "States"))) {
    const names = Object.keys(states);
    if (names.length === 0) out.schema(Msg.empty, at(location, "States"));
    for (const name of names) {
      const stateLoc = at(at(location, "States"), name);
      checkStateName(ctx, name, stateLoc);
      validateState(ctx, name, states[name], stateLoc);
    }
  }
  checkTransitions(out, machine, location, kind === MachineKind.Root);
}

function checkRootFields(ctx: MachineContext, root: Record<string, unknown>): void {
  const { out } = ctx;
  if (hasField(root, "Version") && checkString(out, root.Version, "/Version") && root.Version !== "1.0") {
    out.schema(Msg.oneOf(["1.0"]), "/Version");
  }
  if (hasField(root, "TimeoutSeconds")) checkInteger(out, root.TimeoutSeconds, "/TimeoutSeconds", POSITIVE);
}

/** State names: 1 to 80 characters, and unique in the whole definition (ASL: "within the scope of the whole state machine"). */
function checkStateName(ctx: MachineContext, name: string, location: string): void {
  const length = [...name].length;
  if (length === 0 || length > MAX_STATE_NAME) {
    ctx.out.error(Code.InvalidStateName, `State names must be 1 to ${MAX_STATE_NAME} characters long: "${name}"`, location);
  }
  if (ctx.stateNames.has(name)) ctx.out.error(Code.DuplicateStateName, `Duplicate State name: ${name}`, location);
  else ctx.stateNames.set(name, location);
}

