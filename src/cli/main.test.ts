import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "stepwise-cli-"));
const write = (name: string, content: unknown): string => {
  writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return name;
};

/** Runs `stepwise ...args` in-process with `dir` as the working directory. */
async function stepwise(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const passResult = write("pass.json", { StartAt: "P", States: { P: { Type: "Pass", Result: { hello: "world" }, End: true } } });
const echo = write("echo.json", { StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const fail = write("fail.json", { StartAt: "F", States: { F: { Type: "Fail", Error: "Custom.Oops", Cause: "it broke" } } });
const invalid = write("invalid.json", { StartAt: "Missing", States: { P: { Type: "Pass", Next: "Nowhere" } } });
const notJson = write("not-json.json", "{ StartAt: ");
const task = write("task.json", {
  StartAt: "Double",
  States: {
    Double: { Type: "Task", Resource: "arn:aws:states:::my:double", Next: "Boom" },
    Boom: { Type: "Task", Resource: "arn:aws:states:::my:boom", End: true },
  },
});
const taskOnly = write("double.json", { StartAt: "Double", States: { Double: { Type: "Task", Resource: "arn:aws:states:::my:double", End: true } } });
const tasks = write(
  "tasks.mjs",
  `export default {
  "arn:aws:states:::my:double": async (input) => ({ n: input.n * 2 }),
  "arn:aws:states:::my:boom": async () => { const e = new Error("handler says no"); e.name = "Handler.Failed"; throw e; },
};
`,
);
const handlersExport = write("handlers.mjs", `export const handlers = { "arn:aws:states:::my:double": (input) => ({ n: input.n + 1 }) };\n`);
const wait = write("wait.json", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 86400, End: true } } });

