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
  return new Recorder(record);
}

/** A class, not an object literal with a getter: such literals get a hidden class each, and every run makes one. */
class Recorder implements HistoryRecorder {
  lastId = 0;
  readonly events: HistoryEvent[] | undefined;
  constructor(readonly recording: boolean) {
    this.events = recording ? [] : undefined;
  }
  add(type: string, previousEventId: number, timestamp: number, details?: Record<string, unknown>): number {
    const id = ++this.lastId;
    if (this.events) this.events.push({ timestamp, type, id, previousEventId, ...details });
    return id;
  }
}
