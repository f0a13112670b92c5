/** @module What the Lambda control plane is built from (the composition root passes these in). */
import type { Store } from "../../store/index.js";
import type { Clock } from "../../shared/clock.js";
import type { Random } from "../../asl/index.js";
import type { FunctionRuntime } from "../../runtime/index.js";

export interface FunctionsServiceDeps {
  readonly store: Store;
  /** Runs invocations in sandboxes (src/runtime). */
  readonly runtime: FunctionRuntime;
  readonly clock: Clock;
  readonly random: Random;
  /** Used only when a call's CallContext has no account or region. */
  readonly accountId: string;
  readonly region: string;
  /** Default "aws". */
  readonly partition?: string;
  /** Folder of this node's unpacked code packages (one sub-folder per package). */
  readonly codeDir: string;
  /** The queue of `Event` invocations: how often to look for due work (default 1 s), and whether to run it at all (default true). */
  readonly asyncInvocations?: { readonly pollMs?: number; readonly enabled?: boolean };
  /** Failures nobody awaits (the async queue's), for the server's log. */
  readonly onError?: (message: string, error: unknown) => void;
}
