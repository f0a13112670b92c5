/** @module Where the CLI writes and which directory it resolves paths against (swappable in tests). */

export interface CliIO {
  /** Writes one line (a newline is added) to standard output. */
  readonly out: (text: string) => void;
  /** Writes one line (a newline is added) to standard error. */
  readonly err: (text: string) => void;
  /** Relative file arguments are resolved against this directory. */
  readonly cwd: string;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text + "\n"),
  err: (text) => void process.stderr.write(text + "\n"),
  cwd: process.cwd(),
};

/** The CLI's exit codes. */
export const ExitCode = {
  /** The command did what was asked (the execution succeeded, the definition is valid). */
  OK: 0,
  /** The execution failed (or timed out), or the definition is invalid (validate). */
  FAILED: 1,
  /** Bad usage or unusable input: unknown option, unreadable file, invalid JSON, invalid definition (run). */
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends a command with a message on stderr and an exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.USAGE,
  ) {
    super(message);
  }
}
