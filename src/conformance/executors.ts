/**
 * @module Where cases run: in worker threads (hang-proof, the CLI's choice), in this thread (tests),
 * or through the server's API (`--via-api`, see api-executor.ts).
 */
import { Worker } from "node:worker_threads";
import type { ConformanceCase, Execution } from "./types.js";
import { executeCase, type Compile } from "./run-case.js";

export { createApiExecutor, type ApiExecutor, type ApiExecutorOptions } from "./api-executor.js";

/** Runs one case and settles within about `timeoutMs`, whatever the case does. */
export type CaseExecutor = {
  execute(c: ConformanceCase): Promise<Execution>;
  close(): Promise<void>;
};

/**
 * Runs cases in this thread. A case stuck in a synchronous loop (or a microtask loop) blocks the
 * timer too, so use it only where the cases are trusted (tests).
 */
export function createInProcessExecutor(timeoutMs: number, compile?: Compile): CaseExecutor {
  const runOne = async (c: ConformanceCase): Promise<Execution> => {
    const compileStateMachine = compile ?? (await import("../runner/index.js")).compileStateMachine;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Execution>((done) => {
      timer = setTimeout(() => done({ kind: "timeout", timeoutMs }), timeoutMs);
    });
    try {
      return await Promise.race([executeCase(c, compileStateMachine), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  // One case at a time, so that each case's timeout measures only that case.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    execute(c) {
      const result = queue.then(() => runOne(c));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {},
  };
}

interface Slot {
  worker: Worker | undefined;
  busy: boolean;
}

interface WorkerReply {
  readonly seq: number;
  readonly execution: Execution;
}

/**
 * Runs cases in a pool of worker threads. A case that exceeds its time has its worker terminated
 * (a fresh one takes its place), so even a synchronous infinite loop cannot stop the run. `script`
 * answers `{seq, case}` messages with `{seq, execution}` (default: the built case-worker.js).
 */
export function createWorkerExecutor(
  timeoutMs: number,
  jobs: number,
  script: URL = new URL("./case-worker.js", import.meta.url),
): CaseExecutor {
  const slots: Slot[] = Array.from({ length: Math.max(1, jobs) }, () => ({ worker: undefined, busy: false }));
  const waiting: Array<(slot: Slot) => void> = [];
  let seq = 0;

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };

  const spawn = (slot: Slot): Worker => {
    const worker = new Worker(script);
    // Between cases nobody listens: an error or exit then must not crash the run, only retire the worker.
    worker.on("error", () => {});
    worker.on("exit", () => {
      if (slot.worker === worker) slot.worker = undefined;
    });
    return worker;
  };

  const runOn = (slot: Slot, c: ConformanceCase): Promise<Execution> =>
    new Promise((resolve) => {
      const worker = (slot.worker ??= spawn(slot));
      const id = ++seq;
      const finish = (execution: Execution, kill: boolean): void => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (kill) {
          slot.worker = undefined;
          void worker.terminate();
        }
        resolve(execution);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.seq === id) finish(reply.execution, false);
      };
      const onError = (e: Error): void => finish({ kind: "crash", name: e.name, message: e.stack ?? e.message }, true);
      const onExit = (code: number): void =>
        finish({ kind: "crash", name: "WorkerExit", message: `the case's worker exited with code ${code}` }, true);
      const timer = setTimeout(() => finish({ kind: "timeout", timeoutMs }, true), timeoutMs);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ seq: id, case: c });
    });

  return {
    async execute(c) {
      const slot = await acquire();
      try {
        return await runOn(slot, c);
      } finally {
        release(slot);
      }
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker?.terminate()));
      for (const s of slots) s.worker = undefined;
    },
  };
}
