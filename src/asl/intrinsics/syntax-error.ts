/** @module The compile-time error for a malformed intrinsic function call. */

/**
 * Thrown by `compileIntrinsic` when the text is not a well-formed call to a known intrinsic: bad
 * literal, open escape, unbalanced quotes or parentheses, unknown function, nesting deeper than 10.
 * The definition validator reports it; it never reaches an execution.
 */
export class IntrinsicSyntaxError extends Error {
  /** The whole intrinsic text that failed to compile. */
  readonly source: string;
  /** Offset in `source` where the problem was found. */
  readonly position: number;
  constructor(source: string, position: number, message: string) {
    super(`Invalid intrinsic function call '${source}': ${message} (at character ${position})`);
    this.name = "IntrinsicSyntaxError";
    this.source = source;
    this.position = position;
  }
}
