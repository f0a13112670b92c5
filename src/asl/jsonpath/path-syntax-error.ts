/** @module The compile-time error for a malformed JSONPath, naming the path and what is wrong with it. */

/** Thrown by compilePath / compileReferencePath when a path cannot be parsed or is not allowed. */
export class PathSyntaxError extends Error {
  /** The path as written in the definition. */
  readonly path: string;
  /** What is wrong, without the path (e.g. "path must not end with '.'"). */
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = "PathSyntaxError";
    this.path = path;
    this.reason = reason;
  }
}
