/** @module The durable engine for Standard executions, and its pure transition core. */
export { createEngine, type Engine, type EngineOptions, type StartRequest, type TaskInvoker } from "./engine.js";
export type { ExecutionNames, TaskDispatch } from "./transition-context.js";
export type { EngineInput } from "./engine-input.js";
