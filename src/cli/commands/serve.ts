/** @module `stepwise serve`: the AWS Step Functions, Lambda and CloudWatch Logs APIs over HTTP, until SIGTERM or SIGINT. */
import { ConfigError, loadConfig } from "../../config.js";
import { serveUntilSignal } from "../../main.js";
import { CliError, ExitCode, type CliIO } from "../io.js";

export const SERVE_USAGE = `usage: stepwise serve [options]

Serves the AWS Step Functions, Lambda and CloudWatch Logs APIs for the AWS SDKs and the AWS CLI
(e.g. aws --endpoint-url http://127.0.0.1:8083 stepfunctions list-state-machines,
aws --endpoint-url http://127.0.0.1:8083 lambda list-functions).

options (each also read from the environment variable shown):
  --host HOST             interface to listen on (STEPWISE_HOST, default 127.0.0.1)
  --port PORT             TCP port, 0 for any free one (STEPWISE_PORT, default 8083)
  --data DIR              data folder (STEPWISE_DATA_DIR, default ./.stepwise)
  --store SPEC            sqlite:FILE | postgres://... | :memory: (STEPWISE_STORE,
                          default sqlite:DATA/stepwise.db)
  --mock-config FILE      a Step Functions Local mock config; start executions of
                          "<stateMachineArn>#<TestCase>" to run a test case (STEPWISE_MOCK_CONFIG,
                          else SFN_MOCK_CONFIG, else ./MockConfigFile.json when present)
  --tasks MODULE.mjs      in-process Task handlers { [Resource]: async (input) => result }
                          (STEPWISE_TASKS)
  --account ID            the account in ARNs (STEPWISE_ACCOUNT_ID, default 123456789012)
  --region REGION         region when a request is not signed (STEPWISE_REGION, default us-east-1)`;

export async function serveCommand(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(SERVE_USAGE);
    return ExitCode.OK;
  }
  let config;
  try {
    config = loadConfig(argv, env, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  try {
    await serveUntilSignal(config, (server) => io.out(`Stepwise is listening on ${server.url}`));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") throw new CliError(`${config.host}:${config.port} is already in use (choose another with --port)`, ExitCode.FAILED);
    throw new CliError(`cannot start: ${err.message}`, ExitCode.FAILED);
  }
  io.out("Stepwise stopped.");
  return ExitCode.OK;
}
