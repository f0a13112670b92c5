/** @module The inputs that move a durable execution forward. */
import type { JsonValue } from "../shared/json.js";
import type { AslError } from "../asl/index.js";

export type EngineInput =
  | { readonly kind: "start" }
  | { readonly kind: "task-succeeded"; readonly taskId: string; readonly result: JsonValue }
  | { readonly kind: "task-failed"; readonly taskId: string; readonly error: AslError }
  | { readonly kind: "heartbeat"; readonly taskId: string }
  /** A worker took the activity task (GetActivityTask): ActivityStarted is recorded now. */
  | { readonly kind: "activity-started"; readonly taskId: string; readonly workerName: string | undefined }
  | { readonly kind: "timer"; readonly timerId: string }
  | { readonly kind: "stop"; readonly error: string | undefined; readonly cause: string | undefined }
  /** A Distributed Map child execution closed. */
  | {
      readonly kind: "child-closed";
      readonly childArn: string;
      readonly status: string;
      readonly output: JsonValue | undefined;
      readonly error: AslError | undefined;
    }
  /** UpdateMapRun on a running Distributed Map. */
  | {
      readonly kind: "update-map-run";
      readonly mapRunArn: string;
      readonly maxConcurrency?: number;
      readonly toleratedFailureCount?: number;
      readonly toleratedFailurePercentage?: number;
    }
  /** Outbox work that needs no state change is done (the transition only removes the outbox entry). */
  | { readonly kind: "outbox-done" }
  /** A callback task's call returned: its token is out, so a restart must not make the call again. */
  | { readonly kind: "task-handed-out"; readonly taskId: string }
  /** Runs a FAILED, TIMED_OUT or ABORTED execution again from the state where it stopped. */
  | { readonly kind: "redrive" };
