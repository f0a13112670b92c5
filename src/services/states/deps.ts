/** @module What the Step Functions control plane is built from (the composition root passes these in). */
import type { Store } from "../../store/index.js";
import type { Engine } from "../../engine/index.js";
import type { Clock } from "../../shared/clock.js";
import type { Random } from "../../asl/index.js";
import type { MockConfig } from "../../mocking/index.js";
import type { TaskHandler } from "../../runner/index.js";
import type { StatesTaskInvoker } from "./task-invoker.js";

/** The engine as this service uses it. */
export type StatesEngine = Engine;

export interface StatesServiceDeps {
  readonly store: Store;
  readonly engine: StatesEngine;
  readonly clock: Clock;
  readonly random: Random;
  /** Used only when a call's CallContext has no account or region (the API always fills both in). */
  readonly accountId: string;
  readonly region: string;
  /** Default "aws". */
  readonly partition?: string;
  /** The mock config currently loaded (Step Functions Local's MockConfigFile.json), if any. */
  readonly mockConfig?: () => MockConfig | undefined;
  /** In-process task handlers keyed by Resource (the server's --tasks option). */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  /**
   * The invoker the engine was created with (createTaskInvoker): it carries mocked runs and nested
   * executions for Standard executions. Without it the service makes its own (Express runs only).
   */
  readonly tasks?: StatesTaskInvoker;
  /** How often GetActivityTask looks for work while it long-polls (ms, default 5 growing to 200). */
  readonly activityPollMs?: { readonly min: number; readonly max: number };
}
