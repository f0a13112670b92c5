import { describe, it, expect } from "vitest";
import { compileStateMachine } from "./index.js";
import type { JsonValue } from "../shared/json.js";

describe("runExecution", () => {
  it("rejects rather than throws when the run cannot start (an input JSON cannot encode, history on)", async () => {
    const compiled = compileStateMachine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    if (!compiled.ok) throw new Error("the definition is valid");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let run: Promise<unknown> | undefined;
    expect(() => (run = compiled.machine.run(cyclic as unknown as JsonValue, { history: true }))).not.toThrow();
    await expect(run).rejects.toThrow(TypeError);
  });
});
