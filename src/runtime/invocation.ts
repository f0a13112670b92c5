/** @module An invocation on its way through a sandbox, and how it ended. */
import type { FunctionSpec, InvokeResult } from "./types.js";
import type { ReportFigures } from "./platform-errors.js";

/** One call waiting for, or running in, a sandbox. */
export interface Invocation {
  readonly spec: FunctionSpec;
  readonly requestId: string;
  readonly payload: string;
  /** Decoded client context JSON (the Runtime API passes it as JSON, Invoke takes base64). */
  readonly clientContext: string | undefined;
  readonly invokedFunctionArn: string;
  readonly resolve: (result: InvokeResult) => void;
  readonly reject: (error: Error) => void;
  /** Set once it has been handed back after a warm sandbox died before running it. */
  retried?: boolean;
}

/** How an invocation ended: its payload, and for failures the REPORT status and extra log lines. */
export interface Outcome {
  readonly payload: string;
  readonly functionError: "Unhandled" | undefined;
  readonly status?: ReportFigures["status"];
  readonly lines?: string[];
}

/** Sandboxes are reused only for the same function version and revision. */
export const sandboxKey = (spec: FunctionSpec) => `${spec.functionArn}\u0000${spec.version}\u0000${spec.revisionId}`;
