/** @module createLogsService: the CloudWatch Logs operation table (Logs_20140328.*) over the store. */
import type { OperationTable } from "../operations.js";
import { createLogsContext, type LogsServiceDeps } from "./context.js";
import { eventOperations } from "./events.js";
import { groupStreamOperations } from "./groups-streams.js";

export function createLogsService(deps: LogsServiceDeps): OperationTable {
  const ctx = createLogsContext(deps);
  return { ...groupStreamOperations(ctx), ...eventOperations(ctx) };
}
