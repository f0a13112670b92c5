import { describe, expect, it } from "vitest";
import { err, errorsOf, machine, single } from "./test-support.js";

const JSONATA = { QueryLanguage: "JSONata" };
const output = (expression: string) => single({ Type: "Pass", Output: `{% ${expression} %}` }, JSONATA);
const invalid = (message: string, location = "/States/S/Output") => err("INVALID_JSONATA_EXPRESSION", message, location);
const unsupported = (message: string, location = "/States/S/Output") => err("UNSUPPORTED_JSONATA_EXPRESSION", message, location);

describe("JSONata expressions that do not parse", () => {
  // The (expression, message) pairs AWS answered with: the parser's message without its S0xxx code.
  const cases: [string, string][] = [
    ["a[1,2)", 'Expected "]", got ","'],
    ['"unterminated', "String literal must be terminated by a matching quote"],
    ["1 +", "Unexpected end of expression"],
    ['{"a":}', 'The symbol "}" cannot be used as a unary operator'],
    ["$x :=", "Unexpected end of expression"],
    ['$match("a", /abc', "No terminating / in regular expression"],
    ["", "Unexpected end of expression"],
  ];
  for (const [expression, message] of cases) {
    it(`refuses ${JSON.stringify(expression)}`, () => {
      expect(errorsOf(output(expression))).toEqual([invalid(message)]);
    });
  }

  it("locates an expression nested in a field", () => {
    const def = single({ Type: "Pass", Output: { a: [1, { b: "{% 1 + %}" }] } }, JSONATA);
    expect(errorsOf(def)).toEqual([invalid("Unexpected end of expression", "/States/S/Output/a[1]/b")]);
  });

  it("leaves strings that are not whole expressions alone", () => {
    expect(errorsOf(single({ Type: "Pass", Output: { a: "text {% 1 + %}", b: "{% 1 %} x" } }, JSONATA))).toEqual([]);
  });

  it("does not evaluate {% %} in JSONPath states", () => {
    expect(errorsOf(single({ Type: "Pass", Result: "{% 1 + %}" }))).toEqual([]);
  });
});

describe("references AWS refuses", () => {
  it("refuses a path starting from a bare name (no context item)", () => {
    expect(errorsOf(output("phone"))).toEqual([unsupported("Reference to 'phone' at the top level is not supported.")]);
    expect(errorsOf(single({ Type: "Pass", Output: { v: "{% phone.number %}" } }, JSONATA))).toEqual([
      unsupported("Reference to 'phone' at the top level is not supported.", "/States/S/Output/v"),
    ]);
  });

  it("refuses $ and $$", () => {
    expect(errorsOf(output("$.a"))).toEqual([unsupported("Reference to '$' at the top level is not supported.")]);
    expect(errorsOf(output("$$"))).toEqual([unsupported("Reference to '$$' is not supported.")]);
  });

  it("reads names in object keys, array items, operands, arguments and lambda bodies", () => {
    expect(errorsOf(output("{aaa: 1}"))).toEqual([unsupported("Reference to 'aaa' at the top level is not supported.")]);
    expect(errorsOf(output("[a, a, b]")).map((d) => d.message)).toEqual([
      "Reference to 'a' at the top level is not supported.",
      "Reference to 'b' at the top level is not supported.",
    ]);
    expect(errorsOf(output("$map($states.input.a, function($x){ b })")).map((d) => d.message)).toEqual([
      "Reference to 'b' at the top level is not supported.",
    ]);
    expect(errorsOf(output("x ? 1 : 2")).length).toBe(1);
  });

  it("accepts names after the first step, in predicates and in group-by objects", () => {
    for (const e of [
      "$states.input.items[price > 5].name",
      "$states.input.items.{ 'n': name }",
      "$states.input{ a: b }",
      "$sum($states.input.items.(price * qty))",
      "($v := $states.input.a; $v.b)",
      "$states.context.Execution.Id",
      "$myVariable.field",
      "$count($states.input) > 0 ? 'yes' : 'no'",
    ]) {
      expect(errorsOf(output(e)), e).toEqual([]);
    }
  });

  it("allows $states.errorOutput only in a Catch's own Output and Assign", () => {
    expect(errorsOf(output("$states.errorOutput"))).toEqual([unsupported("Field '$states.errorOutput' does not exist.")]);
    const catching = (catcher: Record<string, unknown>) =>
      machine(
        {
          Main: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "H", ...catcher }], End: true },
          H: { Type: "Pass", End: true },
        },
        JSONATA,
      );
    expect(errorsOf(catching({ Output: "{% $states.errorOutput %}" }))).toEqual([]);
    expect(errorsOf(catching({ Assign: { lastError: "{% $states.errorOutput.Cause %}" } }))).toEqual([]);
    expect(errorsOf(catching({ Output: "{% $states.errorOutput. %}" })).map((d) => d.location)).toEqual(["/States/Main/Catch[0]/Output"]);
  });

  it("checks every evaluated field: Arguments, Assign, Items, Condition, numbers, Error", () => {
    const def = machine(
      {
        T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { p: "{% a %}" }, Assign: { v: "{% b %}" }, TimeoutSeconds: "{% c %}", Next: "C" },
        C: { Type: "Choice", Choices: [{ Condition: "{% d %}", Next: "F" }] },
        F: { Type: "Fail", Error: "{% e %}" },
      },
      JSONATA,
    );
    expect(errorsOf(def).map((d) => d.location)).toEqual([
      "/States/T/Arguments/p",
      "/States/T/Assign/v",
      "/States/T/TimeoutSeconds",
      "/States/C/Choices[0]/Condition",
      "/States/F/Error",
    ]);
  });

  it("accepts a reference to a variable assigned nowhere (AWS fails such an execution at run time)", () => {
    expect(errorsOf(output("$doesNotExist"))).toEqual([]);
  });
});
