import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadMockConfig, parseMockConfigText, findMockConfigPath } from "./load-mock-config.js";
import { watchMockConfig } from "./watch-mock-config.js";
import { MockConfigError } from "./mock-config-error.js";
import { splitTestCaseArn } from "./test-case-arn.js";
import type { MockConfig } from "./types.js";

/** AWS's own example, https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html */
const awsExampleConfig: unknown = JSON.parse(readFileSync(new URL("./aws-example-mock-config.json", import.meta.url), "utf8"));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stepwise-mock-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const configWith = (body: string) =>
  JSON.stringify({
    StateMachines: { SM: { TestCases: { T: { S: "R" } } } },
    MockedResponses: { R: { "0": { Return: body } } },
  });

const returnOf = (c: MockConfig) => {
  const outcome = c.mockedResponses.get("R")!.steps[0]!.outcome;
  return outcome.type === "Return" ? outcome.value : undefined;
};

describe("loadMockConfig", () => {
  it("loads AWS's example file", () => {
    const config = loadMockConfig(new URL("./aws-example-mock-config.json", import.meta.url).pathname);
    expect([...config.mockedResponses.keys()]).toEqual(["MockedLambdaSuccess", "LambdaMockedResourceNotReady", "MockedSQSSuccess", "MockedLambdaRetry"]);
  });

  it("reads and parses a file, ignoring a BOM", () => {
    const file = join(dir, "MockConfigFile.json");
    writeFileSync(file, "\uFEFF" + JSON.stringify(awsExampleConfig, null, 2));
    expect(loadMockConfig(file).stateMachines.has("LambdaSQSIntegration")).toBe(true);
  });

  it("names the file and the location for invalid content", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ StateMachines: {}, MockedResponses: { R: { "0": {} } } }));
    expect(() => loadMockConfig(file)).toThrow(`Invalid mock config ${file}: /MockedResponses/R/0: A mocked invocation`);
  });

  it("reports JSON syntax errors with a line and column", () => {
    try {
      parseMockConfigText('{\n  "StateMachines": {},\n  "MockedResponses": {,}\n}', "f.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MockConfigError);
      expect((e as MockConfigError).message).toMatch(/^Invalid mock config f\.json: \(root\): Not valid JSON: .*\(line 3, column 23\)/);
    }
  });

  it("reports a missing file as a MockConfigError", () => {
    expect(() => loadMockConfig(join(dir, "none.json"))).toThrow(/Cannot read the file: ENOENT/);
  });
});

describe("findMockConfigPath", () => {
  it("prefers SFN_MOCK_CONFIG, resolved against the working directory", () => {
    expect(findMockConfigPath({ SFN_MOCK_CONFIG: "cfg/m.json" }, dir)).toBe(join(dir, "cfg/m.json"));
  });

  it("else uses ./MockConfigFile.json when it exists", () => {
    expect(findMockConfigPath({}, dir)).toBeUndefined();
    writeFileSync(join(dir, "MockConfigFile.json"), "{}");
    expect(findMockConfigPath({}, dir)).toBe(join(dir, "MockConfigFile.json"));
  });
});

describe("splitTestCaseArn", () => {
  it("splits off the #TestCase suffix", () => {
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";
    expect(splitTestCaseArn(`${arn}#HappyPath`)).toEqual({ stateMachineArn: arn, testCaseName: "HappyPath" });
    expect(splitTestCaseArn(arn)).toEqual({ stateMachineArn: arn, testCaseName: undefined });
  });
});

describe("watchMockConfig", () => {
  /** Resolves with the next onChange config or onError error. */
  function nextEvent(file: string) {
    let close = () => {};
    const event = new Promise<MockConfig | MockConfigError>((resolve) => {
      const w = watchMockConfig(file, resolve, { onError: resolve, debounceMs: 20 });
      close = () => w.close();
    });
    return { event, close: () => close() };
  }

  it("reloads when the file is rewritten", async () => {
    const file = join(dir, "m.json");
    writeFileSync(file, configWith("one"));
    const { event, close } = nextEvent(file);
    writeFileSync(file, configWith("two"));
    const config = await event;
    close();
    expect(config).not.toBeInstanceOf(MockConfigError);
    expect(returnOf(config as MockConfig)).toBe("two");
  });

  it("sees editors that save by replacing the file", async () => {
    const file = join(dir, "m.json");
    writeFileSync(file, configWith("one"));
    const { event, close } = nextEvent(file);
    writeFileSync(join(dir, "m.json.tmp"), configWith("three"));
    renameSync(join(dir, "m.json.tmp"), file);
    const config = await event;
    close();
    expect(returnOf(config as MockConfig)).toBe("three");
  });

  it("reports an invalid edit through onError", async () => {
    const file = join(dir, "m.json");
    writeFileSync(file, configWith("one"));
    const { event, close } = nextEvent(file);
    writeFileSync(file, "{ nope");
    const result = await event;
    close();
    expect(result).toBeInstanceOf(MockConfigError);
    expect((result as MockConfigError).file).toBe(file);
  });
});
