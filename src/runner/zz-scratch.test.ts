import { it } from "vitest";
import { compileStateMachine } from "../index.js";
const T0 = Date.UTC(2024, 0, 1);
const run = async (def: any, input: any, opts: any = {}) => {
  const c = compileStateMachine(def);
  if (!c.ok) return { compile: c.diagnostics };
  const r = await c.machine.run(input, { history: true, startTime: T0, ...opts });
  return { status: r.status, output: r.output, error: r.error, cause: r.cause, dur: r.stopDate - r.startDate, types: r.history?.map((e) => `${e.id}<${e.previousEventId}:${e.type}@${e.timestamp - T0}`).join(" ") };
};
const show = (x: any) => console.log(JSON.stringify(x, null, 0));
const L = "arn:aws:lambda:us-east-1:123456789012:function:x";
it("scratch", async () => {
  const proc = { StartAt: "C", States: { C: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 2, Next: "F" }], Default: "P" }, F: { Type: "Fail", Error: "Big", Cause: "too big" }, P: { Type: "Pass", End: true } } };
  show(await run({ StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 1, ItemProcessor: proc, End: true } } }, [1, 2, 3, 4]));
  show(await run({ StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 1, ToleratedFailureCount: 1, ItemProcessor: proc, End: true } } }, [1, 2, 3, 4]));
  show(await run({ StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 1, ToleratedFailureCount: 2, ItemProcessor: proc, End: true } } }, [1, 2, 3, 4]));
  show(await run({ StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 1, ToleratedFailurePercentage: 50, ItemProcessor: proc, End: true } } }, [1, 2, 3, 4]));
  show(await run({ StartAt: "M", States: { M: { Type: "Map", ItemProcessor: proc, End: true } } }, [1, 5, 2]));
  show(await run({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [ { StartAt: "A", States: { A: { Type: "Wait", Seconds: 5, Next: "A2" }, A2: { Type: "Pass", End: true } } }, { StartAt: "B", States: { B: { Type: "Fail", Error: "BErr", Cause: "bc" } } } ], End: true } } }, {}));
  show(await run({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [ { StartAt: "A", States: { A: { Type: "Wait", Seconds: 5, Next: "A2" }, A2: { Type: "Pass", End: true } } }, { StartAt: "B", States: { B: { Type: "Fail", Error: "BErr", Cause: "bc" } } } ], Catch: [{ ErrorEquals: ["BErr"], ResultPath: "$.err", Next: "Z" }], End: true }, Z: { Type: "Pass", End: true } } }, { a: 1 }));
  show(await run({ StartAt: "P", States: { P: { Type: "Parallel", Branches: [ { StartAt: "A", States: { A: { Type: "Pass", Result: 1, End: true } } }, { StartAt: "B", States: { B: { Type: "Pass", Result: 2, End: true } } } ], End: true } } }, {}));
});
