/** @module `stepwise help`: the usage text. */
import { ExitCode, type CliIO } from "../io.js";

export const USAGE = `Stepwise: run, test and debug AWS Step Functions (Amazon States Language) workflows and Lambda functions locally.

usage:
  stepwise run <definition.json> [options]   run one execution in-process and print its output
  stepwise validate <definition.json>        check a definition and print its diagnostics
  stepwise serve [options]                   serve the AWS Step Functions API over HTTP
                                             (stepwise serve --help for its options)
  stepwise functions templates|create|deploy  Lambda functions on a running server, from a
                                             template or a folder (stepwise functions --help)
  stepwise help                              this text

run options:
  --input JSON              the execution input (default {})
  --input-file FILE         read the execution input from FILE
  --tasks MODULE.mjs        Task handlers: the module default-exports (or exports "handlers")
                            { [Resource]: async (input) => result }; a handler fails the task by
                            throwing an error whose name is the ASL error name
  --mock-config FILE        a Step Functions Local mock config (MockConfigFile.json) ...
  --test-case NAME          ... and the test case in it to run (both are needed)
  --state-machine NAME      the state machine name (default: the definition file's base name)
  --history                 print {status, output | error, cause, history} with the history events
  --real-clock              Wait states, retries and timeouts take real time (default: virtual time)

exit codes:
  run       0 succeeded, 1 the execution failed or timed out (prints {"error","cause"}),
            2 bad arguments, unreadable or invalid input or definition (prints diagnostics)
  validate  0 valid, 1 invalid (prints "CODE at LOCATION: message" lines), 2 unreadable file`;

export function helpCommand(io: CliIO): number {
  io.out(USAGE);
  return ExitCode.OK;
}
