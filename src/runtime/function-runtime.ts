/**
 * @module The function runtime: warm pools of sandboxes per function version and revision, cold starts
 * (from pre-started generic runtimes when one is ready), concurrency limits, idle reaping, eviction.
 */
import { mkdtempSync, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../shared/clock.js";
import { TooManyRequests, type FunctionRuntime, type FunctionRuntimeOptions, type FunctionSpec, type InvokeOptions, type InvokeResult } from "./types.js";
import { bubblewrapAvailable, entrypointProblem, runtimeFamily, type RuntimeFamily } from "./launch.js";
import { Sandbox, type SandboxDeps } from "./sandbox.js";
import { sandboxKey, type Invocation } from "./invocation.js";
import * as platform from "./platform-errors.js";

const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_CONCURRENCY = 1_000;

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const clock = options.clock ?? systemClock;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxSandboxes = options.maxSandboxes ?? DEFAULT_CONCURRENCY;
  const accountConcurrency = options.accountConcurrency ?? DEFAULT_CONCURRENCY;
  const isolation = options.isolation ?? "auto";
  const bwrap = isolation === "bwrap" || (isolation === "auto" && bubblewrapAvailable());
  if (isolation === "bwrap" && !bubblewrapAvailable()) throw new Error("isolation 'bwrap' was asked for, but bubblewrap does not work here");
  const prestartEnabled = options.prestart ?? true;

  const sandboxes = new Set<Sandbox>();
  /** Pre-started generic runtimes by `family:memorySize`. */
  const generics = new Map<string, Sandbox>();
  const idleTimers = new Map<Sandbox, NodeJS.Timeout>();
  const inFlightByFunction = new Map<string, number>();
  const inFlightByAccount = new Map<string, number>();
  let ownTmpRoot: string | undefined;
  let closed = false;

  const tmpRoot = (): string => {
    if (options.tmpRoot) {
      mkdirSync(options.tmpRoot, { recursive: true });
      return options.tmpRoot;
    }
    ownTmpRoot ??= mkdtempSync(join(tmpdir(), "stepwise-lambda-"));
    return ownTmpRoot;
  };

  const deps = (): SandboxDeps => ({
    sink: options.logSink,
    clock,
    tmpRoot: tmpRoot(),
    bwrap,
    hidePaths: options.hidePaths ?? [],
    baseEnvironment: options.environment ?? {},
    onIdle: (sandbox) => {
      clearIdleTimer(sandbox);
      if (closed) return void sandbox.stop();
      const timer = setTimeout(() => {
        idleTimers.delete(sandbox);
        if (sandbox.available) void sandbox.stop();
      }, idleTimeoutMs);
      timer.unref();
      idleTimers.set(sandbox, timer);
    },
    onGone: (sandbox, orphan) => {
      clearIdleTimer(sandbox);
      sandboxes.delete(sandbox);
      for (const [key, generic] of generics) if (generic === sandbox) generics.delete(key);
      if (orphan && !closed && !orphan.retried) {
        orphan.retried = true;
        void place(orphan);
      } else orphan?.reject(new Error("The sandbox stopped before running the invocation"));
    },
  });

  function clearIdleTimer(sandbox: Sandbox): void {
    const timer = idleTimers.get(sandbox);
    if (timer) clearTimeout(timer);
    idleTimers.delete(sandbox);
  }

  /** Counts the invocation against the function's and the account's concurrency, or throws TooManyRequests. */
  function reserve(spec: FunctionSpec): () => void {
    const functionCount = inFlightByFunction.get(spec.functionArn) ?? 0;
    const accountCount = inFlightByAccount.get(spec.accountId) ?? 0;
    if (spec.reservedConcurrency !== undefined && functionCount >= spec.reservedConcurrency) {
      throw new TooManyRequests("Rate Exceeded.", "ReservedFunctionConcurrentInvocationLimitExceeded");
    }
    if (accountCount >= accountConcurrency) throw new TooManyRequests("Rate Exceeded.", "ConcurrentInvocationLimitExceeded");
    inFlightByFunction.set(spec.functionArn, functionCount + 1);
    inFlightByAccount.set(spec.accountId, accountCount + 1);
    return () => {
      decrement(inFlightByFunction, spec.functionArn);
      decrement(inFlightByAccount, spec.accountId);
    };
  }

  /** Runs the invocation on an available warm sandbox, else on a new one. */
  async function place(invocation: Invocation): Promise<void> {
    const spec = invocation.spec;
    const key = sandboxKey(spec);
    for (const sandbox of sandboxes) {
      if (sandbox.key === key && sandbox.available) {
        clearIdleTimer(sandbox);
        sandbox.assign(invocation);
        return;
      }
    }
    retireStale(spec);
    const family = runtimeFamily(spec.runtime)!;
    if (family === "provided") {
      const problem = entrypointProblem(spec);
      if (problem) return failBeforeStart(invocation, platform.invalidEntrypoint(invocation.requestId, bwrap ? "/var/task" : spec.codeDir, problem));
    }
    if (!makeRoom()) return invocation.reject(new TooManyRequests("Rate Exceeded.", "ConcurrentInvocationLimitExceeded"));
    const generic = takeGeneric(family, spec.memorySize);
    const sandbox = generic ?? new Sandbox(deps(), family, spec.memorySize);
    sandboxes.add(sandbox);
    try {
      if (generic) await generic.specialize(spec);
      else await sandbox.launch(spec);
    } catch (error) {
      await sandbox.stop();
      return invocation.reject(error instanceof Error ? error : new Error(String(error)));
    }
    sandbox.assign(invocation);
    if (prestartEnabled && family !== "provided") prestart(family, spec.memorySize);
  }

  /** An invocation that fails before any process starts still gets its START/END/REPORT-less error result. */
  function failBeforeStart(invocation: Invocation, error: platform.PlatformError): void {
    invocation.resolve({
      requestId: invocation.requestId,
      payload: platform.payloadOf(error),
      functionError: "Unhandled",
      logTail: "",
      durationMs: 0,
      billedDurationMs: 0,
      initDurationMs: undefined,
      maxMemoryUsedMB: 0,
      executedVersion: invocation.spec.version,
    });
  }

  /** Warm sandboxes of an older revision of the same function version are never used again. */
  function retireStale(spec: FunctionSpec): void {
    const key = sandboxKey(spec);
    for (const sandbox of sandboxes) {
      const other = sandbox.spec;
      if (!other || sandbox.key === key || other.functionArn !== spec.functionArn || other.version !== spec.version) continue;
      if (sandbox.available) void sandbox.stop();
      else sandbox.retire = true;
    }
  }

  /** Makes room for one more sandbox under maxSandboxes: spare generic runtimes first, then the least recently used idle ones. */
  function makeRoom(): boolean {
    while (sandboxes.size >= maxSandboxes) {
      const generic = generics.values().next().value as Sandbox | undefined;
      if (generic) {
        generics.delete(`${generic.family}:${generic.memorySize}`);
        sandboxes.delete(generic);
        void generic.stop();
        continue;
      }
      let oldest: Sandbox | undefined;
      for (const sandbox of sandboxes) if (sandbox.available && (!oldest || sandbox.lastUsed < oldest.lastUsed)) oldest = sandbox;
      if (!oldest) return false;
      sandboxes.delete(oldest);
      clearIdleTimer(oldest);
      void oldest.stop();
    }
    return true;
  }

  function takeGeneric(family: RuntimeFamily, memorySize: number): Sandbox | undefined {
    const key = `${family}:${memorySize}`;
    const generic = generics.get(key);
    if (!generic || !generic.isGeneric) return undefined;
    generics.delete(key);
    clearIdleTimer(generic);
    return generic;
  }

  /** Keeps one generic runtime of this kind started, so that the next cold start skips process start-up. */
  function prestart(family: RuntimeFamily, memorySize: number): void {
    const key = `${family}:${memorySize}`;
    if (closed || generics.has(key) || sandboxes.size >= maxSandboxes) return;
    const sandbox = new Sandbox(deps(), family, memorySize);
    generics.set(key, sandbox);
    sandboxes.add(sandbox);
    sandbox.launch(undefined).then(
      () => {
        const timer = setTimeout(() => {
          idleTimers.delete(sandbox);
          if (sandbox.isGeneric) void sandbox.stop();
        }, idleTimeoutMs);
        timer.unref();
        idleTimers.set(sandbox, timer);
      },
      () => void sandbox.stop(),
    );
  }

  return {
    async invoke(spec: FunctionSpec, payload: string, invokeOptions: InvokeOptions): Promise<InvokeResult> {
      if (closed) throw new Error("The function runtime is closed");
      if (!runtimeFamily(spec.runtime)) throw new Error(`Unsupported runtime: ${spec.runtime}`);
      const release = reserve(spec);
      try {
        return await new Promise<InvokeResult>((resolve, reject) => {
          place({
            spec,
            requestId: invokeOptions.requestId,
            payload,
            clientContext: decodeClientContext(invokeOptions.clientContext),
            invokedFunctionArn: invokeOptions.invokedFunctionArn ?? (spec.version === "$LATEST" ? spec.functionArn : `${spec.functionArn}:${spec.version}`),
            resolve,
            reject,
          }).catch(reject);
        });
      } finally {
        release();
      }
    },

    async evict(functionArn: string, version?: string): Promise<void> {
      const stopping: Promise<void>[] = [];
      for (const sandbox of sandboxes) {
        const spec = sandbox.spec;
        if (!spec || spec.functionArn !== functionArn || (version !== undefined && spec.version !== version)) continue;
        if (sandbox.available) {
          clearIdleTimer(sandbox);
          stopping.push(sandbox.stop());
        } else sandbox.retire = true;
      }
      await Promise.all(stopping);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const error = new Error("The function runtime was closed");
      await Promise.all([...sandboxes].map((sandbox) => sandbox.stop(error)));
      for (const timer of idleTimers.values()) clearTimeout(timer);
      idleTimers.clear();
      if (ownTmpRoot) await rm(ownTmpRoot, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function decrement(map: Map<string, number>, key: string): void {
  const next = (map.get(key) ?? 1) - 1;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

/** Invoke takes the client context as base64 JSON; the Runtime API hands it to the runtime as JSON text. */
function decodeClientContext(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  return Buffer.from(base64, "base64").toString("utf8");
}
