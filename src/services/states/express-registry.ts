/** @module Recent Express executions, kept in memory (bounded) for internal use: nested `.sync` tasks. */
import type { ExecutionView } from "./runtime.js";

export interface ExpressRecord {
  view: ExecutionView;
  readonly finished: Promise<ExecutionView>;
}

export interface ExpressRegistry {
  add(record: ExpressRecord): void;
  get(arn: string): ExpressRecord | undefined;
}

/** AWS keeps no Express history; this is only a window on recent runs. */
export function createExpressRegistry(limit = 1000): ExpressRegistry {
  const records = new Map<string, ExpressRecord>();
  return {
    add(record) {
      if (records.size >= limit) {
        for (const [arn, r] of records) {
          if (r.view.status !== "RUNNING") {
            records.delete(arn);
            break;
          }
        }
        if (records.size >= limit) records.delete(records.keys().next().value!);
      }
      records.set(record.view.arn, record);
    },
    get: (arn) => records.get(arn),
  };
}
