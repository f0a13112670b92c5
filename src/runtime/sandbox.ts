/**
 * @module One execution environment: a runtime process with its own code copy, /tmp, log stream and
 * Runtime API listener, serving one invocation at a time.
 *
 * Each sandbox listens on its own loopback port. AWS_LAMBDA_RUNTIME_API can only carry `host:port`, so
 * the port is the one identity a runtime presents that we control: a sandbox's /next can only ever
 * receive its own invocations, with no guessing which process a connection came from, and stopping a
 * sandbox closes its API so a stray runtime gets ECONNREFUSED.
 *
 * A sandbox may start generic (node or python, not yet any function's): it then waits for `specialize`,
 * which copies the code in and sends the function's environment on the runtime's stdin.
 */
import type { Server, ServerResponse } from "node:http";
import { constants as fsConstants } from "node:fs";
import { cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Clock } from "../shared/clock.js";
import type { FunctionSpec, LogSink } from "./types.js";
import { sandboxKey, type Invocation, type Outcome } from "./invocation.js";
import { genericEnvironment, lambdaEnvironment, sandboxPaths, type RuntimeFamily, type SandboxPaths } from "./launch.js";
import { startProcess, type RuntimeProcess } from "./runtime-process.js";
import { SandboxLog, logStreamName } from "./sandbox-log.js";
import { bytesToMB, TreeMemoryReader } from "./memory.js";
import { listenRuntimeApi, sendInvocation, sendStatus, type RuntimeApiTarget } from "./runtime-api.js";
import * as platform from "./platform-errors.js";

export interface SandboxDeps {
  readonly sink: LogSink;
  readonly clock: Clock;
  readonly tmpRoot: string;
  readonly bwrap: boolean;
  readonly hidePaths: readonly string[];
  readonly baseEnvironment: Readonly<Record<string, string>>;
  /** Ready for another invocation. */
  readonly onIdle: (sandbox: Sandbox) => void;
  /** Gone; `orphan` was assigned to it but never ran (it died while warm) and should run elsewhere. */
  readonly onGone: (sandbox: Sandbox, orphan: Invocation | undefined) => void;
}

type State = "generic" | "starting" | "idle" | "busy" | "dead";

interface Running {
  readonly invocation: Invocation;
  readonly startedAt: number;
  readonly timer: NodeJS.Timeout;
  readonly watchdog: NodeJS.Timeout;
}

/** At most this many event-loop turns to wait for output still arriving in the pipes. */
const OUTPUT_SETTLE_TURNS = 50;
const MEMORY_SAMPLE_MS = 100;
/** Lambda's init phase may take 10 s before it is retried within the invocation's own timeout. */
const INIT_LIMIT_MS = 10_000;

export class Sandbox implements RuntimeApiTarget {
  readonly id = randomBytes(8).toString("hex");
  readonly dir: string;
  readonly paths: SandboxPaths;
  spec: FunctionSpec | undefined;
  /** function ARN + version + revision it serves. */
  key: string | undefined;
  lastUsed = 0;
  /** Stop as soon as the invocation in progress ends (evicted). */
  retire = false;
  private state: State = "starting";
  private server: Server | undefined;
  private process: RuntimeProcess | undefined;
  private log: SandboxLog | undefined;
  private pendingNext: ServerResponse | undefined;
  private assigned: Invocation | undefined;
  private running: Running | undefined;
  private initStartedAt = 0;
  private initTimer: NodeJS.Timeout | undefined;
  private initDurationMs: number | undefined;
  private initReported = false;
  private initError: string | undefined;
  private served = 0;
  /** Output chunks read from the runtime so far (to know when its pipes have gone quiet). */
  private outputChunks = 0;
  private peakBytes = 0;
  private memory: TreeMemoryReader | undefined;
  private outOfMemory = false;
  /** Between a result arriving and its END/REPORT lines being written. */
  private finishing = false;

