/** @module The function runtime's contract: what to run, and what an invocation gives back. */
import type { Clock } from "../shared/clock.js";

/** Everything needed to run one version of a function. */
export interface FunctionSpec {
  readonly functionName: string;
  /** Unqualified ARN: arn:aws:lambda:REGION:ACCOUNT:function:NAME */
  readonly functionArn: string;
  /** "$LATEST" or a published version number. */
  readonly version: string;
  /** nodejs18.x | nodejs20.x | nodejs22.x | python3.9 ... python3.13 | provided.al2 | provided.al2023 */
  readonly runtime: string;
  readonly handler: string;
  /** Folder holding the unpacked code (read-only for the runtime; each sandbox gets its own copy or view). */
  readonly codeDir: string;
  /** Changes whenever the code or configuration changes: warm sandboxes of an older revision are not reused. */
  readonly revisionId: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
  /** Reserved concurrency, if any (else the account's 1,000). */
  readonly reservedConcurrency: number | undefined;
}

export interface InvokeOptions {
  readonly requestId: string;
  /** Base64 client context (Invoke's X-Amz-Client-Context). */
  readonly clientContext?: string;
  /** The ARN the caller invoked (qualified by an alias or version when it was); default: the function's ARN, qualified for a published version. */
  readonly invokedFunctionArn?: string;
}

export interface InvokeResult {
  readonly requestId: string;
  /** The response payload (JSON text as the function returned it, or the error JSON). */
  readonly payload: string;
  /** "Unhandled" when the function failed (AWS's X-Amz-Function-Error). */
  readonly functionError: "Unhandled" | undefined;
  /** The last 4 KB of this invocation's log output (for LogType: Tail). */
  readonly logTail: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  /** Present on a cold start. */
  readonly initDurationMs: number | undefined;
  readonly maxMemoryUsedMB: number;
  readonly executedVersion: string;
}

/** Where sandboxes' log lines go (CloudWatch Logs: group /aws/lambda/NAME, a stream per sandbox). */
export interface LogSink {
  append(logGroupName: string, logStreamName: string, events: readonly { timestamp: number; message: string }[]): void;
}

/** Thrown when no sandbox may start: reserved or account concurrency is used up. */
export class TooManyRequests extends Error {
  constructor(
    message = "Rate Exceeded.",
    /** AWS's `Reason`: ReservedFunctionConcurrentInvocationLimitExceeded or ConcurrentInvocationLimitExceeded. */
    readonly reason: string = "ConcurrentInvocationLimitExceeded",
  ) {
    super(message);
    this.name = "TooManyRequestsException";
  }
}

/** How sandboxes are isolated: bubblewrap (private /tmp, code at /var/task, own PID namespace) or plain child processes. */
export type Isolation = "auto" | "bwrap" | "none";

export interface FunctionRuntimeOptions {
  readonly logSink: LogSink;
  /** Stamps log events (default: the system clock). Deadlines and durations use real time: sandboxes run in it. */
  readonly clock?: Clock;
  /** Most sandboxes alive at once on this host (default 1,000); idle ones are stopped to make room. */
  readonly maxSandboxes?: number;
  /** Idle sandboxes are stopped after this long (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /** Where sandboxes' code copies and /tmp folders live (default: a new folder in the OS temp dir). */
  readonly tmpRoot?: string;
  /** Default "auto": bubblewrap when `bwrap` works here, else plain child processes. */
  readonly isolation?: Isolation;
  /** Concurrent invocations per account (default 1,000, AWS's default quota). */
  readonly accountConcurrency?: number;
  /** Extra variables for every sandbox, below the function's own (e.g. AWS_ENDPOINT_URL pointing at Stepwise). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Host paths sandboxes must not see (bubblewrap only), e.g. the server's data directory. */
  readonly hidePaths?: readonly string[];
  /** Keep one pre-started generic runtime per (runtime family, memory size) seen, for fast cold starts (default true). */
  readonly prestart?: boolean;
}

export interface FunctionRuntime {
  /** Throws TooManyRequests when the function's reserved concurrency or the account's is used up. */
  invoke(spec: FunctionSpec, payload: string, options: InvokeOptions): Promise<InvokeResult>;
  /** Stops the warm sandboxes of a function (all versions when `version` is omitted). */
  evict(functionArn: string, version?: string): Promise<void>;
  close(): Promise<void>;
}
