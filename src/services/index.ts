/** @module Control planes: the logic behind each AWS operation, typed in and out. */
export { ServiceError, isServiceError } from "./service-error.js";
export type { CallContext, Operation, OperationTable } from "./operations.js";
export { createStatesService, createTaskInvoker } from "./states/index.js";
export type { StatesServiceDeps, StatesEngine, StatesTaskInvoker, TaskInvokerOptions } from "./states/index.js";
export { createFunctionsService, FUNCTION_TEMPLATES, RUNTIMES, zipEntries, zipFiles } from "./functions/index.js";
export type { FunctionsService, FunctionsServiceDeps, FunctionTemplate, ZipEntry } from "./functions/index.js";
export { createLogsService, createLogSink } from "./logs/index.js";
export type { LogsServiceDeps, BatchedLogSink, LogSinkOptions } from "./logs/index.js";
export { createInvokeFunction, createLambdaTaskInvoker } from "./lambda-tasks.js";
