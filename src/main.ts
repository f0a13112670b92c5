/**
 * @module The composition root: store, clock, randomness, engine, services, API and HTTP server,
 * wired with explicit arguments. `startStepwise(config)` runs one server; `serveUntilSignal` adds
 * the process's SIGTERM/SIGINT handling for `stepwise serve`.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Config } from "./config.js";
import type { Plan, Random } from "./asl/index.js";
import { systemClock, type Clock } from "./shared/clock.js";
import { openStore, type Store } from "./store/index.js";
import { createEngine, type Engine } from "./engine/index.js";
import { compileStateMachine, type TaskHandler } from "./runner/index.js";
import { loadMockConfig, watchMockConfig, type MockConfig, type MockConfigWatcher } from "./mocking/index.js";
import {
  createFunctionsService, createInvokeFunction, createLambdaTaskInvoker, createLogSink, createLogsService, createStatesService, createTaskInvoker,
} from "./services/index.js";
import { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from "./runtime/index.js";
import { createApp, startServer, stderrLogger, type Logger } from "./api/index.js";

export interface Stepwise {
  /** e.g. http://127.0.0.1:8083 */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, drains in-flight ones, then closes the engine and the store. Idempotent. */
  close(): Promise<void>;
}

/** What tests (and embedders) may swap; the server uses the defaults. */
export interface StepwiseOverrides {
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: Logger;
  /** Task handlers keyed by Resource, instead of (or besides: these win) config.tasksModule's. */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  /** How long close() waits for in-flight requests (default 5 s). */
  readonly drainTimeoutMs?: number;
  /** Makes the function runtime (default createFunctionRuntime: sandboxed child processes). */
  readonly functionRuntime?: (options: FunctionRuntimeOptions) => FunctionRuntime;
}

const systemRandom: Random = { uuid: () => randomUUID(), float: () => Math.random() };

