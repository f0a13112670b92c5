/** @module Worker-thread entry: runs the cases the conformance runner posts, one at a time. */
import { parentPort } from "node:worker_threads";
import { compileStateMachine } from "../runner/index.js";
import { executeCase } from "./run-case.js";
import type { ConformanceCase } from "./types.js";

const port = parentPort;
if (!port) throw new Error("case-worker.js runs only as a worker thread");

port.on("message", (msg: { seq: number; case: ConformanceCase }) => {
  void executeCase(msg.case, compileStateMachine).then((execution) => {
    try {
      port.postMessage({ seq: msg.seq, execution });
    } catch (e) {
      const message = `the result cannot be sent back: ${(e as Error).message}`;
      port.postMessage({ seq: msg.seq, execution: { kind: "crash", name: "DataCloneError", message } });
    }
  });
});
