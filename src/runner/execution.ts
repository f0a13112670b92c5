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
import { StopController } from "./stop.js";

export interface Execution {
  /** The execution's input (`$$.Execution.Input`). */
  readonly input: JsonValue;
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
  /** Set once the execution has ended: branches still running (they are being stopped) record no more events. */
  stopped: boolean;
  /**
   * The top-level branch's signal: aborted when the execution ends, so that branches still running
   * beside a timed-out one stop at once. It never aborts while that branch itself waits on a state.
   */
  readonly stop: StopController;
}

export function createExecution(input: JsonValue, options: RunOptions, timeoutSeconds: number | undefined): Execution {
  const clockOption = options.clock ?? "virtual";
  const virtualClock = clockOption === "virtual" ? createVirtualClock(options.startTime ?? Date.now()) : undefined;
  const clock: Clock = virtualClock ?? (clockOption === "real" ? systemClock : (clockOption as Clock));
  const startTime = options.startTime ?? clock.now();
  const random = options.random ?? systemRandom;
  const names = resolveNames(options.context, random);
  const deadline = timeoutSeconds !== undefined ? startTime + timeoutSeconds * 1000 : undefined;
  return new RunExecution(input, clock, virtualClock, random, createHistoryRecorder(options.history === true), options, names, startTime, deadline);
}

/**
 * ISO text of a time, remembered for the last time asked: virtual time rarely moves (an execution's
 * start and its states share one), and executions run one after another mostly start in the same ms.
 */
const lastIso = { ms: Number.NaN, iso: "" };
export function isoTime(ms: number): string {
  if (lastIso.ms !== ms) {
    lastIso.ms = ms;
    lastIso.iso = new Date(ms).toISOString();
  }
  return lastIso.iso;
}

/** The same execution recording into another history (a Distributed Map's child runs keep their own). */
export function withHistory(exec: Execution, history: HistoryRecorder): Execution {
  return new RunExecution(exec.input, exec.clock, exec.virtualClock, exec.random, history, exec.options, exec.names, exec.startTime, exec.deadline);
}

/**
 * A class, not an object literal with getters: V8 gives each such literal a hidden class of its own,
 * which made every read of an execution's fields megamorphic across runs.
 */
class RunExecution implements Execution {
  stopped = false;
  readonly stop = new StopController();
  private builtExecutionContext: JsonObject | undefined = undefined;
  private builtStateMachineContext: JsonObject | undefined = undefined;

  constructor(
    readonly input: JsonValue,
    readonly clock: Clock,
    readonly virtualClock: VirtualClock | undefined,
    readonly random: Random,
    readonly history: HistoryRecorder,
    readonly options: RunOptions,
    readonly names: RunNames,
    readonly startTime: number,
    readonly deadline: number | undefined,
  ) {}

  // Built when an expression first reads `$$` (most executions never do).
  get executionContext(): JsonObject {
    const names = this.names;
    return (this.builtExecutionContext ??= {
      Id: names.executionArn,
      Input: this.input,
      StartTime: isoTime(this.startTime),
      Name: names.executionName,
      RoleArn: names.roleArn,
      RedriveCount: 0,
    });
  }

  get stateMachineContext(): JsonObject {
    return (this.builtStateMachineContext ??= { Id: this.names.stateMachineArn, Name: this.names.stateMachineName });
  }
}
