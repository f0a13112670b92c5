/**
 * @module A durable engine the way the server builds one (src/main.ts): createEngine over openStore,
 * plans compiled once per definition, the system clock, random UUIDs, Task resources answered by
 * in-process handlers. The store is wrapped to count commits, events and state transitions.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, importFile } from "./paths.mjs";
import { countingStore } from "./counting-store.mjs";
import { PG_URL, dropSchema, freshSchemaName } from "./postgres.mjs";

const dist = (path) => importFile(join(ROOT, "dist", path));

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/StepwiseBench`;

/**
 * Opens a store of `kind` ("sqlite": a file in a new temp folder; "sqlite-memory"; "postgres": a fresh
 * schema) with an engine on it.
 * `handlers` maps Task resources to `async (input) => output`.
 */
export async function openDurable(kind, handlers) {
  const [{ createEngine }, { openStore }, { compilePlan }, { systemClock }] = await Promise.all([
    dist("engine/index.js"), dist("store/index.js"), dist("asl/index.js"), dist("shared/clock.js"),
  ]);
  let dir;
  let schema;
  let raw;
  if (kind === "sqlite") {
    dir = mkdtempSync(join(tmpdir(), "stepwise-bench-durable-"));
    raw = await openStore(dir);
  } else if (kind === "sqlite-memory") {
    raw = await openStore(":memory:");
  } else if (kind === "postgres") {
    schema = freshSchemaName();
    raw = await openStore(PG_URL, { schema });
  } else throw new Error(`unknown store kind ${kind}`);

  const { store, counts, reset } = countingStore(raw);
  const plans = new Map();
  const waiters = new Map();
  const engine = createEngine({
    store,
    clock: systemClock,
    random: { uuid: () => randomUUID(), float: () => Math.random() },
    compile: (definition) => {
      let plan = plans.get(definition);
      if (!plan) plans.set(definition, (plan = compilePlan(JSON.parse(definition))));
      return plan;
    },
    invokeTask: (task) => {
      const handler = handlers[task.resource];
      if (!handler) return Promise.reject(Object.assign(new Error(`no handler for ${task.resource}`), { name: "States.TaskFailed" }));
      return handler(task.input);
    },
    onClosed: (arn) => {
      const resolve = waiters.get(arn);
      waiters.delete(arn);
      resolve?.();
    },
  });
  await engine.resume();

  let seq = 0;
  /** Starts one execution of `machineName` and resolves with its ARN once it closed. */
  async function run(machineName, definition, input) {
    const name = `e${++seq}-${randomUUID().slice(0, 8)}`;
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${machineName}`;
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machineName}:${name}`;
    const closed = new Promise((resolve) => waiters.set(arn, resolve));
    const record = {
      arn, stateMachineArn, name, status: "RUNNING", input, output: undefined, error: undefined, cause: undefined,
      startDate: systemClock.now(), stopDate: undefined, definition, roleArn: ROLE, stateMachineVersionArn: undefined,
      stateMachineAliasArn: undefined, mapRunArn: undefined, parentExecutionArn: undefined, redriveCount: 0, redriveDate: undefined,
      traceHeader: undefined, lastEventId: 0,
    };
    const names = {
      executionArn: arn, executionName: name, stateMachineArn, stateMachineName: machineName, roleArn: ROLE,
      region: REGION, accountId: ACCOUNT, partition: "aws",
    };
    const started = await engine.start({ record, names });
    if (!started.created) throw new Error(`execution ${arn} already existed`);
    return { arn, started: performance.now(), closed: closed.then(() => arn) };
  }

  return {
    kind,
    /** The store without the counting wrapper. */
    raw,
    engine,
    store,
    counts,
    resetCounts: reset,
    run,
    /** Executions started and not closed yet. */
    open: () => waiters.size,
    async close() {
      await engine.close();
      await raw.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchema(schema).catch(() => undefined);
    },
  };
}
