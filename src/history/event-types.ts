/** @module History events in AWS's shapes: `input`/`output` are JSON text, ids count from 1. */
import type { JsonValue } from "../shared/json.js";

/** One execution history event as GetExecutionHistory returns it (timestamp in ms since the epoch). */
export interface HistoryEvent {
  readonly timestamp: number;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly [details: string]: unknown;
}

export const PayloadDetails = { truncated: false } as const;

/**
 * Turns an event's input or output into what its details carry: JSON text by default. A caller that
 * keeps details in another form (the durable engine: the store's marked value, no text made) passes its own.
 */
export type PayloadEncoder = (value: JsonValue) => unknown;
