/** @module Everything the operations share: dependencies, ARN scope, the runtime, compiled machines. */
import type { Store } from "../../store/index.js";
import type { Clock } from "../../shared/clock.js";
import type { Random } from "../../asl/index.js";
import type { MockConfig } from "../../mocking/index.js";
import { compileStateMachine, type StateMachine } from "../../runner/index.js";
import type { CallContext } from "../operations.js";
import type { ArnScope } from "./arns.js";
import type { StatesEngine, StatesServiceDeps } from "./deps.js";
import type { StatesRuntime } from "./runtime.js";

export interface StatesContext {
  readonly store: Store;
  readonly engine: StatesEngine;
  readonly clock: Clock;
  readonly random: Random;
  /** Where a caller's new resources live: the server's partition, the caller's region and account (SigV4 scope). */
  scopeOf(call: CallContext): ArnScope;
  readonly runtime: StatesRuntime;
  readonly mockConfig: () => MockConfig | undefined;
  readonly activityPollMs: { readonly min: number; readonly max: number };
  /** Compiles a (validated) definition for the in-memory runner, cached by its text. */
  compile(definition: string): StateMachine;
}

const COMPILED_LIMIT = 200;

export function createContext(deps: StatesServiceDeps, runtime: StatesRuntime): StatesContext {
  const compiled = new Map<string, StateMachine>();
  const partition = deps.partition ?? "aws";
  return {
    store: deps.store,
    engine: deps.engine,
    clock: deps.clock,
    random: deps.random,
    scopeOf: (call) => ({ partition, region: call.region || deps.region, accountId: call.accountId || deps.accountId }),
    runtime,
    mockConfig: deps.mockConfig ?? (() => undefined),
    activityPollMs: deps.activityPollMs ?? { min: 5, max: 200 },
    compile(definition) {
      let machine = compiled.get(definition);
      if (machine) return machine;
      const result = compileStateMachine(definition);
      if (!result.ok) throw new Error(`A stored definition no longer compiles: ${result.diagnostics.map((d) => d.message).join("; ")}`);
      machine = result.machine;
      if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value!);
      compiled.set(definition, machine);
      return machine;
    },
  };
}
