/** @module Numbers history events as AWS does, and keeps them only when asked (ids are counted either way). */
import type { HistoryEvent } from "./event-types.js";

export interface HistoryRecorder {
  /** Ids of every event so far, recorded or not (AWS's error causes quote them). */
  readonly lastId: number;
  readonly events: HistoryEvent[] | undefined;
  /** Whether events are kept: callers build details only then. */
  readonly recording: boolean;
  /** Appends an event and returns its id. */
  add(type: string, previousEventId: number, timestamp: number, details?: Record<string, unknown>): number;
}

export function createHistoryRecorder(record: boolean): HistoryRecorder {
  const events: HistoryEvent[] | undefined = record ? [] : undefined;
  let lastId = 0;
  return {
    get lastId() {
      return lastId;
    },
    events,
    recording: record,
    add(type, previousEventId, timestamp, details) {
      const id = ++lastId;
      if (events) events.push({ timestamp, type, id, previousEventId, ...details });
      return id;
    },
  };
}
