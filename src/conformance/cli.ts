/** @module `npm run conformance -- [CASES] [options]`: the conformance runner's entry point. */
import { parseConformanceArgs, USAGE } from "./args.js";
import { createWorkerExecutor } from "./executors.js";
import { runConformance } from "./run-conformance.js";

async function main(argv: readonly string[]): Promise<number> {
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const parsed = parseConformanceArgs(argv, process.env.INIT_CWD ?? process.cwd());
  if (!parsed.ok) {
    console.error(`conformance: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const executor = createWorkerExecutor(parsed.options.timeoutMs, parsed.options.jobs);
  try {
    const { exitCode } = await runConformance(parsed.options, { executor, print: (line) => console.log(line) });
    return exitCode;
  } catch (e) {
    console.error(`conformance: ${(e as Error).message}`);
    return 2;
  } finally {
    await executor.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
