import { describe, expect, it } from "vitest";
import { err, errorsOf, schema, single, warningsOf } from "./test-support.js";

const pass = (extra: Record<string, unknown>) => single({ Type: "Pass", ...extra });
const dollar = (key: string, location: string) =>
  schema(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`, location);

describe("InputPath, OutputPath, ResultPath", () => {
  it("accepts paths, null, and context or variable paths where AWS reads them", () => {
    expect(errorsOf(pass({ InputPath: "$.a", OutputPath: null, ResultPath: "$.r" }))).toEqual([]);
    expect(errorsOf(pass({ InputPath: "$$.Execution.Input", ResultPath: null }))).toEqual([]);
  });

  it("reports a malformed path at the field", () => {
    expect(errorsOf(pass({ InputPath: "a.b" }))).toEqual([schema("Invalid JSONPath 'a.b': a path must start with '$'", "/States/S/InputPath")]);
    expect(errorsOf(pass({ OutputPath: 5 }))).toEqual([schema("Expected value of type [STRING]", "/States/S/OutputPath")]);
  });

  it("wants ResultPath to be a reference path into the input", () => {
    for (const bad of ["$.a[*]", "$$.Execution.Id", "$.a..b"]) {
      const [d, ...rest] = errorsOf(pass({ ResultPath: bad }));
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ code: "SCHEMA_VALIDATION_FAILED", location: "/States/S/ResultPath" });
      expect(d!.message.startsWith("Value is not a Reference Path: ")).toBe(true);
    }
  });
});

describe("payload templates (Parameters, ResultSelector, ItemSelector)", () => {
  it("accepts paths, context paths, variables and intrinsic calls in '.$' fields, at any depth", () => {
    const parameters = {
      "input.$": "$.a",
      "ctx.$": "$$.Execution.Id",
      "var.$": "$myVar.field",
      "greeting.$": "States.Format('Hello, {}', $.name)",
      nested: { "list.$": "States.Array(1, 2, 3)", items: [{ "x.$": "$.x" }] },
      literal: "plain",
    };
    expect(errorsOf(pass({ Parameters: parameters }))).toEqual([]);
  });

  it("reports a '.$' field that holds no valid path or call", () => {
    const def = single({
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { "a.$": "Test", nested: { "b.$": 3 } },
      ResultSelector: { "c.$": "States.Nope($.x)" },
    });
    expect(errorsOf(def)).toEqual([
      dollar("a.$", "/States/S/Parameters/a.$"),
      dollar("b.$", "/States/S/Parameters/nested/b.$"),
      dollar("c.$", "/States/S/ResultSelector/c.$"),
    ]);
  });

  it("wants an object", () => {
    expect(errorsOf(pass({ Parameters: "$.a" }))).toEqual([schema("Expected value of type [OBJECT]", "/States/S/Parameters")]);
  });

  it("warns (NO_DOLLAR) when a plain field looks like a path or call, since it stays a literal", () => {
    expect(warningsOf(pass({ Parameters: { a: "$.a", b: "States.Format('x')", c: "dollars $" } }))).toEqual([
      expect.objectContaining({ code: "NO_DOLLAR", location: "/States/S/Parameters/a" }),
      expect.objectContaining({ code: "NO_DOLLAR", location: "/States/S/Parameters/b" }),
    ]);
  });
});

describe("Pass Result", () => {
  it("warns (PASS_RESULT_IS_STATIC) about a path in a '.$' field of a static Result", () => {
    expect(warningsOf(pass({ Result: { "x.$": "$.a" } }))).toEqual([
      expect.objectContaining({ severity: "WARNING", code: "PASS_RESULT_IS_STATIC", location: "/States/S/Result" }),
    ]);
    expect(warningsOf(pass({ Result: { "TestResult.$": "ConditionTrue" } }))).toEqual([]);
    expect(errorsOf(pass({ Result: { "x.$": "$.a" } }))).toEqual([]);
  });
});

describe("Arguments (JSONata)", () => {
  const task = (args: unknown) => single({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: args }, { QueryLanguage: "JSONata" });
  it("takes an object or an expression", () => {
    expect(errorsOf(task({ FunctionName: "f", Payload: "{% $states.input %}" }))).toEqual([]);
    expect(errorsOf(task("{% $states.input %}"))).toEqual([]);
    expect(errorsOf(task("literal"))).toEqual([schema("Expected value of type [OBJECT]", "/States/S/Arguments")]);
  });
});

describe("Assign and variables", () => {
  it("accepts JSONPath assignments of literals, paths and intrinsic calls", () => {
    const assign = { productName: "product1", count: 42, "product.$": "$.order.product", "n.$": "States.ArrayLength($.items)", _private: true };
    expect(errorsOf(pass({ Assign: assign }))).toEqual([]);
  });

  it("checks '.$' values in JSONPath", () => {
    expect(errorsOf(pass({ Assign: { "Variable.$": "Test" } }))).toEqual([dollar("Variable.$", "/States/S/Assign/Variable.$")]);
  });

  it("refuses the reserved name states", () => {
    expect(errorsOf(pass({ Assign: { states: 1 } }))).toEqual([schema("Cannot assign to the reserved variable '$states'", "/States/S/Assign/states")]);
    expect(errorsOf(pass({ Assign: { "states.$": "$.a" } }))).toEqual([schema("Cannot assign to the reserved variable '$states'", "/States/S/Assign/states.$")]);
  });

  it("refuses names that are not identifiers", () => {
    for (const name of ["1abc", "a-b", "a b", "", "a.b"]) {
      expect(errorsOf(pass({ Assign: { [name]: 1 } })).map((d) => d.location)).toEqual([`/States/S/Assign/${name}`]);
    }
    expect(errorsOf(pass({ Assign: { "größe": 1, x1: 2 } }))).toEqual([]);
  });

  it("takes the name as written in JSONata (no '.$' suffix there)", () => {
    const def = single({ Type: "Pass", Assign: { "x.$": "{% 1 %}" } }, { QueryLanguage: "JSONata" });
    expect(errorsOf(def).map((d) => d.location)).toEqual(["/States/S/Assign/x.$"]);
  });

  it("wants an object", () => {
    expect(errorsOf(pass({ Assign: [] }))).toEqual([schema("Expected value of type [OBJECT]", "/States/S/Assign")]);
  });

  it("is not a field of Succeed or Fail", () => {
    expect(errorsOf({ StartAt: "S", States: { S: { Type: "Succeed", Assign: { x: 1 } } } })).toEqual([
      err("SCHEMA_VALIDATION_FAILED", "Field 'Assign' is not supported", "/States/S"),
    ]);
  });
});
