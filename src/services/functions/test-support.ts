/** @module Test support: the Lambda service over an in-memory store, a temp code folder, a manual clock and a fake runtime. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../store/index.js";
import { TooManyRequests, type FunctionRuntime, type FunctionSpec, type InvokeOptions, type InvokeResult } from "../../runtime/index.js";
import type { CallContext, OperationTable } from "../operations.js";
import { createManualClock, type ManualClock } from "../states/test-support.js";
import { createFunctionsService, type FunctionsService } from "./service.js";
import { zipFiles } from "./zip-package.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
export const arnOf = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/** A zip of `files` (path → content, or {content, mode}; mode 0o120777 makes a symlink whose content is its target). */
export const zipOf = zipFiles;

/** Replaces a (same-length) file name inside a zip's headers: how tests make entries yazl refuses to write. */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("names must have the same length");
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  while (at >= 0) {
    out.write(to, at, "utf8");
    at = out.indexOf(from, at + 1);
  }
  return out;
}

export const helloZip = () => zipOf({ "index.mjs": "export const handler = async (e) => e;" });

export type Behaviour = (spec: FunctionSpec, payload: string, options: InvokeOptions) => Partial<InvokeResult> | Promise<Partial<InvokeResult>>;

/** A runtime that records invocations and answers with `behaviour` (default: echo the payload). */
export interface FakeRuntime extends FunctionRuntime {
  readonly calls: { spec: FunctionSpec; payload: string; options: InvokeOptions }[];
  readonly evictions: { arn: string; version: string | undefined }[];
  behaviour: Behaviour;
}

export function createFakeRuntime(): FakeRuntime {
  const runtime: FakeRuntime = {
    calls: [],
    evictions: [],
    behaviour: (_spec, payload) => ({ payload }),
    async invoke(spec, payload, options) {
      runtime.calls.push({ spec, payload, options });
      const answer = await runtime.behaviour(spec, payload, options);
      return {
        requestId: options.requestId, payload: "null", functionError: undefined, logTail: `START RequestId: ${options.requestId}\n`, durationMs: 1,
        billedDurationMs: 1, initDurationMs: undefined, maxMemoryUsedMB: 40, executedVersion: spec.version, ...answer,
      };
    },
    async evict(arn, version) {
      runtime.evictions.push({ arn, version });
    },
    async close() {},
  };
  return runtime;
}

export const throttle: Behaviour = () => {
  throw new TooManyRequests();
};

export interface TestLambda {
  readonly service: FunctionsService;
  readonly ops: OperationTable;
  readonly store: Store;
  readonly runtime: FakeRuntime;
  readonly clock: ManualClock;
  readonly codeDir: string;
  readonly errors: unknown[];
  /** Calls an operation as the test account. */
  call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Creates a function from `zip` (default: an echo handler). */
  create(name: string, extra?: Record<string, unknown>, zip?: Buffer): Promise<Record<string, unknown>>;
  /** What random.float() returns from now on (alias routing). */
  setDraw(value: number): void;
  close(): Promise<void>;
}

/** `queue: true` runs the async invocation queue by itself (as the server does); by default tests call runDueInvocations. */
export async function createTestLambda(options: { queue?: boolean } = {}): Promise<TestLambda> {
  const store = await openStore(":memory:");
  const runtime = createFakeRuntime();
  const clock = createManualClock();
  const codeDir = mkdtempSync(join(tmpdir(), "stepwise-functions-"));
  const errors: unknown[] = [];
  let n = 0;
  let draws = 0.5;
  const service = createFunctionsService({
    store, runtime, clock, accountId: ACCOUNT, region: REGION, codeDir,
    random: { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`, float: () => draws },
    asyncInvocations: { enabled: options.queue ?? false }, onError: (_m, e) => errors.push(e),
  });
  let requests = 0;
  const callContext = (): CallContext => ({ accountId: ACCOUNT, region: REGION, requestId: `req-${++requests}` });
  const lambda: TestLambda = {
    service, ops: service.operations, store, runtime, clock, codeDir, errors,
    call: (operation, input) => service.operations[operation]!(input, callContext()),
    async create(name, extra = {}, zip) {
      const bytes = zip ?? (await helloZip());
      return lambda.call("CreateFunction", {
        FunctionName: name, Runtime: "nodejs20.x", Role: ROLE, Handler: "index.handler", Code: { ZipFile: bytes.toString("base64") }, ...extra,
      });
    },
    setDraw: (value) => void (draws = value),
    async close() {
      await service.close();
      await store.close();
      rmSync(codeDir, { recursive: true, force: true });
    },
  };
  return lambda;
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; message: string; status: number; fields: Record<string, string> }> {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string; status: number; fields: Record<string, string> };
  }
  throw new Error("expected a rejection");
}
