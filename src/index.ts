/** @module Stepwise's library: compile an Amazon States Language definition once, run it many times. */
export { compileStateMachine } from "./runner/index.js";
export type { StateMachine, CompileResult } from "./runner/index.js";
export type { TaskHandler, TaskRequest, RunOptions, RunResult, RunContext } from "./runner/index.js";
export { ExecutionStatus } from "./runner/index.js";
export type { HistoryEvent } from "./history/index.js";
export { validateDefinition, StatesError, type Diagnostic } from "./asl/index.js";
export type { JsonValue, JsonObject } from "./shared/json.js";
export {
  loadMockConfig, parseMockConfig, createMockInvoker, MockConfigError, type MockConfig, type MockInvoker,
} from "./mocking/index.js";
