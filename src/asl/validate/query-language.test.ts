import { describe, expect, it } from "vitest";
import { errorsOf, machine, schema, single } from "./test-support.js";

// Every expectation below is a measured AWS answer (validate-state-machine-definition).
const jsonataOnly = (field: string) => `The QueryLanguage is set to 'JSONPath', but field '${field}' is only supported for the 'JSONata' QueryLanguage`;
const jsonpathOnly = (field: string) => `The QueryLanguage is set to 'JSONata', but field '${field}' is only supported for the 'JSONPath' QueryLanguage`;
const ENUM = "Value should be one of the following: [JSONPath, JSONata]";
const DOWNGRADE = "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
const JSONATA = { QueryLanguage: "JSONata" };
const processor = (states: Record<string, unknown>) => ({ StartAt: Object.keys(states)[0], States: states });

describe("fields of the other query language", () => {
  it("rejects JSONPath fields on a JSONata state, at the state, in field order", () => {
    const def = single({ Type: "Pass", InputPath: "$.a", OutputPath: "$.b", ResultPath: "$.c" }, JSONATA);
    expect(errorsOf(def)).toEqual([
      schema(jsonpathOnly("InputPath"), "/States/S"),
      schema(jsonpathOnly("OutputPath"), "/States/S"),
      schema(jsonpathOnly("ResultPath"), "/States/S"),
    ]);
  });

  it("rejects JSONata fields on a JSONPath state", () => {
    const task = single({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Output: { v: 1 }, Arguments: { p: "x" } });
    expect(errorsOf(task)).toEqual([schema(jsonataOnly("Output"), "/States/S"), schema(jsonataOnly("Arguments"), "/States/S")]);
    const map = single({ Type: "Map", Items: [{ n: 1 }], ItemProcessor: processor({ P: { Type: "Succeed" } }) });
    expect(errorsOf(map)).toEqual([schema(jsonataOnly("Items"), "/States/S")]);
  });

  it("rejects the ...Path fields in JSONata (at the state)", () => {
    const def = single({ Type: "Map", MaxConcurrencyPath: "$.limit", ItemProcessor: processor({ P: { Type: "Succeed" } }) }, JSONATA);
    expect(errorsOf(def)).toEqual([schema(jsonpathOnly("MaxConcurrencyPath"), "/States/S")]);
  });

  it("accepts Assign in both languages", () => {
    expect(errorsOf(single({ Type: "Pass", Assign: { counter: 1 } }))).toEqual([]);
    expect(errorsOf(single({ Type: "Pass", Assign: { counter: 1 } }, JSONATA))).toEqual([]);
  });
});

describe("the language of nested states", () => {
  it("is the machine's, not the enclosing Map's or Parallel's", () => {
    const inner = { P: { Type: "Pass", Output: { doubled: "{% $states.input.n * 2 %}" }, End: true } };
    for (const declared of [{ QueryLanguage: "JSONata" }, {}]) {
      const def = machine({ M: { Type: "Map", ...declared, ItemProcessor: processor(inner), End: true } }, { QueryLanguage: "JSONPath" });
      expect(errorsOf(def)).toEqual([schema(jsonataOnly("Output"), "/States/M/ItemProcessor/States/P")]);
    }
    const par = machine({ PAR: { Type: "Parallel", QueryLanguage: "JSONata", Branches: [processor(inner)], End: true } });
    expect(errorsOf(par)).toEqual([schema(jsonataOnly("Output"), "/States/PAR/Branches[0]/States/P")]);
  });

  it("inherits a JSONata machine's language, and a state's own declaration wins", () => {
    const inner = { P: { Type: "Pass", Output: { doubled: "{% $states.input.n * 2 %}" }, End: true } };
    expect(errorsOf(machine({ M: { Type: "Map", ItemProcessor: processor(inner), End: true } }, JSONATA))).toEqual([]);
    const own = { P: { Type: "Pass", QueryLanguage: "JSONata", Output: { d: "{% $states.input * 2 %}" }, End: true } };
    expect(errorsOf(machine({ M: { Type: "Map", QueryLanguage: "JSONata", Items: "{% [1, 2] %}", ItemProcessor: processor(own), End: true } }))).toEqual([]);
  });

  it("lets a JSONPath state sit under a JSONata Map of a JSONPath machine", () => {
    const def = machine(
      { Map: { Type: "Map", QueryLanguage: "JSONata", ItemProcessor: processor({ Pass: { QueryLanguage: "JSONPath", Type: "Pass", End: true } }), End: true } },
      { QueryLanguage: "JSONPath" },
    );
    expect(errorsOf(def)).toEqual([]);
  });

  it("is not declared on a branch or processor object", () => {
    expect(errorsOf(machine({ M: { Type: "Map", ItemProcessor: { QueryLanguage: "JSONata", ...processor({ P: { Type: "Succeed" } }) }, End: true } }))).toEqual([
      schema("Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor"),
    ]);
    expect(errorsOf(machine({ M: { Type: "Map", Iterator: { QueryLanguage: "JSONata", ...processor({ P: { Type: "Succeed" } }) }, End: true } }))).toEqual([
      schema("Field 'QueryLanguage' is not supported", "/States/M/Iterator"),
    ]);
    expect(errorsOf(machine({ PAR: { Type: "Parallel", Branches: [{ QueryLanguage: "JSONata", ...processor({ P: { Type: "Succeed" } }) }], End: true } }))).toEqual([
      schema("Field 'QueryLanguage' is not supported", "/States/PAR/Branches[0]"),
    ]);
  });
});

