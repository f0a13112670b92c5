/** @module One run's fixed surroundings: clock, randomness, history, handlers, names and the deadline. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { Clock } from "../shared/clock.js";
import { systemClock } from "../shared/clock.js";
import { createVirtualClock, type VirtualClock } from "../shared/virtual-clock.js";
import type { Random } from "../asl/index.js";
import { createHistoryRecorder, type HistoryRecorder } from "../history/index.js";
import type { RunOptions } from "./types.js";
import { resolveNames, type RunNames } from "./names.js";
import { systemRandom } from "./random.js";

export interface Execution {
  readonly clock: Clock;
  /** Set when the clock is virtual: real work in flight is tracked so time does not jump past it. */
  readonly virtualClock: VirtualClock | undefined;
  readonly random: Random;
  readonly history: HistoryRecorder;
  readonly options: RunOptions;
  readonly names: RunNames;
  readonly startTime: number;
  /** `$$.Execution` and `$$.StateMachine`, built once when first read. */
  readonly executionContext: JsonObject;
  readonly stateMachineContext: JsonObject;
  /** Absolute time at which the execution times out (TimeoutSeconds), if any. */
  readonly deadline: number | undefined;
  /** The last timestamp turned into ISO text, and its text. */
  readonly isoCache: { ms: number; iso: string };
  /** Set once the execution has ended: branches still running (they are being stopped) record no more events. */
  stopped: boolean;
}

export function createExecution(input: JsonValue, options: RunOptions, timeoutSeconds: number | undefined): Execution {
  const clockOption = options.clock ?? "virtual";
  const virtualClock = clockOption === "virtual" ? createVirtualClock(options.startTime ?? Date.now()) : undefined;
  const clock: Clock = virtualClock ?? (clockOption === "real" ? systemClock : (clockOption as Clock));
  const startTime = options.startTime ?? clock.now();
  const names = resolveNames(options.context, options.random ?? systemRandom);
  let executionContext: JsonObject | undefined;
  let stateMachineContext: JsonObject | undefined;
  return {
    clock,
    virtualClock,
    random: options.random ?? systemRandom,
    history: createHistoryRecorder(options.history === true),
    options,
    names,
    startTime,
    // Built when an expression first reads `$$` (most executions never do).
    get executionContext() {
      return (executionContext ??= {
        Id: names.executionArn,
        Input: input,
        StartTime: new Date(startTime).toISOString(),
        Name: names.executionName,
        RoleArn: names.roleArn,
        RedriveCount: 0,
      });
    },
    get stateMachineContext() {
      return (stateMachineContext ??= { Id: names.stateMachineArn, Name: names.stateMachineName });
    },
    deadline: timeoutSeconds !== undefined ? startTime + timeoutSeconds * 1000 : undefined,
    stopped: false,
    isoCache: { ms: Number.NaN, iso: "" },
  };
}
