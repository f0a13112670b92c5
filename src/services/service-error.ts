/** @module The API error family: one class carrying AWS's wire facts (error code, HTTP status). */

export class ServiceError extends Error {
  constructor(
    /** AWS's error code, e.g. "ExecutionDoesNotExist", "ValidationException". */
    readonly code: string,
    message: string,
    /** HTTP status (AWS's Step Functions errors are all 400). */
    readonly status: number = 400,
    /** Extra members some errors carry (e.g. `reason`, `resourceName`). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const isServiceError = (e: unknown): e is ServiceError => e instanceof ServiceError;
