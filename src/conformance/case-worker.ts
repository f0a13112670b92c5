/** @module Worker-thread entry: runs the cases the conformance runner posts, one at a time. */
import { parentPort } from "node:worker_threads";
import { compileStateMachine } from "../runner/index.js";
import { executeCase } from "./run-case.js";
import { createFunctionRuntime, type FunctionRuntime } from "../runtime/index.js";
import type { ConformanceCase } from "./types.js";

const port = parentPort;
if (!port) throw new Error("case-worker.js runs only as a worker thread");

/** One function runtime per worker, started when a case first needs Lambda functions. */
let runtime: FunctionRuntime | undefined;
const functions = (): FunctionRuntime => (runtime ??= createFunctionRuntime({ logSink: { append: () => undefined } }));

port.on("message", (msg: { seq: number; case: ConformanceCase }) => {
  void executeCase(msg.case, compileStateMachine, functions).then((execution) => {
    try {
      port.postMessage({ seq: msg.seq, execution });
    } catch (e) {
      const message = `the result cannot be sent back: ${(e as Error).message}`;
      port.postMessage({ seq: msg.seq, execution: { kind: "crash", name: "DataCloneError", message } });
    }
  });
});