  constructor(
    private readonly deps: SandboxDeps,
    readonly family: RuntimeFamily,
    readonly memorySize: number,
  ) {
    this.dir = join(deps.tmpRoot, this.id);
    this.paths = sandboxPaths(this.dir, deps.bwrap);
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Ready to take an invocation now (no cold start). */
  get available(): boolean {
    return this.state === "idle" && !this.finishing && this.assigned === undefined && !this.retire;
  }

  get isGeneric(): boolean {
    return this.state === "generic";
  }

  /** Starts the process: for `spec`'s function, or generic (node/python only) when `spec` is undefined. */
  async launch(spec: FunctionSpec | undefined): Promise<void> {
    // Under bubblewrap a function's own sandbox sees its unpacked code in place, read-only: no copy.
    // (A generic one's mounts are made before its function is known: its code is copied in later.)
    const bindCode = this.deps.bwrap && spec !== undefined;
    // All settle before a failure is thrown, so that stop() finds (and closes) a listener that was made.
    const made = await Promise.allSettled([
      listenRuntimeApi(this).then((server) => (this.server = server)),
      bindCode ? undefined : mkdir(this.paths.hostTask, { recursive: true }),
      mkdir(this.paths.hostTmp, { recursive: true }),
    ]);
    for (const result of made) if (result.status === "rejected") throw result.reason;
    const runtimeApi = `127.0.0.1:${this.port}`;
    let env: Record<string, string>;
    if (spec) {
      env = await this.prepare(spec, runtimeApi, !bindCode);
    } else {
      this.state = "generic";
      env = genericEnvironment(this.paths, runtimeApi);
    }
    this.process = startProcess({
      family: this.family,
      memorySize: this.memorySize,
      paths: this.paths,
      env,
      bwrap: this.deps.bwrap ? { tmpRoot: this.deps.tmpRoot, hidePaths: this.deps.hidePaths, taskSource: bindCode ? spec.codeDir : this.paths.hostTask } : undefined,
      onOutput: (source, chunk) => {
        this.outputChunks++;
        this.log?.feed(source, chunk);
      },
      onEnd: (code, signal) => this.onExit(code, signal),
    });
    if (spec) this.process.endInput();
  }

  /** Turns a generic sandbox into `spec`'s: copies the code in and hands the runtime its environment. */
  async specialize(spec: FunctionSpec): Promise<void> {
    const env = await this.prepare(spec, `127.0.0.1:${this.port}`, true);
    this.state = "starting";
    this.process?.endInput(`${JSON.stringify({ env })}\n`);
  }

  /** Copies the code (when `copyCode`) and names the log stream; returns the runtime's environment. */
  private async prepare(spec: FunctionSpec, runtimeApi: string, copyCode: boolean): Promise<Record<string, string>> {
    this.spec = spec;
    this.key = sandboxKey(spec);
    const stream = logStreamName(this.deps.clock.now(), spec.version);
    this.log = new SandboxLog(this.deps.sink, this.deps.clock, `/aws/lambda/${spec.functionName}`, stream);
    if (copyCode) await cp(spec.codeDir, this.paths.hostTask, { recursive: true, mode: fsConstants.COPYFILE_FICLONE, verbatimSymlinks: true });
    this.initStartedAt = performance.now();
    return lambdaEnvironment(spec, this.paths, runtimeApi, stream, this.deps.baseEnvironment);
  }

  /** Gives the sandbox its next invocation: it runs as soon as the runtime asks for it. */
  assign(invocation: Invocation): void {
    this.assigned = invocation;
    this.lastUsed = Date.now();
    if (this.state === "starting" && this.initTimer === undefined) {
      const limit = INIT_LIMIT_MS + invocation.spec.timeoutSeconds * 1000;
      this.initTimer = setTimeout(() => this.onInitTimeout(), limit);
    }
    if (this.pendingNext && !this.finishing && this.state === "idle") this.dispatch(this.pendingNext);
  }

  // ------------------------------------------------------------------------------- Runtime API calls

  onNext(res: ServerResponse): void {
    if (this.state === "busy" || this.state === "dead" || this.state === "generic") {
      sendStatus(res, 403);
      return;
    }
    if (this.state === "starting") {
      this.initDurationMs = performance.now() - this.initStartedAt;
      this.clearInitTimer();
      this.state = "idle";
    }
    if (this.pendingNext && !this.pendingNext.writableEnded) this.pendingNext.destroy();
    this.pendingNext = res;
    res.once("close", () => {
      if (this.pendingNext === res) this.pendingNext = undefined;
    });
    if (this.finishing) return;
    if (this.assigned) this.dispatch(res);
    else if (this.retire) void this.stop();
    else this.deps.onIdle(this);
  }

  onResponse(requestId: string, body: string): number {
    if (!this.running || this.running.invocation.requestId !== requestId) return this.running ? 400 : 403;
    void this.complete({ payload: body, functionError: undefined });
    return 202;
  }

  onResponseTooLarge(requestId: string): number {
    if (!this.running || this.running.invocation.requestId !== requestId) return this.running ? 400 : 403;
    const error = { errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." };
    void this.complete({ payload: platform.payloadOf(error), functionError: "Unhandled", status: { kind: "error", errorType: error.errorType } });
    return 413;
  }

  onError(requestId: string, body: string, errorType: string | undefined): number {
    if (!this.running || this.running.invocation.requestId !== requestId) return this.running ? 400 : 403;
    const payload = platform.normalizeErrorBody(body, errorType);
    void this.complete({ payload, functionError: "Unhandled" });
    return 202;
  }

  onInitError(body: string, errorType: string | undefined): number {
    this.initError = platform.normalizeErrorBody(body, errorType);
    return 202;
  }

  // ---------------------------------------------------------------------------------- invocations

  private dispatch(res: ServerResponse): void {
    const invocation = this.assigned!;
    const spec = invocation.spec;
    this.assigned = undefined;
    this.pendingNext = undefined;
    this.state = "busy";
    const startedAt = performance.now();
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    this.log!.platform(`START RequestId: ${invocation.requestId} Version: ${spec.version}`);
    const timer = setTimeout(() => this.onTimeout(), spec.timeoutSeconds * 1000);
    const watchdog = setInterval(() => this.sampleMemory(), MEMORY_SAMPLE_MS);
    this.running = { invocation, startedAt, timer, watchdog };
    sendInvocation(res, invocation, deadline);
  }

  private sampleMemory(): void {
    const pid = this.process?.pid;
    if (pid === undefined || this.state === "dead") return;
    this.memory ??= new TreeMemoryReader(pid);
    const { rssBytes, peakBytes } = this.memory.read();
    this.peakBytes = Math.max(this.peakBytes, rssBytes, peakBytes);
    if (rssBytes > this.memorySize * 1024 * 1024 && this.running) {
      this.outOfMemory = true;
      this.kill();
    }
  }

  private async complete(outcome: Outcome): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    clearInterval(running.watchdog);
    const durationMs = performance.now() - running.startedAt;
    if (this.state === "busy") this.state = "idle";
    this.finishing = true;
    this.sampleMemory();
    // Output the runtime wrote before posting its result is already in the pipes (the write returned
    // before the post was sent), so the poll phase that saw the post also sees the pipes readable, and
    // its data is read before the next check phase. Turn the loop (setImmediate: no timer, each turn polls
    // I/O without waiting) until a turn brings nothing new, which also takes in output that keeps coming.
    for (let turn = 0; turn < OUTPUT_SETTLE_TURNS; turn++) {
      const seen = this.outputChunks;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.outputChunks === seen && turn >= 1) break;
    }
    this.finishing = false;
    this.finish(running.invocation, outcome, durationMs);
    this.served++;
    if (this.state === "idle") {
      this.lastUsed = Date.now();
      if (this.retire) void this.stop();
      else if (this.assigned && this.pendingNext) this.dispatch(this.pendingNext);
      else if (this.pendingNext) this.deps.onIdle(this);
    }
  }

