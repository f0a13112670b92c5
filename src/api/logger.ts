/** @module What the API layer logs through: an injected logger (the server's goes to stderr, tests collect). */

export interface Logger {
  info(message: string): void;
  /** An unexpected failure: the request got a 500 and the error is worth a look. */
  error(message: string, error?: unknown): void;
}

/** Logs nothing (the default when no logger is given). */
export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

/** Writes one line per message to standard error, with the stack of errors. */
export const stderrLogger: Logger = {
  info: (message) => void process.stderr.write(`${message}\n`),
  error: (message, error) =>
    void process.stderr.write(`${message}${error === undefined ? "" : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`),
};
