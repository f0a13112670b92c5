/**
 * @module The function runtime's LogSink over the store: lines are buffered and written in batches
 * (one transaction per flush), at most `flushMs` after they were logged, sooner when many pile up.
 */
import type { LogAppend, Store } from "../../store/index.js";
import type { Clock } from "../../shared/clock.js";
import type { LogSink } from "../../runtime/index.js";

/** CloudWatch Logs keeps at most 256 KB of one event (the message is cut there). */
export const MAX_EVENT_BYTES = 262_144;

export interface BatchedLogSink extends LogSink {
  /** Writes everything buffered so far (reads call this first, so they see every line logged before them). */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

export interface LogSinkOptions {
  /** Longest a line waits in the buffer (default 200 ms). */
  readonly flushMs?: number;
  /** A flush starts at once when this many events wait (default 1000). */
  readonly maxEvents?: number;
  readonly onError?: (message: string, error: unknown) => void;
}

export function createLogSink(store: Store, clock: Clock, options: LogSinkOptions = {}): BatchedLogSink {
  const flushMs = options.flushMs ?? 200;
  const maxEvents = options.maxEvents ?? 1000;
  let buffer = new Map<string, { groupName: string; streamName: string; events: { timestamp: number; message: string }[] }>();
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (count === 0) return writing;
    const batches: LogAppend[] = [...buffer.values()];
    buffer = new Map();
    count = 0;
    // Writes are chained, so batches land in the order they were taken.
    writing = writing.then(() => store.logs.appendLogEvents(batches, clock.now())).catch((e) => {
      options.onError?.(`could not store ${batches.reduce((n, b) => n + b.events.length, 0)} log events`, e);
    });
    return writing;
  }

  return {
    append(logGroupName, logStreamName, events) {
      if (events.length === 0) return;
      const key = `${logGroupName}\u0000${logStreamName}`;
      let entry = buffer.get(key);
      if (!entry) buffer.set(key, (entry = { groupName: logGroupName, streamName: logStreamName, events: [] }));
      for (const e of events) {
        const message = Buffer.byteLength(e.message, "utf8") > MAX_EVENT_BYTES ? Buffer.from(e.message, "utf8").subarray(0, MAX_EVENT_BYTES).toString("utf8") : e.message;
        entry.events.push({ timestamp: e.timestamp, message: message === "" ? " " : message });
      }
      count += events.length;
      if (count >= maxEvents || closed) void flush();
      else timer ??= setTimeout(() => void flush(), flushMs);
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
