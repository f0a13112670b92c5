/** @module Function sandboxes: out-of-process runtimes speaking the Lambda Runtime API to us. */
export type { FunctionSpec, InvokeOptions, InvokeResult, LogSink, FunctionRuntime, FunctionRuntimeOptions, Isolation } from "./types.js";
export { TooManyRequests } from "./types.js";
export { createFunctionRuntime } from "./function-runtime.js";
export { bubblewrapAvailable, runtimeFamily } from "./launch.js";
