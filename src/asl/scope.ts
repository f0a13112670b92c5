/** @module What an expression may read while a state runs: the context object, variables, and injected randomness and time. */
import type { JsonObject, JsonValue } from "../shared/json.js";

/** Injected randomness (States.UUID, States.MathRandom, $uuid, $random, retry jitter). */
export interface Random {
  /** A random RFC 4122 version 4 UUID. */
  uuid(): string;
  /** A float in [0, 1). */
  float(): number;
}

/**
 * A frame of workflow variables. Parallel branches and Map iterations get a child frame: outer
 * variables are readable, assignments land in the child frame and never leak out.
 */
export interface VariableFrame {
  readonly values: Map<string, JsonValue>;
  readonly parent: VariableFrame | undefined;
}

export const createVariableFrame = (parent?: VariableFrame): VariableFrame => new Frame(parent);

/** Its Map is made when first used: most executions and Map iterations assign no variables. */
class Frame implements VariableFrame {
  #values: Map<string, JsonValue> | undefined = undefined;
  constructor(readonly parent: VariableFrame | undefined) {}
  get values(): Map<string, JsonValue> {
    return (this.#values ??= new Map());
  }
}

/** The value of variable `name` seen from `frame`, or undefined when it was never assigned. */
export function lookupVariable(frame: VariableFrame | undefined, name: string): JsonValue | undefined {
  for (let f = frame; f; f = f.parent) {
    const v = f.values.get(name);
    if (v !== undefined || f.values.has(name)) return v;
  }
  return undefined;
}

/**
 * Everything an evaluation may read besides the state's input. Built once per state entry by the
 * runner; paths, intrinsics, choice rules and JSONata all take it.
 */
export interface EvalScope {
  /** The context object (`$$` in JSONPath, `$states.context` in JSONata). */
  readonly context: JsonObject;
  readonly variables: VariableFrame | undefined;
  readonly random: Random;
  /** Milliseconds since the epoch on the execution's (possibly virtual) clock. */
  readonly now: number;
  /** The running state's name and the id of its *StateEntered event, for AWS's error causes:
   * "An error occurred while executing the state 'X' (entered at the event id #2). ..." */
  readonly stateName: string;
  readonly enteredEventId: number;
}
