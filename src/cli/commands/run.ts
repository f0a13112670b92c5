/** @module `stepwise run <definition.json>`: runs one execution in-process and prints its output. */
import { basename, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { compileStateMachine } from "../../runner/index.js";
import type { RunOptions, TaskRequest } from "../../runner/index.js";
import type { JsonValue } from "../../shared/json.js";
import { createMockInvoker, loadMockConfig } from "../../mocking/index.js";
import { loadTaskHandlers, parseJson, readText } from "../files.js";
import { CliError, ExitCode, type CliIO } from "../io.js";
import { formatDiagnostic } from "./validate.js";

const OPTIONS = {
  input: { type: "string" },
  "input-file": { type: "string" },
  tasks: { type: "string" },
  "mock-config": { type: "string" },
  "test-case": { type: "string" },
  "state-machine": { type: "string" },
  history: { type: "boolean", default: false },
  "real-clock": { type: "boolean", default: false },
} as const;

type Invoker = (request: TaskRequest) => Promise<JsonValue | undefined> | JsonValue | undefined;

async function readInput(io: CliIO, inline: string | undefined, file: string | undefined): Promise<JsonValue> {
  if (inline !== undefined && file !== undefined) throw new CliError("give either --input or --input-file, not both");
  if (inline !== undefined) return parseJson(inline, "--input");
  if (file !== undefined) return parseJson(await readText(io.cwd, file, "the input file"), `the input file ${file}`);
  return {};
}

function mockInvoker(io: CliIO, configPath: string | undefined, testCase: string | undefined, stateMachine: string): Invoker | undefined {
  if (configPath === undefined && testCase === undefined) return undefined;
  if (configPath === undefined || testCase === undefined) throw new CliError("--mock-config and --test-case go together");
  try {
    const config = loadMockConfig(resolve(io.cwd, configPath));
    for (const w of config.warnings) io.err(`warning: mock config ${configPath} at ${w.location || "/"}: ${w.message}`);
    return createMockInvoker(config, stateMachine, testCase);
  } catch (e) {
    throw new CliError(`mock config ${configPath}: ${(e as Error).message}`);
  }
}

export async function runCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  if (positionals.length !== 1) throw new CliError("run takes exactly one definition file");
  const path = positionals[0] as string;
  const stateMachineName = values["state-machine"] ?? basename(path, extname(path));

  const text = await readText(io.cwd, path, "the definition");
  const compiled = compileStateMachine(text);
  if (!compiled.ok) {
    io.err(`${path} is not a valid state machine definition:`);
    for (const d of compiled.diagnostics) io.err(`  ${formatDiagnostic(d)}`);
    return ExitCode.USAGE;
  }
  const input = await readInput(io, values.input, values["input-file"]);
  const handlers = values.tasks === undefined ? undefined : await loadTaskHandlers(io.cwd, values.tasks);
  const invokeTask = mockInvoker(io, values["mock-config"], values["test-case"], stateMachineName);

  const options: RunOptions = {
    ...(handlers && { handlers }),
    ...(invokeTask && { invokeTask }),
    clock: values["real-clock"] ? "real" : "virtual",
    history: values.history,
    context: { stateMachineName },
  };
  const result = await compiled.machine.run(input, options);
  const succeeded = result.status === "SUCCEEDED";
  if (values.history) {
    const { status, output, error, cause, history } = result;
    io.out(JSON.stringify(succeeded ? { status, output, history } : { status, error, cause, history }, null, 2));
  } else if (succeeded) {
    io.out(JSON.stringify(result.output ?? null, null, 2));
  } else {
    io.out(JSON.stringify({ error: result.error, cause: result.cause }, null, 2));
  }
  return succeeded ? ExitCode.OK : ExitCode.FAILED;
}
