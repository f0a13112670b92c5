/**
 * @module The payloads and log lines Lambda itself produces when a sandbox fails: timeouts, runtime
 * exits, out-of-memory kills, a missing bootstrap, and the REPORT line.
 *
 * Timeouts use the current format, `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id>
 * Error: Task timed out after 3.00 seconds"}` (AWS docs, troubleshooting-invocation.html#troubleshooting-timeouts;
 * before 2023 it was `{"errorMessage":"<date> <id> Task timed out after 3.00 seconds"}` with no errorType).
 */

/** Go's wording for signals (Lambda's runtime manager is written in Go: "signal: killed"). */
const SIGNAL_TEXT: Record<string, string> = {
  SIGKILL: "killed",
  SIGABRT: "aborted",
  SIGSEGV: "segmentation fault",
  SIGTERM: "terminated",
  SIGINT: "interrupt",
  SIGBUS: "bus error",
  SIGFPE: "floating point exception",
  SIGILL: "illegal instruction",
  SIGHUP: "hangup",
  SIGPIPE: "broken pipe",
  SIGQUIT: "quit",
  SIGTRAP: "trace/breakpoint trap",
  SIGUSR1: "user defined signal 1",
  SIGUSR2: "user defined signal 2",
  SIGALRM: "alarm clock",
};

export interface PlatformError {
  readonly errorType: string;
  readonly errorMessage: string;
}

export const payloadOf = (error: PlatformError) => JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage });

export function timeoutError(requestId: string, elapsedMs: number): PlatformError {
  return { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds` };
}

/** The log line Lambda writes when an invocation times out. */
export function timeoutLogLine(now: number, requestId: string, elapsedMs: number): string {
  return `${new Date(now).toISOString()} ${requestId} Task timed out after ${(elapsedMs / 1000).toFixed(2)} seconds`;
}

export function exitReason(code: number | null, signal: string | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_TEXT[signal] ?? signal}`;
  if (code === 0 || code === null) return "Runtime exited without providing a reason";
  return `Runtime exited with error: exit status ${code}`;
}

export function exitError(requestId: string, code: number | null, signal: string | null, outOfMemory: boolean): PlatformError {
  return {
    errorType: outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError",
    errorMessage: `RequestId: ${requestId} Error: ${outOfMemory ? "Runtime exited with error: signal: killed" : exitReason(code, signal)}`,
  };
}

export function invalidEntrypoint(requestId: string, taskRoot: string, reason: "missing" | "not-executable"): PlatformError {
  const message =
    reason === "missing"
      ? `Couldn't find valid bootstrap(s): [${taskRoot}/bootstrap /opt/bootstrap]`
      : `fork/exec ${taskRoot}/bootstrap: permission denied`;
  return { errorType: "Runtime.InvalidEntrypoint", errorMessage: `RequestId: ${requestId} Error: ${message}` };
}

/** An error body a runtime posted: passed through when it is a JSON object, else wrapped in AWS's shape. */
export function normalizeErrorBody(body: string, headerType: string | undefined): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      if (headerType && !("errorType" in parsed)) return JSON.stringify({ ...parsed, errorType: headerType });
      return body;
    }
  } catch {
    // not JSON: wrapped below
  }
  return JSON.stringify({ errorType: headerType ?? "Runtime.Unknown", errorMessage: body });
}

/** The errorType of an error payload (Runtime.Unknown when it has none). */
export function errorTypeOf(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown };
    return typeof parsed.errorType === "string" ? parsed.errorType : "Runtime.Unknown";
  } catch {
    return "Runtime.Unknown";
  }
}

export interface ReportFigures {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySize: number;
  readonly maxMemoryUsedMB: number;
  readonly initDurationMs: number | undefined;
  /** Set when the invocation did not end normally. */
  readonly status?: { readonly kind: "timeout" } | { readonly kind: "error"; readonly errorType: string };
}

export function reportLine(r: ReportFigures): string {
  let line =
    `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedDurationMs} ms` +
    `\tMemory Size: ${r.memorySize} MB\tMax Memory Used: ${r.maxMemoryUsedMB} MB\t`;
  if (r.initDurationMs !== undefined) line += `Init Duration: ${r.initDurationMs.toFixed(2)} ms\t`;
  if (r.status?.kind === "timeout") line += "Status: timeout";
  else if (r.status?.kind === "error") line += `Status: error\tError Type: ${r.status.errorType}`;
  return line;
}

/** Lambda bills each millisecond (since December 2020), rounding up, at least 1 ms. */
export const billedDuration = (durationMs: number) => Math.max(1, Math.ceil(durationMs));
