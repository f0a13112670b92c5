/** @module `npm run conformance -- [CASES] [options]`: the conformance runner's entry point. */
import { parseConformanceArgs, USAGE } from "./args.js";
import { createApiExecutor, createWorkerExecutor, type CaseExecutor } from "./executors.js";
import { runConformance } from "./run-conformance.js";
import { defaultCapabilities } from "./run-case.js";

async function main(argv: readonly string[]): Promise<number> {
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const parsed = parseConformanceArgs(argv, cwd);
  if (!parsed.ok) {
    console.error(`conformance: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const { options } = parsed;
  let executor: CaseExecutor;
  try {
    if (options.viaApi) {
      const api = await createApiExecutor({ timeoutMs: options.timeoutMs, jobs: options.jobs, cwd, ...(options.store !== undefined ? { store: options.store } : {}) });
      console.log(`via the API: Stepwise at ${api.url} (store ${api.store}), driven by the AWS SDK`);
      executor = api;
    } else {
      executor = createWorkerExecutor(options.timeoutMs, options.jobs);
    }
  } catch (e) {
    console.error(`conformance: cannot start Stepwise: ${(e as Error).message}`);
    return 2;
  }
  try {
    const capabilities = { ...defaultCapabilities, viaApi: options.viaApi };
    const { exitCode } = await runConformance(options, { executor, capabilities, print: (line) => console.log(line) });
    return exitCode;
  } catch (e) {
    console.error(`conformance: ${(e as Error).message}`);
    return 2;
  } finally {
    await executor.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
