/** @module What the Logs operations share: the store, the clock, the caller's ARN scope, and the log sink's flush. */
import type { Store } from "../../store/index.js";
import type { Clock } from "../../shared/clock.js";
import type { CallContext } from "../operations.js";

export interface LogsServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Used only when a call's CallContext has no account or region. */
  readonly accountId: string;
  readonly region: string;
  /** Default "aws". */
  readonly partition?: string;
  /** Writes buffered events (the runtime's log sink) before reads, so a read sees every line logged so far. */
  readonly flush?: () => Promise<void>;
}

export interface LogsContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly flush: () => Promise<void>;
  /** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME`. */
  groupArn(call: CallContext, name: string): string;
}

export function createLogsContext(deps: LogsServiceDeps): LogsContext {
  const partition = deps.partition ?? "aws";
  return {
    store: deps.store,
    clock: deps.clock,
    flush: deps.flush ?? (async () => undefined),
    groupArn: (call, name) => `arn:${partition}:logs:${call.region || deps.region}:${call.accountId || deps.accountId}:log-group:${name}`,
  };
}