  /** Writes END and REPORT and resolves the invocation. */
  private finish(invocation: Invocation, outcome: Outcome, durationMs: number): void {
    const log = this.log!;
    log.flush();
    if (outcome.lines) log.platform(...outcome.lines);
    const initDurationMs = this.initReported ? undefined : this.initDurationMs;
    this.initReported = true;
    const figures: platform.ReportFigures = {
      requestId: invocation.requestId,
      durationMs,
      billedDurationMs: platform.billedDuration(durationMs),
      memorySize: invocation.spec.memorySize,
      maxMemoryUsedMB: bytesToMB(this.peakBytes),
      initDurationMs,
      status: outcome.status,
    };
    log.platform(`END RequestId: ${invocation.requestId}`, platform.reportLine(figures));
    invocation.resolve({
      requestId: invocation.requestId,
      payload: outcome.payload,
      functionError: outcome.functionError,
      logTail: log.takeTail(),
      durationMs,
      billedDurationMs: figures.billedDurationMs,
      initDurationMs,
      maxMemoryUsedMB: figures.maxMemoryUsedMB,
      executedVersion: invocation.spec.version,
    });
  }

  private onTimeout(): void {
    const running = this.running;
    if (!running) return;
    const elapsed = performance.now() - running.startedAt;
    const id = running.invocation.requestId;
    this.sampleMemory();
    // Never offered again: its process is being killed.
    this.state = "dead";
    this.kill();
    void this.complete({
      payload: platform.payloadOf(platform.timeoutError(id, elapsed)),
      functionError: "Unhandled",
      status: { kind: "timeout" },
      lines: [platform.timeoutLogLine(this.deps.clock.now(), id, elapsed)],
    });
  }

