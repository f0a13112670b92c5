/** @module Validates a parsed MockConfigFile.json and turns it into a MockConfig, reporting every problem with its location. */
import { isJsonObject, type JsonObject, type JsonValue } from "../shared/json.js";
import { MockConfigError, issueAt } from "./mock-config-error.js";
import type {
  MockConfig,
  MockConfigIssue,
  MockedOutcome,
  MockedResponse,
  MockedStep,
  MockStateMachine,
  MockTestCase,
} from "./types.js";

type Path = readonly string[];

/** Collects problems so a user sees all of them in one go. */
class Checker {
  readonly issues: MockConfigIssue[] = [];
  readonly warnings: MockConfigIssue[] = [];
  error(path: Path, message: string): void {
    this.issues.push(issueAt(path, message));
  }
  warn(path: Path, message: string): void {
    this.warnings.push(issueAt(path, message));
  }
  /** Reports keys outside `allowed`; returns whether there were none. */
  onlyKeys(obj: JsonObject, path: Path, allowed: readonly string[]): boolean {
    let ok = true;
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      this.error([...path, key], `Unknown field '${key}'; expected ${listOf(allowed)}`);
      ok = false;
    }
    return ok;
  }
  object(value: JsonValue | undefined, path: Path, what: string): JsonObject | undefined {
    if (value === undefined) {
      this.error(path, `Missing required field '${path[path.length - 1]}' (${what})`);
      return undefined;
    }
    if (isJsonObject(value)) return value;
    this.error(path, `Expected ${what} (a JSON object), got ${describe(value)}`);
    return undefined;
  }
}

/**
 * Validates a mock configuration (already parsed from JSON) against the format of
 * https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html and returns it
 * in lookup-ready form. Throws a MockConfigError listing every problem with its JSON Pointer.
 */
export function parseMockConfig(json: unknown): MockConfig {
  const c = new Checker();
  if (!isJsonObject(json)) {
    throw new MockConfigError([issueAt([], `The mock configuration must be a JSON object, got ${describe(json as JsonValue)}`)]);
  }
  const root = json as JsonObject;
  c.onlyKeys(root, [], ["StateMachines", "MockedResponses"]);

  const mockedResponses = new Map<string, MockedResponse>();
  const responsesObj = c.object(root["MockedResponses"], ["MockedResponses"], "mocked responses by name");
  if (responsesObj !== undefined) {
    for (const [name, value] of Object.entries(responsesObj)) {
      const response = parseMockedResponse(c, name, value, ["MockedResponses", name]);
      if (response !== undefined) mockedResponses.set(name, response);
    }
  }

  const stateMachines = new Map<string, MockStateMachine>();
  const machinesObj = c.object(root["StateMachines"], ["StateMachines"], "state machines by name");
  if (machinesObj !== undefined) {
    for (const [name, value] of Object.entries(machinesObj)) {
      // References are only checked when MockedResponses itself is an object (no cascade of issues).
      const machine = parseStateMachine(c, value, ["StateMachines", name], responsesObj);
      if (machine !== undefined) stateMachines.set(name, machine);
    }
  }

  if (c.issues.length > 0) throw new MockConfigError(c.issues);
  return { stateMachines, mockedResponses, warnings: c.warnings };
}

function parseStateMachine(
  c: Checker,
  value: JsonValue,
  path: Path,
  knownResponses: JsonObject | undefined,
): MockStateMachine | undefined {
  const obj = c.object(value, path, "a state machine entry with a 'TestCases' field");
  if (obj === undefined) return undefined;
  c.onlyKeys(obj, path, ["TestCases"]);
  const casesPath = [...path, "TestCases"];
  const casesObj = c.object(obj["TestCases"], casesPath, "test cases by name");
  if (casesObj === undefined) return undefined;
  const testCases = new Map<string, MockTestCase>();
  for (const [caseName, caseValue] of Object.entries(casesObj)) {
    const casePath = [...casesPath, caseName];
    const caseObj = c.object(caseValue, casePath, "a map from Task state names to mocked response names");
    if (caseObj === undefined) continue;
    const testCase = new Map<string, string>();
    for (const [stateName, responseName] of Object.entries(caseObj)) {
      const statePath = [...casePath, stateName];
      if (typeof responseName !== "string") {
        c.error(statePath, `Expected the name of a mocked response (a string), got ${describe(responseName)}`);
      } else if (knownResponses !== undefined && !Object.hasOwn(knownResponses, responseName)) {
        c.error(statePath, `Mocked response '${responseName}' is not defined in MockedResponses`);
      } else {
        testCase.set(stateName, responseName);
      }
    }
    testCases.set(caseName, testCase);
  }
  return { testCases };
}

