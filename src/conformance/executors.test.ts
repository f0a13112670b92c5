import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CompileResult, StateMachine } from "../runner/index.js";
import type { JsonValue } from "../shared/json.js";
import { createInProcessExecutor, createWorkerExecutor } from "./executors.js";
import type { ConformanceCase } from "./types.js";

const caseWithId = (id: string): ConformanceCase => ({
  id,
  category: "c",
  features: [],
  definition: {},
  input: "{}",
  context: {},
  expected: { status: "SUCCEEDED" },
});

describe("createInProcessExecutor", () => {
  it("gives up on a case that never finishes, then runs the next", async () => {
    const compile = (): CompileResult => ({
      ok: true,
      warnings: [],
      machine: {
        run: (input?: JsonValue) =>
          input === "hang" ? new Promise(() => {}) : Promise.resolve({ status: "SUCCEEDED", output: input ?? null, startDate: 0, stopDate: 0 }),
      } as unknown as StateMachine,
    });
    const ex = createInProcessExecutor(50, compile);
    const hang = { ...caseWithId("h"), input: '"hang"' };
    const [first, second] = await Promise.all([ex.execute(hang), ex.execute({ ...caseWithId("ok"), input: "7" })]);
    expect(first).toEqual({ kind: "timeout", timeoutMs: 50 });
    expect(second).toEqual({ kind: "result", actual: { status: "SUCCEEDED", output: 7 } });
  });
});

describe("createWorkerExecutor", () => {
  // A stand-in worker script: answers by case id, loops forever, or dies.
  const dir = mkdtempSync(join(tmpdir(), "stepwise-workers-"));
  const script = join(dir, "worker.mjs");
  writeFileSync(
    script,
    `import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ seq, case: c }) => {
  if (c.id === "spin") for (;;) {}
  if (c.id === "die") throw new Error("worker died");
  if (c.id === "exit") process.exit(3);
  if (c.id === "late") setTimeout(() => { throw new Error("after the answer"); }, 20);
  parentPort.postMessage({ seq, execution: { kind: "result", actual: { status: "SUCCEEDED", output: c.id } } });
});
`,
  );
  const ex = createWorkerExecutor(2000, 2, pathToFileURL(script));
  afterAll(() => ex.close());

  it("survives a synchronous infinite loop, an uncaught exception and an exit", async () => {
    const ids = ["a", "spin", "b", "die", "c", "exit", "d"];
    const results = await Promise.all(ids.map((id) => ex.execute(caseWithId(id))));
    expect(results[1]).toEqual({ kind: "timeout", timeoutMs: 2000 });
    expect(results[3]).toMatchObject({ kind: "crash", name: "Error" });
    expect(results[5]).toMatchObject({ kind: "crash", message: expect.stringContaining("code 3") });
    for (const i of [0, 2, 4, 6]) expect(results[i]).toEqual({ kind: "result", actual: { status: "SUCCEEDED", output: ids[i] } });
  });

  it("survives a worker that dies between cases", async () => {
    expect(await ex.execute(caseWithId("late"))).toMatchObject({ kind: "result" });
    await new Promise((r) => setTimeout(r, 200));
    const after = await Promise.all(["e", "f", "g"].map((id) => ex.execute(caseWithId(id))));
    expect(after.map((r) => r.kind === "result" && r.actual.output)).toEqual(["e", "f", "g"]);
  });
});
