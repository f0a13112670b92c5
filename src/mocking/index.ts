/** @module Step Functions Local's mocked service integrations: MockConfigFile.json parsing, loading, watching, and a per-execution invokeTask. */
export type { MockConfig, MockConfigIssue, MockedOutcome, MockedResponse, MockedStep, MockStateMachine, MockTestCase } from "./types.js";
export { MockConfigError, MockConfigErrorCode, isMockConfigError } from "./mock-config-error.js";
export { parseMockConfig, parseInvocationKey } from "./parse-mock-config.js";
export { loadMockConfig, parseMockConfigText, findMockConfigPath } from "./load-mock-config.js";
export { watchMockConfig } from "./watch-mock-config.js";
export type { MockConfigWatcher, WatchMockConfigOptions } from "./watch-mock-config.js";
export { createMockInvoker, MockedTaskFailure } from "./mock-invoker.js";
export type { MockInvoker } from "./mock-invoker.js";
export { splitTestCaseArn } from "./test-case-arn.js";
