/** @module How Step Functions sees Lambda: one Invoke call, and the errors it can answer. */

export interface LambdaInvocation {
  /** Name, ARN or partial ARN, possibly with a `:qualifier` suffix. */
  readonly functionName: string;
  readonly qualifier: string | undefined;
  /** The request payload as JSON text. */
  readonly payload: string;
  readonly invocationType: "RequestResponse" | "Event" | "DryRun";
  readonly clientContext: string | undefined;
  readonly logType: "None" | "Tail" | undefined;
}

export interface LambdaResponse {
  readonly statusCode: number;
  /** The response payload exactly as the function produced it (JSON text, possibly empty). */
  readonly payload: string;
  /** "Unhandled" when the function failed. */
  readonly functionError: string | undefined;
  readonly executedVersion: string;
  readonly requestId: string;
  readonly logResult: string | undefined;
}

/** An error of the Lambda service itself (no such function, throttled...), as the API answers it. */
export class LambdaServiceError extends Error {
  constructor(readonly code: string, message: string, readonly statusCode: number, readonly requestId: string) {
    super(message);
    this.name = code;
  }
}

export type InvokeFunction = (invocation: LambdaInvocation) => Promise<LambdaResponse>;
