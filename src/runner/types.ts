/** @module The public shapes of the in-process runner: what `run()` takes and returns. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { Clock } from "../shared/clock.js";
import type { Random } from "../asl/index.js";
import type { HistoryEvent } from "../history/index.js";

/** What a Task state asks for; handed to handlers and to `invokeTask`. */
export interface TaskRequest {
  /** The Task's `Resource` string, as written in the definition. */
  readonly resource: string;
  /** The effective input: the state's input after InputPath/Parameters (or Arguments). */
  readonly input: JsonValue;
  readonly stateName: string;
  /**
   * The context object as the task sees it (`$$`), including `Task.Token` for callback patterns.
   * Built when first read (a getter): a spread or JSON copy of the request leaves it out.
   */
  readonly context: JsonObject;
  /** 0 for the first attempt, then 1, 2, ... for retries. */
  readonly retryCount: number;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  /** The task token, when the resource ends in `.waitForTaskToken`. */
  readonly taskToken: string | undefined;
  /** The Task's `Credentials` field, evaluated, if present. */
  readonly credentials?: JsonValue;
}

/**
 * A Task resource implementation. Returns the task's result; fails by throwing an error whose
 * `name` is the ASL error name (its `message` becomes the cause). An object with string `error`
 * and optional `cause` fields is accepted too.
 */
export type TaskHandler = (input: JsonValue, request: TaskRequest) => JsonValue | Promise<JsonValue>;

/** Names and ARNs the context object and history carry. Defaults follow AWS's formats. */
export interface RunContext {
  readonly accountId?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly stateMachineName?: string;
  readonly stateMachineArn?: string;
  readonly stateMachineType?: "STANDARD" | "EXPRESS";
  readonly executionName?: string;
  readonly executionArn?: string;
  readonly roleArn?: string;
  /** Extra values exposed as `$$.StateMachine.Version...` etc. are not needed: use the fields above. */
}

export interface RunOptions {
  /** Task handlers keyed by the Resource string. */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  /**
   * Carries out every Task instead of `handlers` (mocks, service integrations). Return undefined to
   * fall back to `handlers`.
   */
  readonly invokeTask?: (request: TaskRequest) => Promise<JsonValue | undefined> | JsonValue | undefined;
  /** "virtual" (default): Wait, Retry back-off and timeouts take no real time. "real": they do. Or a Clock. */
  readonly clock?: "virtual" | "real" | Clock;
  /** Record AWS-shaped history events (default false: faster). */
  readonly history?: boolean;
  readonly context?: RunContext;
  /** Start time, ms since the epoch (default: the clock's now). */
  readonly startTime?: number;
  readonly random?: Random;
  /** Make Retry intervals take no time (they still appear in the order they would have happened). */
  readonly zeroRetryDelays?: boolean;
  /** Makes Wait states take no time. */
  readonly zeroWaits?: boolean;
  /**
   * The longest the execution may run, in seconds, whatever its TimeoutSeconds (AWS: Express
   * executions stop after five minutes). Past it the execution ends TIMED_OUT.
   */
  readonly maxDurationSeconds?: number;
}

export const ExecutionStatus = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  ABORTED: "ABORTED",
} as const;
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

export interface RunResult {
  readonly status: Exclude<ExecutionStatus, "RUNNING">;
  /** SUCCEEDED: the execution's output. */
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  /** Present when `history: true`. */
  readonly history?: HistoryEvent[];
  readonly startDate: number;
  readonly stopDate: number;
}
