/** @module History events in AWS's shapes: `input`/`output` are JSON text, ids count from 1. */

/** One execution history event as GetExecutionHistory returns it (timestamp in ms since the epoch). */
export interface HistoryEvent {
  readonly timestamp: number;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly [details: string]: unknown;
}

export const PayloadDetails = { truncated: false } as const;
