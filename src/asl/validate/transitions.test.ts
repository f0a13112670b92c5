import { describe, expect, it } from "vitest";
import { err, errorsOf, machine } from "./test-support.js";

const missing = (name: string, location: string) => err("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${name}`, location);
const unreachable = (name: string, location: string) => err("MISSING_TRANSITION_TARGET", `State "${name}" is not reachable.`, location);
const noEnd = err("MISSING_END_STATE", "Workflow has no terminal state", "");
const TASK = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke" };

describe("transition targets", () => {
  it("reports a Next naming no state, then the missing terminal state", () => {
    expect(errorsOf(machine({ A: { Type: "Pass", Next: "NOPE" } }))).toEqual([missing("NOPE", "/States/A/Next"), noEnd]);
  });

  it("says 'Next' for Choices, Default and Catch targets too, at each field", () => {
    const def = machine({
      C: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "Ghost1" }], Default: "Ghost2" },
      T: { ...TASK, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Ghost3" }], End: true },
    });
    expect(errorsOf(def)).toEqual([
      missing("Ghost1", "/States/C/Choices[0]/Next"),
      missing("Ghost2", "/States/C/Default"),
      missing("Ghost3", "/States/T/Catch[0]/Next"),
      unreachable("T", "/States/T"),
    ]);
  });

  it("reports a StartAt naming no state, and everything then unreachable", () => {
    expect(errorsOf({ StartAt: "Nope", States: { A: { Type: "Pass", End: true } } })).toEqual([
      missing("Nope", "/StartAt"),
      unreachable("A", "/States/A"),
    ]);
  });

  it("does the same inside a Map processor", () => {
    const def = machine({ M: { Type: "Map", ItemProcessor: { StartAt: "Nope", States: { A: { Type: "Pass", End: true } } }, End: true } });
    expect(errorsOf(def)).toEqual([missing("Nope", "/States/M/ItemProcessor/StartAt"), unreachable("A", "/States/M/ItemProcessor/States/A")]);
  });

  it("does not let a Next cross scopes", () => {
    const def = machine({
      P: { Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Pass", Next: "Done" } } }], Next: "Done" },
      Done: { Type: "Succeed" },
    });
    expect(errorsOf(def)).toEqual([missing("Done", "/States/P/Branches[0]/States/B/Next")]);
  });
});

describe("reachability", () => {
  it("reports states nothing leads to", () => {
    const def = machine({ Start: { Type: "Pass", End: true }, "a/b": { Type: "Pass", End: true } });
    expect(errorsOf(def)).toEqual([unreachable("a/b", "/States/a/b")]);
  });

  it("reports them inside branches and processors", () => {
    const branch = { StartAt: "W", States: { W: { Type: "Pass", End: true }, Ghost: { Type: "Pass", End: true } } };
    expect(errorsOf(machine({ P: { Type: "Parallel", Branches: [branch], End: true } }))).toEqual([
      unreachable("Ghost", "/States/P/Branches[0]/States/Ghost"),
    ]);
    expect(errorsOf(machine({ M: { Type: "Map", ItemProcessor: branch, End: true } }))).toEqual([
      unreachable("Ghost", "/States/M/ItemProcessor/States/Ghost"),
    ]);
  });

  it("follows Choices, Default and Catch", () => {
    const def = machine({
      C: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "T" }], Default: "D" },
      T: { ...TASK, Catch: [{ ErrorEquals: ["States.ALL"], Next: "H" }], End: true },
      D: { Type: "Succeed" },
      H: { Type: "Fail" },
    });
    expect(errorsOf(def)).toEqual([]);
  });
});

describe("a terminal state", () => {
  it("is required at the top level (MISSING_END_STATE, no location), and then reachability is not reported", () => {
    const loop = { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } };
    expect(errorsOf(machine(loop))).toEqual([noEnd]);
    expect(errorsOf(machine({ ...loop, Unused: { Type: "Pass", Next: "A" } }))).toEqual([noEnd]);
  });

  it("may be unreachable: then the unreachable state is what is reported", () => {
    const def = machine({ A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" }, C: { Type: "Pass", End: true } });
    expect(errorsOf(def)).toEqual([unreachable("C", "/States/C")]);
  });

  it("is not required inside a Map processor (measured on AWS)", () => {
    const def = machine({
      M: { Type: "Map", ItemProcessor: { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } } }, End: true },
    });
    expect(errorsOf(def)).toEqual([]);
  });

  it("can be a Succeed or Fail state", () => {
    expect(errorsOf(machine({ A: { Type: "Pass", Next: "F" }, F: { Type: "Fail", Error: "E" } }))).toEqual([]);
  });
});