describe("mixing languages", () => {
  it("refuses a JSONPath state in a JSONata machine, and reports nothing else about its fields", () => {
    const def = single({ Type: "Pass", QueryLanguage: "JSONPath", Output: { v: "{% 1 %}" } }, JSONATA);
    expect(errorsOf(def)).toEqual([schema(DOWNGRADE, "/States/S")]);
  });

  it("still checks the other fields of a downgraded state", () => {
    const def = single({ Type: "Map", QueryLanguage: "JSONPath", MaxConcurrency: -1, ItemProcessor: processor({ P: { Type: "Succeed" } }) }, JSONATA);
    expect(errorsOf(def)).toEqual([schema(DOWNGRADE, "/States/S"), schema("Minimum value is 0", "/States/S/MaxConcurrency")]);
  });

  it("allows declaring the machine's own language again", () => {
    expect(errorsOf(single({ Type: "Pass", QueryLanguage: "JSONPath", InputPath: "$.a" }))).toEqual([]);
    expect(errorsOf(single({ Type: "Pass", QueryLanguage: "JSONata", Output: { v: "{% 1 %}" } }, JSONATA))).toEqual([]);
  });
});

describe("QueryLanguage values", () => {
  it("reports a value outside the enumeration at the field, and resolves it to JSONata", () => {
    const def = single({ Type: "Pass", QueryLanguage: "jsonata", Output: { v: "{% 1 %}" }, InputPath: "$.a" });
    expect(errorsOf(def)).toEqual([schema(jsonpathOnly("InputPath"), "/States/S"), schema(ENUM, "/States/S/QueryLanguage")]);
    expect(errorsOf(single({ Type: "Pass", QueryLanguage: "foo", Output: { v: "{% 1 %}" } }))).toEqual([schema(ENUM, "/States/S/QueryLanguage")]);
  });

  it("treats only the exact 'JSONPath' as a downgrade", () => {
    expect(errorsOf(single({ Type: "Pass", QueryLanguage: "jsonpath" }, JSONATA))).toEqual([schema(ENUM, "/States/S/QueryLanguage")]);
  });

  it("reports a non-string value as a type error", () => {
    expect(errorsOf(single({ Type: "Pass", QueryLanguage: 5, InputPath: "$.a" }))).toEqual([
      schema(jsonpathOnly("InputPath"), "/States/S"),
      schema("Expected value of type [STRING]", "/States/S/QueryLanguage"),
    ]);
    expect(errorsOf(single({ Type: "Pass" }, { QueryLanguage: 5 }))).toEqual([schema("Expected value of type [STRING]", "/QueryLanguage")]);
  });

  it("checks the top-level value, which resolves the same way", () => {
    expect(errorsOf(single({ Type: "Pass", Output: { v: "{% 1 %}" } }, { QueryLanguage: "jsonata" }))).toEqual([schema(ENUM, "/QueryLanguage")]);
    expect(errorsOf(single({ Type: "Pass", InputPath: "$.a" }, { QueryLanguage: "jsonpath" }))).toEqual([
      schema(ENUM, "/QueryLanguage"),
      schema(jsonpathOnly("InputPath"), "/States/S"),
    ]);
  });
});
