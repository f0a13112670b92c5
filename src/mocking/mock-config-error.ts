/** @module The error for unusable mock configs (bad files, unknown state machines or test cases) and JSON Pointer helpers. */
import type { MockConfigIssue } from "./types.js";

export const MockConfigErrorCode = {
  /** The file cannot be read, is not JSON, or does not follow the mock config format. */
  InvalidMockConfig: "InvalidMockConfig",
  /** `createMockInvoker` was asked for a state machine the config does not list. */
  UnknownStateMachine: "UnknownStateMachine",
  /** `createMockInvoker` was asked for a test case the state machine does not list. */
  UnknownTestCase: "UnknownTestCase",
} as const;
export type MockConfigErrorCode = (typeof MockConfigErrorCode)[keyof typeof MockConfigErrorCode];

export class MockConfigError extends Error {
  override readonly name = "MockConfigError";
  readonly code: MockConfigErrorCode;
  /** Every problem found (parsing reports all of them at once), first one first. */
  readonly issues: readonly MockConfigIssue[];
  /** The first issue's JSON Pointer location ("" is the whole document). */
  readonly location: string;
  /** The file the config came from, when it came from a file. */
  readonly file: string | undefined;

  constructor(
    issues: readonly MockConfigIssue[],
    options: { readonly code?: MockConfigErrorCode; readonly file?: string } = {},
  ) {
    const code = options.code ?? MockConfigErrorCode.InvalidMockConfig;
    super(formatIssues(issues, code, options.file));
    this.code = code;
    this.issues = issues;
    this.location = issues[0]?.location ?? "";
    this.file = options.file;
  }
}

export const isMockConfigError = (e: unknown): e is MockConfigError => e instanceof MockConfigError;

/** RFC 6901 JSON Pointer for a path of object keys: ["a/b", "c"] → "/a~1b/c". */
export const toPointer = (path: readonly string[]): string =>
  path.map((key) => "/" + key.replace(/~/g, "~0").replace(/\//g, "~1")).join("");

export const issueAt = (path: readonly string[], message: string): MockConfigIssue => ({
  location: toPointer(path),
  message,
});

function formatIssues(issues: readonly MockConfigIssue[], code: MockConfigErrorCode, file: string | undefined): string {
  const what = code === MockConfigErrorCode.InvalidMockConfig ? "Invalid mock config" : "Mock config";
  const where = file === undefined ? what : `${what} ${file}`;
  const line = (i: MockConfigIssue) => `${i.location === "" ? "(root)" : i.location}: ${i.message}`;
  if (issues.length === 1) return `${where}: ${line(issues[0]!)}`;
  return `${where} (${issues.length} problems):\n${issues.map((i) => `  - ${line(i)}`).join("\n")}`;
}
