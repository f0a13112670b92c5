/** @module The Step Functions control plane: AWS's operations as typed handlers, and the engine's task invoker. */
export { createStatesService } from "./service.js";
export type { StatesServiceDeps, StatesEngine } from "./deps.js";
export { createTaskInvoker, type StatesTaskInvoker, type TaskInvokerOptions } from "./task-invoker.js";
