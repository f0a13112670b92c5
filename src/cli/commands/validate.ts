/** @module `stepwise validate <definition.json>`: prints the definition's diagnostics. */
import { parseArgs } from "node:util";
import { compileStateMachine } from "../../runner/index.js";
import type { Diagnostic } from "../../asl/index.js";
import { readText } from "../files.js";
import { CliError, ExitCode, type CliIO } from "../io.js";

/** `CODE at LOCATION: message`. */
export const formatDiagnostic = (d: Diagnostic): string => `${d.code} at ${d.location || "/"}: ${d.message}`;

export async function validateCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) throw new CliError("validate takes exactly one definition file");
  const path = positionals[0] as string;
  const text = await readText(io.cwd, path, "the definition");
  const compiled = compileStateMachine(text);
  if (!compiled.ok) {
    for (const d of compiled.diagnostics) io.out(formatDiagnostic(d));
    return ExitCode.FAILED;
  }
  for (const d of compiled.warnings) io.out(formatDiagnostic(d));
  io.out(`${path}: valid${compiled.warnings.length > 0 ? ` (${compiled.warnings.length} warning(s))` : ""}`);
  return ExitCode.OK;
}