describe("stepwise run", () => {
  it("prints the output and exits 0 on success", async () => {
    const r = await stepwise("run", passResult);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ hello: "world" });
  });

  it("takes the input inline or from a file (default {})", async () => {
    expect(JSON.parse((await stepwise("run", echo, "--input", '{"a":[1,2]}')).stdout)).toEqual({ a: [1, 2] });
    write("input.json", '"text"');
    expect(JSON.parse((await stepwise("run", echo, "--input-file", "input.json")).stdout)).toBe("text");
    expect(JSON.parse((await stepwise("run", echo)).stdout)).toEqual({});
  });

  it("prints {error, cause} and exits 1 on a failed execution", async () => {
    const r = await stepwise("run", fail);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: "Custom.Oops", cause: "it broke" });
  });

  it("runs Task handlers from --tasks; a handler fails by throwing an error named like the ASL error", async () => {
    const ok = await stepwise("run", taskOnly, "--tasks", tasks, "--input", '{"n": 21}');
    expect([ok.code, JSON.parse(ok.stdout)]).toEqual([0, { n: 42 }]);
    const failed = await stepwise("run", task, "--tasks", tasks, "--input", '{"n": 1}');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({ error: "Handler.Failed", cause: "handler says no" });
    const named = await stepwise("run", taskOnly, "--tasks", handlersExport, "--input", '{"n": 1}');
    expect(JSON.parse(named.stdout)).toEqual({ n: 2 });
  });

  it("prints the history with --history", async () => {
    const r = await stepwise("run", passResult, "--history");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { hello: "world" } });
    expect(result.history.map((e: { type: string }) => e.type)).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });

  it("waits on a virtual clock by default", async () => {
    const started = Date.now();
    expect((await stepwise("run", wait)).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("takes real time with --real-clock", async () => {
    const short = write("short-wait.json", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, End: true } } });
    const started = Date.now();
    expect((await stepwise("run", short, "--real-clock")).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("answers Tasks from a mock config test case, the state machine named after the file", async () => {
    const mocks = write("mocks.json", {
      StateMachines: {
        double: { TestCases: { Mocked: { Double: "DoubleResponse" } } },
        Renamed: { TestCases: { Mocked: { Double: "OtherResponse" } } },
      },
      MockedResponses: {
        DoubleResponse: { "0": { Return: { n: "mocked" } } },
        OtherResponse: { "0": { Throw: { Error: "Mock.Error", Cause: "from the mock" } } },
      },
    });
    const r = await stepwise("run", taskOnly, "--mock-config", mocks, "--test-case", "Mocked");
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, { n: "mocked" }]);
    const renamed = await stepwise("run", taskOnly, "--mock-config", mocks, "--test-case", "Mocked", "--state-machine", "Renamed");
    expect([renamed.code, JSON.parse(renamed.stdout)]).toEqual([1, { error: "Mock.Error", cause: "from the mock" }]);
    const unknown = await stepwise("run", taskOnly, "--mock-config", mocks, "--test-case", "Nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Nope");
  });

  it("exits 2 with diagnostics for an invalid definition", async () => {
    const r = await stepwise("run", invalid);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/not a valid state machine definition/);
    expect(r.stderr).toMatch(/^ {2}\S+ at \S+: .+/m);
  });

  it.each([
    [["run"], /exactly one definition file/],
    [["run", "missing.json"], /cannot read the definition missing.json/],
    [["run", notJson], /not a valid state machine definition/],
    [["run", "pass.json", "--input", "{nope"], /--input is not valid JSON/],
    [["run", "pass.json", "--input", "{}", "--input-file", "x.json"], /either --input or --input-file/],
    [["run", "pass.json", "--input-file", "missing.json"], /cannot read the input file/],
    [["run", "pass.json", "--tasks", "missing.mjs"], /cannot load the task module/],
    [["run", "pass.json", "--tasks", "input.json"], /cannot load the task module|must default-export/],
    [["run", "pass.json", "--test-case", "T"], /--mock-config and --test-case go together/],
    [["run", "pass.json", "--mock-config", "missing.json", "--test-case", "T"], /mock config missing.json/],
    [["run", "pass.json", "--bogus"], /bogus/],
  ])("exits 2 for %j", async (args, message) => {
    write("input.json", '"text"');
    const r = await stepwise(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("stepwise validate", () => {
  it("exits 0 for a valid definition", async () => {
    const r = await stepwise("validate", passResult);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid");
  });

  it("prints CODE at LOCATION: message lines and exits 1 for an invalid one", async () => {
    for (const file of [invalid, notJson]) {
      const r = await stepwise("validate", file);
      expect(r.code).toBe(1);
      const lines = r.stdout.split("\n");
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/^[A-Z_]+ at \/\S*: .+/);
    }
  });

  it("exits 2 when the file cannot be read or the arguments are wrong", async () => {
    expect((await stepwise("validate", "missing.json")).code).toBe(2);
    expect((await stepwise("validate")).code).toBe(2);
    expect((await stepwise("validate", passResult, "--x")).code).toBe(2);
  });
});

describe("stepwise help and serve", () => {
  it.each([[[]], [["help"]], [["--help"]], [["-h"]]])("%j prints the usage", async (args) => {
    const r = await stepwise(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Stepwise/);
    expect(r.stdout).toContain("stepwise run <definition.json>");
    expect(r.stdout).toContain("stepwise validate <definition.json>");
  });

  it("serve --help shows the serve options and exits 0", async () => {
    const r = await stepwise("serve", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: stepwise serve/);
    for (const flag of ["--host", "--port", "--data", "--store", "--mock-config", "--tasks"]) expect(r.stdout).toContain(flag);
  });

  it.each([[["--port", "abc"], /--port must be a port number/], [["--nope"], /Unknown option '--nope'/], [["--store", "mysql://x"], /unknown store/]])(
    "serve %j exits 2 with the reason", async (args, message) => {
      const r = await stepwise("serve", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Run "stepwise help" for usage.');
    });

  it("exits 2 for an unknown command", async () => {
    const r = await stepwise("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
