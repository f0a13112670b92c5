import { it, expect } from "vitest";
import { compileStateMachine } from "../index.js";
it("probe", async () => {
  const c = compileStateMachine({ StartAt: "A", States: { A: { Type: "Pass", Result: 1, End: true } } });
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics));
  const r = await c.machine.run({}, { history: true });
  console.log(JSON.stringify(r, null, 1));
});