  private onInitTimeout(): void {
    this.initTimer = undefined;
    const invocation = this.assigned;
    if (!invocation || this.state !== "starting") return;
    const elapsed = performance.now() - this.initStartedAt;
    this.initDurationMs = elapsed;
    this.kill();
    this.failUnstarted(invocation, platform.timeoutError(invocation.requestId, elapsed), { kind: "timeout" }, [
      platform.timeoutLogLine(this.deps.clock.now(), invocation.requestId, elapsed),
    ]);
  }

  /** Ends an invocation that never reached the runtime (its sandbox failed to start). */
  private failUnstarted(invocation: Invocation, error: platform.PlatformError | string, status: platform.ReportFigures["status"], lines: string[] = []): void {
    this.assigned = undefined;
    const payload = typeof error === "string" ? error : platform.payloadOf(error);
    this.log?.platform(`START RequestId: ${invocation.requestId} Version: ${invocation.spec.version}`);
    this.finish(invocation, { payload, functionError: "Unhandled", status, lines }, 0);
  }

  private onExit(code: number | null, signal: string | null): void {
    const wasStopped = this.state === "dead";
    this.state = "dead";
    this.clearInitTimer();
    this.pendingNext?.destroy();
    this.pendingNext = undefined;
    if (!wasStopped) {
      if (this.running) {
        const id = this.running.invocation.requestId;
        const error = platform.exitError(id, code, signal, this.outOfMemory);
        void this.complete({
          payload: platform.payloadOf(error),
          functionError: "Unhandled",
          status: { kind: "error", errorType: error.errorType },
          lines: [error.errorMessage, error.errorType],
        });
      } else if (this.assigned && this.served === 0) {
        const invocation = this.assigned;
        this.initDurationMs ??= performance.now() - this.initStartedAt;
        const error = this.initError ?? platform.exitError(invocation.requestId, code, signal, this.outOfMemory);
        const errorType = typeof error === "string" ? platform.errorTypeOf(error) : error.errorType;
        this.log?.flush();
        this.failUnstarted(invocation, error, { kind: "error", errorType });
      }
    }
    const orphan = this.assigned;
    this.assigned = undefined;
    void this.cleanup().finally(() => this.deps.onGone(this, orphan));
  }

  // ---------------------------------------------------------------------------------------- teardown

  private kill(): void {
    this.process?.kill();
  }

  private clearInitTimer(): void {
    if (this.initTimer) clearTimeout(this.initTimer);
    this.initTimer = undefined;
  }

  private async cleanup(): Promise<void> {
    this.memory?.close();
    this.memory = undefined;
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await rm(this.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }

  /** Stops the sandbox; an invocation in progress or waiting for it is failed with `reason`. */
  async stop(reason?: Error): Promise<void> {
    if (this.state === "dead") return this.process?.ended;
    const running = this.running;
    const assigned = this.assigned;
    this.state = "dead";
    this.running = undefined;
    this.assigned = undefined;
    this.clearInitTimer();
    if (running) {
      clearTimeout(running.timer);
      clearInterval(running.watchdog);
      running.invocation.reject(reason ?? new Error("The sandbox was stopped"));
    }
    assigned?.reject(reason ?? new Error("The sandbox was stopped"));
    this.kill();
    if (!this.process) {
      await this.cleanup();
      this.deps.onGone(this, undefined);
      return;
    }
    await this.process.ended;
  }
}