export async function startStepwise(config: Config, overrides: StepwiseOverrides = {}): Promise<Stepwise> {
  const logger = overrides.logger ?? stderrLogger;
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? systemRandom;
  const handlers = { ...(config.tasksModule ? await loadTaskModule(config.tasksModule) : {}), ...overrides.handlers };
  const mocks = config.mockConfigPath ? startMockConfig(config.mockConfigPath, logger) : undefined;

  const cleanup: (() => Promise<void> | void)[] = [() => mocks?.watcher.close()];
  const closeAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    const store: Store = await openStore(config.store);
    cleanup.push(() => store.close());
    await store.migrate();

    // Lambda: log lines go to the store in batches; sandboxes start on first use, once the server's
    // URL is known, so functions' SDK calls to Step Functions, Lambda and Logs reach this server.
    const logSink = createLogSink(store, clock, { onError: (message, e) => logger.error(message, e) });
    cleanup.push(() => logSink.close());
    let endpoint = "";
    const makeRuntime = overrides.functionRuntime ?? createFunctionRuntime;
    const runtime = lazyRuntime(() => makeRuntime({ logSink, clock, hidePaths: [config.dataDir], environment: endpointEnvironment(endpoint) }));
    const functions = createFunctionsService({
      store, runtime, clock, random, accountId: config.accountId, region: config.region, codeDir: join(config.dataDir, "functions"),
      onError: (message, e) => logger.error(message, e),
    });
    // On close (steps run last first): the async queue stops taking work, the sandboxes stop (ending
    // running invocations, which are retried later), then the queue settles what was running.
    cleanup.push(() => functions.close(), () => runtime.close(), () => functions.stop());
    const logs = createLogsService({ store, clock, accountId: config.accountId, region: config.region, flush: () => logSink.flush() });

    const lambdaTasks = createLambdaTaskInvoker(createInvokeFunction(functions.operations, config.accountId, config.region));
    const tasks = createTaskInvoker({ handlers, fallback: lambdaTasks });
    const engine: Engine = createEngine({
      store, clock, random, compile: planCache(), invokeTask: tasks.invokeTask, onClosed: tasks.onClosed,
    });
    cleanup.push(() => engine.close());
    const states = createStatesService({
      store, engine, clock, random, accountId: config.accountId, region: config.region, handlers, tasks,
      ...(mocks ? { mockConfig: () => mocks.current() } : {}),
    });

    const app = createApp({ services: { states, lambda: functions.operations, logs }, logger, accountId: config.accountId, region: config.region });
    const server = await startServer(app, {
      host: config.host, port: config.port, logger, ...(overrides.drainTimeoutMs !== undefined ? { drainTimeoutMs: overrides.drainTimeoutMs } : {}),
    });
    cleanup.push(() => server.close());
    endpoint = server.url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//127.0.0.1:");
    await engine.resume();

    let closing: Promise<void> | undefined;
    return { url: server.url, port: server.port, close: () => (closing ??= closeAll()) };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/**
 * Runs the server until SIGTERM or SIGINT, then shuts down cleanly (stop accepting, drain, close the
 * engine and the store) and resolves. `onStarted` gets the server once it listens.
 */
export async function serveUntilSignal(config: Config, onStarted: (server: Stepwise) => void, overrides: StepwiseOverrides = {}): Promise<void> {
  const server = await startStepwise(config, overrides);
  onStarted(server);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  await server.close();
}

/** A runtime made on first use (invocations come only once the server listens). */
function lazyRuntime(make: () => FunctionRuntime): FunctionRuntime {
  let real: FunctionRuntime | undefined;
  return {
    invoke: (spec, payload, options) => (real ??= make()).invoke(spec, payload, options),
    evict: async (arn, version) => real?.evict(arn, version),
    close: async () => real?.close(),
  };
}

/** Sandboxes' AWS SDKs send the services Stepwise serves to Stepwise (service-specific endpoint variables). */
const endpointEnvironment = (endpoint: string): Record<string, string> =>
  endpoint === "" ? {} : { AWS_ENDPOINT_URL_SFN: endpoint, AWS_ENDPOINT_URL_LAMBDA: endpoint, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint };

/** The engine compiles each stored definition once (bounded, oldest forgotten first). */
function planCache(limit = 500): (definition: string) => Plan {
  const plans = new Map<string, Plan>();
  return (definition) => {
    let plan = plans.get(definition);
    if (plan === undefined) {
      const compiled = compileStateMachine(definition);
      if (!compiled.ok) throw new Error(`A stored definition no longer compiles: ${compiled.diagnostics.map((d) => d.message).join("; ")}`);
      plan = compiled.machine.plan;
      if (plans.size >= limit) plans.delete(plans.keys().next().value!);
      plans.set(definition, plan);
    }
    return plan;
  };
}

/** Loads the mock config now (an invalid file stops the start) and reloads it whenever the file changes. */
function startMockConfig(path: string, logger: Logger): { current: () => MockConfig; watcher: MockConfigWatcher } {
  let current = loadMockConfig(path);
  const warn = (config: MockConfig) => {
    for (const w of config.warnings) logger.info(`warning: mock config ${path} at ${w.location || "/"}: ${w.message}`);
  };
  warn(current);
  const watcher = watchMockConfig(path, (config) => {
    current = config;
    warn(config);
    logger.info(`reloaded the mock config ${path}`);
  }, { onError: (e) => logger.error(`the changed mock config ${path} is not usable; keeping the previous one`, e) });
  return { current: () => current, watcher };
}

/** A task module default-exports (or exports as `handlers`) `{ [Resource]: async (input, request) => result }`. */
async function loadTaskModule(path: string): Promise<Record<string, TaskHandler>> {
  const mod = (await import(pathToFileURL(path).href)) as { default?: unknown; handlers?: unknown };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const handlers = isObject(mod.default) ? mod.default : mod.handlers;
  if (!isObject(handlers)) {
    throw new Error(`the task module ${path} must default-export (or export as "handlers") an object { [Resource]: async (input) => result }`);
  }
  const notFunctions = Object.keys(handlers).filter((k) => typeof handlers[k] !== "function");
  if (notFunctions.length > 0) throw new Error(`the task module ${path} has handlers that are not functions: ${notFunctions.join(", ")}`);
  return handlers as Record<string, TaskHandler>;
}
