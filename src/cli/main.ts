/** @module The `stepwise` command line: dispatches to run, validate, serve and help. */
import { helpCommand, USAGE } from "./commands/help.js";
import { runCommand } from "./commands/run.js";
import { serveCommand } from "./commands/serve.js";
import { validateCommand } from "./commands/validate.js";
import { functionsCommand } from "./commands/functions.js";
import { CliError, ExitCode, processIO, type CliIO } from "./io.js";

export { ExitCode, type CliIO } from "./io.js";

/** Runs `stepwise <argv...>` and returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        return helpCommand(io);
      case "run":
        return await runCommand(rest, io);
      case "validate":
        return await validateCommand(rest, io);
      case "serve":
        return await serveCommand(rest, io);
      case "functions":
        return await functionsCommand(rest, io);
      default:
        throw new CliError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof CliError || (e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`stepwise${command ? ` ${command}` : ""}: ${(e as Error).message}`);
      io.err(`Run "stepwise help" for usage.`);
      return e instanceof CliError ? e.exitCode : ExitCode.USAGE;
    }
    io.err(`stepwise: internal error: ${(e as Error).stack ?? String(e)}`);
    return ExitCode.FAILED;
  }
}

export { USAGE };
