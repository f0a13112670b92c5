/** @module Stepwise's library: compile an Amazon States Language definition once, run it many times. */
export { compileStateMachine } from "./runner/index.js";
export type { StateMachine, CompileResult } from "./runner/index.js";
export type { TaskHandler, TaskRequest, RunOptions, RunResult, RunContext } from "./runner/types.js";
export { ExecutionStatus } from "./runner/types.js";
export type { HistoryEvent } from "./history/event-types.js";
export type { Diagnostic } from "./asl/validate/index.js";
export type { JsonValue, JsonObject } from "./shared/json.js";
export { StatesError } from "./asl/errors.js";
