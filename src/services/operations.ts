/** @module An AWS service as the API layer sees it: operation name → typed handler of JSON input. */

/** Caller facts the protocol layer derives from the request (credentials → account, region). */
export interface CallContext {
  readonly accountId: string;
  readonly region: string;
  readonly requestId: string;
  /**
   * Aborts when the request ends early: the client went away or the server is shutting down. Long
   * waits (GetActivityTask's long poll) stop then.
   */
  readonly signal?: AbortSignal;
}

export type Operation = (input: Record<string, unknown>, call: CallContext) => Promise<Record<string, unknown>>;

/** Operations keyed by AWS's operation name ("StartExecution", ...). */
export type OperationTable = Readonly<Record<string, Operation>>;
