/** @module createFunctionsService: the Lambda operation table over the store, the code cache and the function runtime. */
import type { OperationTable } from "../operations.js";
import { aliasOperations } from "./aliases.js";
import { createAsyncInvoker } from "./async-invocations.js";
import { concurrencyOperations } from "./concurrency.js";
import { createContext } from "./context.js";
import type { FunctionsServiceDeps } from "./deps.js";
import { resourceNotFound } from "./errors.js";
import { functionOperations } from "./functions.js";
import { requireString } from "./input.js";
import { invokeOperations } from "./invoke.js";
import { tagOperations } from "./tags.js";
import { versionOperations } from "./versions.js";

export interface FunctionsService {
  /** AWS's Lambda operations by name, plus `StepwiseGetCodePackage` ({Sha256} → {ZipFile: bytes}) behind GetFunction's Code.Location. */
  readonly operations: OperationTable;
  /** Runs the `Event` invocations that are due now and waits for them (for tests; the queue runs by itself too). */
  runDueInvocations(): Promise<number>;
  /** Stops the async invocation queue from taking new work (invocations already running go on). */
  stop(): Promise<void>;
  /**
   * Stops the queue and waits for running invocations. The runtime is the caller's to close: close it
   * between stop() and close() so running invocations end at once (they are retried later).
   */
  close(): Promise<void>;
}

export function createFunctionsService(deps: FunctionsServiceDeps): FunctionsService {
  let wake = () => undefined as void;
  const ctx = createContext(deps, () => wake());
  const queue = createAsyncInvoker(ctx, deps.asyncInvocations ?? {});
  wake = () => queue.wake();
  const operations: OperationTable = {
    ...functionOperations(ctx),
    ...versionOperations(ctx),
    ...aliasOperations(ctx),
    ...concurrencyOperations(ctx),
    ...tagOperations(ctx),
    ...invokeOperations(ctx),
    async StepwiseGetCodePackage(input) {
      const sha256 = requireString(input, "Sha256").replace(/\.zip$/, "");
      const code = /^[0-9a-f]{64}$/.test(sha256) ? await deps.store.functions.getFunctionCode(sha256) : undefined;
      if (!code) throw resourceNotFound(`Code package not found: ${sha256}`);
      return { ZipFile: code.zip };
    },
  };
  return { operations, runDueInvocations: () => queue.runDue(), stop: () => queue.stop(), close: () => queue.close() };
}
