/** @module The parsed shape of a Step Functions Local mock configuration file (MockConfigFile.json). */
import type { JsonValue } from "../shared/json.js";

/** What one mocked invocation does: return a result, or fail with an error and cause. */
export type MockedOutcome =
  | { readonly type: "Return"; readonly value: JsonValue }
  | { readonly type: "Throw"; readonly error: string; readonly cause: string };

/** One invocation key of a mocked response: `"3"` is { from: 3, to: 3 }, `"1-2"` is { from: 1, to: 2 }. */
export interface MockedStep {
  /** The key as written in the file. */
  readonly key: string;
  readonly from: number;
  /** Inclusive. */
  readonly to: number;
  readonly outcome: MockedOutcome;
}

export interface MockedResponse {
  readonly name: string;
  /** Sorted by `from`, never overlapping. Gaps are allowed (AWS fails the execution when one is reached). */
  readonly steps: readonly MockedStep[];
}

/** Task state name → mocked response name. States not listed run for real. */
export type MockTestCase = ReadonlyMap<string, string>;

export interface MockStateMachine {
  readonly testCases: ReadonlyMap<string, MockTestCase>;
}

/** A problem in a mock config, with its JSON Pointer location (e.g. "/MockedResponses/Retry/1-2/Throw"). */
export interface MockConfigIssue {
  readonly location: string;
  readonly message: string;
}

export interface MockConfig {
  /** Keyed by state machine name. */
  readonly stateMachines: ReadonlyMap<string, MockStateMachine>;
  /** Keyed by mocked response name. */
  readonly mockedResponses: ReadonlyMap<string, MockedResponse>;
  /**
   * Legal but suspicious content that AWS only reports when an execution reaches it: responses that
   * do not start at "0", gaps between invocation keys, responses with no keys at all.
   */
  readonly warnings: readonly MockConfigIssue[];
}
