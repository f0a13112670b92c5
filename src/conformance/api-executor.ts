/**
 * @module Runs cases through the server: Stepwise in this process on 127.0.0.1:0, driven by the real
 * AWS SDK (CreateStateMachine, then StartExecution + DescribeExecution or StartSyncExecution). A case's
 * Lambda functions are created first with the Lambda API and run in the server's function runtime.
 */
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import { loadConfig } from "../config.js";
import { startStepwise, type Stepwise } from "../main.js";
import { stderrLogger, type Logger } from "../api/index.js";
import type { JsonValue } from "../shared/json.js";
import type { CaseExecutor } from "./executors.js";
import { definitionTextOf } from "./run-case.js";
import { createCaseFunctions, type CaseFunctions, type FunctionTarget } from "./case-functions.js";
import { placeholderReplacements, toPlaceholders, valueToPlaceholders, type RealNames, type Replacement } from "./placeholders.js";
import type { ActualResult, ConformanceCase, Execution } from "./types.js";

/** The corpus's account; the region is any valid one (the ARN scope is mapped back to `<region>`). */
export const API_ACCOUNT_ID = "111111111111";
export const API_REGION = "us-east-1";
export const API_ROLE_ARN = `arn:aws:iam::${API_ACCOUNT_ID}:role/stepwise-conformance`;

export interface ApiExecutorOptions {
  /** Per case. */
  readonly timeoutMs: number;
  /** Cases in flight at once. */
  readonly jobs: number;
  /** Store spec for the server (default: SQLite in memory). */
  readonly store?: string;
  /** Where relative store paths are resolved. */
  readonly cwd?: string;
  readonly logger?: Logger;
}

/** A started executor, with the server's address (for the report). */
export type ApiExecutor = CaseExecutor & { readonly url: string; readonly store: string };

/** Thrown by the SDK: `name` is the error code. */
interface ServiceFailure {
  readonly name: string;
  readonly message: string;
}
const asFailure = (e: unknown): ServiceFailure =>
  e instanceof Error ? { name: e.name, message: e.message } : { name: "Error", message: String(e) };

