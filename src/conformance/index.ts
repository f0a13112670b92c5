/** @module The conformance runner: runs the recorded AWS executions and compares the results. */
export { parseConformanceArgs, USAGE, type ConformanceOptions, type ParsedArgs } from "./args.js";
export { runConformance, type ConformanceDeps, type ConformanceRun } from "./run-conformance.js";
export { createInProcessExecutor, createWorkerExecutor, type CaseExecutor } from "./executors.js";
export { createApiExecutor, toActualFromApi, type ApiExecutor, type ApiExecutorOptions } from "./api-executor.js";
export { placeholderReplacements, toPlaceholders, valueToPlaceholders, placeholderConflict, type RealNames } from "./placeholders.js";
export { loadCases, loadComparator, defaultCasesPath, packageRoot } from "./load-cases.js";
export { skipReason, executeCase, judgeCase, runOptionsFor, defaultCapabilities, type Capabilities } from "./run-case.js";
export { summarize, formatSummary, formatTotals, formatFailures, formatResultLine } from "./report.js";
export { readRatchet, findRegressions, nextRatchet, writeRatchet } from "./ratchet.js";
export type * from "./types.js";