function parseMockedResponse(c: Checker, name: string, value: JsonValue, path: Path): MockedResponse | undefined {
  const obj = c.object(value, path, `a mocked response: invocation keys such as "0" or "1-2" mapped to a Return or Throw`);
  if (obj === undefined) return undefined;
  const steps: MockedStep[] = [];
  for (const [key, stepValue] of Object.entries(obj)) {
    const stepPath = [...path, key];
    const range = parseInvocationKey(key);
    if (range === undefined) {
      c.error(stepPath, `Invalid invocation key '${key}': expected a zero-based invocation number such as "0" or an inclusive range such as "1-2"`);
      continue;
    }
    const outcome = parseOutcome(c, stepValue, stepPath);
    if (outcome !== undefined) steps.push({ key, from: range[0], to: range[1], outcome });
  }
  steps.sort((a, b) => a.from - b.from);
  checkCoverage(c, steps, path);
  return { name, steps };
}

/** "3" → [3, 3]; "1-2" → [1, 2]; anything else (negative, decimal, reversed, spaces) → undefined. */
export function parseInvocationKey(key: string): readonly [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(key);
  if (m === null) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return undefined;
  return [from, to];
}

/**
 * Overlaps are errors: an invocation would have two responses. Gaps are not: AWS documents that
 * "If you do not specify a mocked response for a specific retry attempt ... the state machine
 * execution will fail" (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-test-sm-exec.html),
 * i.e. at run time, so a file with a gap still runs executions that never reach it. We warn.
 */
function checkCoverage(c: Checker, steps: readonly MockedStep[], path: Path): void {
  if (steps.length === 0) {
    c.warn(path, "This mocked response has no invocation keys: a state that uses it fails the execution (States.Runtime)");
    return;
  }
  let next = 0;
  let previous: MockedStep | undefined;
  for (const step of steps) {
    if (previous !== undefined && step.from <= previous.to) {
      c.error([...path, step.key], `Invocation key '${step.key}' overlaps '${previous.key}': each invocation needs exactly one response`);
    } else if (step.from > next) {
      c.warn([...path, step.key], `No response for ${rangeText(next, step.from - 1)}: an execution reaching ${next === step.from - 1 ? "it" : "them"} fails (States.Runtime)`);
    }
    if (previous === undefined || step.to > previous.to) previous = step;
    next = Math.max(next, step.to + 1);
  }
}

function parseOutcome(c: Checker, value: JsonValue, path: Path): MockedOutcome | undefined {
  const obj = c.object(value, path, "a mocked invocation with a single 'Return' or 'Throw' field");
  if (obj === undefined) return undefined;
  if (!c.onlyKeys(obj, path, ["Return", "Throw"])) return undefined;
  const hasReturn = Object.hasOwn(obj, "Return");
  const hasThrow = Object.hasOwn(obj, "Throw");
  if (hasReturn && hasThrow) {
    c.error(path, "A mocked invocation must contain a single field, 'Return' or 'Throw', not both");
    return undefined;
  }
  if (hasReturn) return { type: "Return", value: obj["Return"]! };
  if (!hasThrow) {
    c.error(path, "A mocked invocation must contain a single field named 'Return' or 'Throw'");
    return undefined;
  }
  const throwPath = [...path, "Throw"];
  const t = c.object(obj["Throw"], throwPath, "an error output with string fields 'Error' and 'Cause'");
  if (t === undefined) return undefined;
  let ok = c.onlyKeys(t, throwPath, ["Error", "Cause"]);
  for (const field of ["Error", "Cause"] as const) {
    const v = t[field];
    if (typeof v === "string") continue;
    ok = false;
    c.error([...throwPath, field], v === undefined ? `Missing required field '${field}' (a string)` : `Expected a string, got ${describe(v)}`);
  }
  return ok ? { type: "Throw", error: t["Error"] as string, cause: t["Cause"] as string } : undefined;
}

const rangeText = (from: number, to: number): string =>
  from === to ? `invocation ${from}` : `invocations ${from}-${to}`;

const listOf = (keys: readonly string[]): string => keys.map((k) => `'${k}'`).join(" or ");

function describe(value: JsonValue | undefined): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return `a ${typeof value}`;
}
