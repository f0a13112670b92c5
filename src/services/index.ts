/** @module Control planes: the logic behind each AWS operation, typed in and out. */
export { ServiceError, isServiceError } from "./service-error.js";
export type { CallContext, Operation, OperationTable } from "./operations.js";
export { createStatesService, createTaskInvoker } from "./states/index.js";
export type { StatesServiceDeps, StatesEngine, StatesTaskInvoker, TaskInvokerOptions } from "./states/index.js";
