/** @module `stepwise serve`: the HTTP server is a later milestone; until then, say so and show the usage. */
import { ExitCode, type CliIO } from "../io.js";
import { USAGE } from "./help.js";

export function serveCommand(io: CliIO): number {
  io.out("stepwise serve: the HTTP server (the AWS Step Functions API) is not available yet.");
  io.out("Meanwhile, run workflows in-process with `stepwise run`, or use the library (see README.md).\n");
  io.out(USAGE);
  return ExitCode.OK;
}
