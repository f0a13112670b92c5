/** @module What the checks of one state see: the diagnostics list, the machine's language, and the state itself. */
import type { Diagnostics } from "./diagnostics.js";
import type { QueryLanguage, StateType } from "./fields.js";

export interface MachineContext {
  readonly out: Diagnostics;
  /** The top-level QueryLanguage: every state without its own inherits it, at any depth. */
  readonly machineLanguage: QueryLanguage;
  /** Every state name seen so far in the whole definition, with its location (names are global). */
  readonly stateNames: Map<string, string>;
  /** Sub-machine nesting depth (Parallel branches and Map processors). */
  readonly depth: number;
}

export interface StateContext {
  readonly machine: MachineContext;
  readonly out: Diagnostics;
  readonly name: string;
  readonly state: Record<string, unknown>;
  readonly location: string;
  readonly type: StateType;
  readonly lang: QueryLanguage;
  /** The fields present that this type accepts in this language (others were already reported). */
  readonly fields: ReadonlySet<string>;
}

/** The value of `field` when it is present and valid for the state, else undefined. */
export const field = (ctx: StateContext, name: string): { value: unknown } | undefined =>
  ctx.fields.has(name) ? { value: ctx.state[name] } : undefined;