/** Starts the server and the client; close() stops both. */
export async function createApiExecutor(options: ApiExecutorOptions): Promise<ApiExecutor> {
  // The pinned SDK warns once that its 2027 releases need Node 22; it works on Node 20.
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const sdk = await import("@aws-sdk/client-sfn");
  const cwd = options.cwd ?? process.cwd();
  const store = options.store ?? "sqlite::memory:";
  const loaded = loadConfig(["--host", "127.0.0.1", "--port", "0", "--account", API_ACCOUNT_ID, "--region", API_REGION, "--store", store], {}, cwd);
  // No mock config (a MockConfigFile.json in the cwd would otherwise be picked up), no task handlers.
  const server: Stepwise = await startStepwise({ ...loaded, mockConfigPath: undefined, tasksModule: undefined }, {
    logger: options.logger ?? stderrLogger,
    drainTimeoutMs: 1000,
  });
  const client: SFNClient = new sdk.SFNClient({
    endpoint: server.url, region: API_REGION, disableHostPrefix: true, maxAttempts: 1,
    credentials: { accessKeyId: "AKIDSTEPWISECONFORMANCE", secretAccessKey: "stepwise-conformance" },
  });
  const lambdaSdk = await import("@aws-sdk/client-lambda");
  const lambdaClient: LambdaClient = new lambdaSdk.LambdaClient({
    endpoint: server.url, region: API_REGION, maxAttempts: 1,
    credentials: { accessKeyId: "AKIDSTEPWISECONFORMANCE", secretAccessKey: "stepwise-conformance" },
  });
  const functionTarget: FunctionTarget = { client: lambdaClient, sdk: lambdaSdk, region: API_REGION, accountId: API_ACCOUNT_ID, roleArn: API_ROLE_ARN };
  const runId = `conf-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  let seq = 0;

  const runCase = async (c: ConformanceCase, stopped: { value: boolean }): Promise<Execution> => {
    const n = ++seq;
    const type = c.context.stateMachineType === "EXPRESS" ? "EXPRESS" : "STANDARD";
    const machineName = `${runId}-sm-${n}`;
    const executionName = `${runId}-ex-${n}`;
    let functions: CaseFunctions | undefined;
    if (c.lambdas?.length) {
      try {
        functions = await createCaseFunctions(c, `${runId}-fn-${n}`, functionTarget);
      } catch (e) {
        const f = asFailure(e);
        return { kind: "crash", name: f.name, message: `CreateFunction failed: ${f.message}` };
      }
    }
    const toReal = (text: string) => (functions ? functions.toReal(text) : text);
    const functionNames = functions?.replacements ?? [];
    let stateMachineArn: string;
    try {
      ({ stateMachineArn = "" } = await client.send(new sdk.CreateStateMachineCommand({
        name: machineName, definition: toReal(definitionTextOf(c)), roleArn: API_ROLE_ARN, type,
      })));
    } catch (e) {
      await functions?.remove();
      const f = asFailure(e);
      if (f.name === "InvalidDefinition") return { kind: "invalid", message: `CreateStateMachine: ${f.name}: ${f.message}` };
      return { kind: "crash", name: f.name, message: `CreateStateMachine failed: ${f.message}` };
    }
    try {
      const names = (executionArn: string): RealNames => ({ stateMachineArn, stateMachineName: machineName, executionArn, executionName, roleArn: API_ROLE_ARN });
      const replacements = (executionArn: string): Replacement[] => [
        ...functionNames, ...placeholderReplacements(names(executionArn), c.context), ...lambdaScope(c),
      ];
      const input = toReal(c.input);
      if (type === "EXPRESS") {
        const r = await client.send(new sdk.StartSyncExecutionCommand({ stateMachineArn, name: executionName, input }));
        return { kind: "result", actual: toActualFromApi(r, replacements(r.executionArn ?? "")) };
      }
      const { executionArn = "" } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, name: executionName, input }));
      for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
        const d = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
        if (d.status !== "RUNNING" && d.status !== "PENDING_REDRIVE") {
          return { kind: "result", actual: toActualFromApi(d, replacements(executionArn)) };
        }
        if (stopped.value) {
          await client.send(new sdk.StopExecutionCommand({ executionArn, error: "Conformance.Timeout" })).catch(() => undefined);
          return { kind: "timeout", timeoutMs: options.timeoutMs };
        }
        await new Promise((r) => setTimeout(r, pause));
      }
    } catch (e) {
      const f = asFailure(e);
      return { kind: "crash", name: f.name, message: `the API refused the execution: ${f.name}: ${f.message}` };
    } finally {
      await client.send(new sdk.DeleteStateMachineCommand({ stateMachineArn })).catch(() => undefined);
      await functions?.remove();
    }
  };

  const runWithTimeout = async (c: ConformanceCase): Promise<Execution> => {
    const stopped = { value: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Execution>((done) => {
      timer = setTimeout(() => {
        stopped.value = true;
        done({ kind: "timeout", timeoutMs: options.timeoutMs });
      }, options.timeoutMs);
    });
    try {
      return await Promise.race([runCase(c, stopped), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  // At most `jobs` cases in flight; the rest wait their turn (so each timeout measures one case).
  let free = Math.max(1, options.jobs);
  const waiting: (() => void)[] = [];
  return {
    url: server.url,
    store,
    async execute(c) {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await runWithTimeout(c);
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
    async close() {
      client.destroy();
      lambdaClient.destroy();
      await server.close();
    },
  };
}

/** Other Lambda ARNs of the server's scope (a function the case does not create, say) in the case's partition and region. */
function lambdaScope(c: ConformanceCase): Replacement[] {
  const { partition, region } = c.context;
  if (partition === undefined || region === undefined) return [];
  return [{ real: `arn:aws:lambda:${API_REGION}:${API_ACCOUNT_ID}:`, placeholder: `arn:${partition}:lambda:${region}:${API_ACCOUNT_ID}:` }];
}

/** What DescribeExecution or StartSyncExecution answered, in the placeholder world. */
export interface ApiExecutionResult {
  readonly status?: string | undefined;
  readonly output?: string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

/** The API's result in the shape compare.mjs takes, with the real names and ARNs mapped back to the case's placeholders. */
export function toActualFromApi(r: ApiExecutionResult, replacements: readonly Replacement[]): ActualResult {
  const actual: { status: string; output?: JsonValue; error?: string; cause?: string } = { status: r.status ?? "UNKNOWN" };
  if (r.output !== undefined) actual.output = valueToPlaceholders(JSON.parse(r.output) as JsonValue, replacements);
  if (r.error !== undefined) actual.error = toPlaceholders(r.error, replacements);
  if (r.cause !== undefined) actual.cause = toPlaceholders(r.cause, replacements);
  return actual;
}
