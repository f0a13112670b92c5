/** @module Turns one test case of a mock config into a per-execution `invokeTask`: mocked states answer from the file, others fall through. */
import type { JsonValue } from "../shared/json.js";
import type { RunOptions, TaskRequest } from "../runner/index.js";
import { StatesError } from "../asl/index.js";
import { MockConfigError, MockConfigErrorCode, issueAt } from "./mock-config-error.js";
import type { MockConfig, MockedResponse, MockedStep } from "./types.js";

export type MockInvoker = NonNullable<RunOptions["invokeTask"]>;

/**
 * A mocked `Throw` (or a missing response). `name` is the ASL error, `message` the cause, as the
 * runner expects of a failing task; `error`/`cause` carry the same for code that reads those.
 */
export class MockedTaskFailure extends Error {
  readonly error: string;
  override readonly cause: string;
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
    this.error = error;
    this.cause = cause;
  }
}

/**
 * Creates the `invokeTask` for one execution of `stateMachineName` run as test case `testCaseName`
 * (the `#TestCase` suffix of StartExecution's ARN). Create one per execution: the invocation
 * counters live in it.
 *
 * AWS (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-test-sm-exec.html): every
 * invocation of a mocked state, each retry attempt included, takes the next numbered response, and
 * "If you do not specify a mocked response for a specific retry attempt ... the state machine
 * execution will fail": that is a States.Runtime failure here, which no Retry or Catch handles.
 * Counters are per state name and shared by all Map iterations and loop passes of the execution.
 *
 * Throws a MockConfigError (code UnknownStateMachine / UnknownTestCase) when the config has no such
 * state machine or test case.
 */
export function createMockInvoker(config: MockConfig, stateMachineName: string, testCaseName: string): MockInvoker {
  const machine = config.stateMachines.get(stateMachineName);
  if (machine === undefined) {
    throw new MockConfigError(
      [issueAt(["StateMachines"], `State machine '${stateMachineName}' is not in the mock config${defined(config.stateMachines.keys())}`)],
      { code: MockConfigErrorCode.UnknownStateMachine },
    );
  }
  const testCase = machine.testCases.get(testCaseName);
  if (testCase === undefined) {
    throw new MockConfigError(
      [issueAt(["StateMachines", stateMachineName, "TestCases"], `State machine '${stateMachineName}' has no test case '${testCaseName}'${defined(machine.testCases.keys())}`)],
      { code: MockConfigErrorCode.UnknownTestCase },
    );
  }

  const mocks = new Map<string, { readonly response: MockedResponse; invocations: number }>();
  for (const [stateName, responseName] of testCase) {
    // parseMockConfig guarantees the reference; a hand-built config might not.
    const response = config.mockedResponses.get(responseName);
    if (response === undefined) {
      throw new MockConfigError([issueAt(["StateMachines", stateMachineName, "TestCases", testCaseName, stateName], `Mocked response '${responseName}' is not defined in MockedResponses`)]);
    }
    mocks.set(stateName, { response, invocations: 0 });
  }

  return (request: TaskRequest): JsonValue | undefined => {
    const mock = mocks.get(request.stateName);
    if (mock === undefined) return undefined;
    const invocation = mock.invocations++;
    const step = findStep(mock.response.steps, invocation);
    if (step === undefined) {
      throw new MockedTaskFailure(
        StatesError.Runtime,
        `No mocked response for invocation ${invocation} of state '${request.stateName}': mocked response '${mock.response.name}' (test case '${testCaseName}') defines ${definedInvocations(mock.response)}`,
      );
    }
    const outcome = step.outcome;
    if (outcome.type === "Throw") throw new MockedTaskFailure(outcome.error, outcome.cause);
    return copyJson(outcome.value);
  };
}

/** Binary search over steps sorted by `from`, non-overlapping. */
export function findStep(steps: readonly MockedStep[], invocation: number): MockedStep | undefined {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const step = steps[mid]!;
    if (invocation < step.from) hi = mid - 1;
    else if (invocation > step.to) lo = mid + 1;
    else return step;
  }
  return undefined;
}

/** The config is shared by every execution, so each gets its own copy of a mocked result. */
const copyJson = (value: JsonValue): JsonValue =>
  value !== null && typeof value === "object" ? structuredClone(value) : value;

function definedInvocations(response: MockedResponse): string {
  if (response.steps.length === 0) return "no invocations";
  return "invocations " + response.steps.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`)).join(", ");
}

function defined(names: Iterable<string>): string {
  const list = [...names];
  return list.length === 0 ? " (it defines none)" : ` (defined: ${list.map((n) => `'${n}'`).join(", ")})`;
}
