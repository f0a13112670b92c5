/** @module CloudWatch Logs: the API subset (groups, streams, GetLogEvents, FilterLogEvents, PutLogEvents) and the runtime's log sink. */
export { createLogsService } from "./service.js";
export type { LogsServiceDeps } from "./context.js";
export { createLogSink, MAX_EVENT_BYTES, type BatchedLogSink, type LogSinkOptions } from "./log-sink.js";
export { compileFilterPattern, type LogFilter } from "./filter-pattern.js";
