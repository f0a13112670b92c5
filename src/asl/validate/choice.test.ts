import { describe, expect, it } from "vitest";
import { errorsOf, machine, schema } from "./test-support.js";

const END = { E: { Type: "Succeed" } };
const choice = (rules: unknown, extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  machine({ C: { Type: "Choice", Choices: rules, Default: "E", ...extra }, ...END }, top);
const rule = (r: Record<string, unknown>) => choice([{ Next: "E", ...r }]);
const RULE = "/States/C/Choices[0]";

describe("Choices", () => {
  it("is required, an array, and not empty", () => {
    expect(errorsOf(machine({ C: { Type: "Choice", Default: "E" }, ...END }))).toEqual([schema("These fields are required: [Choices]", "/States/C")]);
    expect(errorsOf(choice({}))).toEqual([schema("Expected value of type [ARRAY]", "/States/C/Choices")]);
    expect(errorsOf(choice([]))).toEqual([schema("Value cannot be empty", "/States/C/Choices")]);
  });

  it("takes a string Default", () => {
    expect(errorsOf(choice([{ Variable: "$.x", IsPresent: true, Next: "E" }], { Default: 1 }))).toContainEqual(
      schema("Expected value of type [STRING]", "/States/C/Default"),
    );
  });
});

describe("JSONPath rules", () => {
  it("accepts the documented operators with values of their type", () => {
    const rules = [
      { Variable: "$.s", StringEquals: "a", Next: "E" },
      { Variable: "$.s", StringMatches: "log-*.txt", Next: "E" },
      { Variable: "$.n", NumericGreaterThanEquals: 20, Next: "E" },
      { Variable: "$.b", BooleanEquals: false, Next: "E" },
      { Variable: "$.t", TimestampLessThan: "2001-01-01T12:00:00Z", Next: "E" },
      { Variable: "$.t", TimestampEqualsPath: "$.other", Next: "E" },
      { Variable: "$$.Execution.Input.x", IsNull: true, Next: "E" },
      { Variable: "$myVar", IsPresent: true, Next: "E" },
    ];
    expect(errorsOf(choice(rules))).toEqual([]);
  });

  it("requires Next on a top-level rule", () => {
    expect(errorsOf(choice([{ Variable: "$.x", IsPresent: true }]))).toEqual([schema("These fields are required: [Next]", RULE)]);
  });

  it("wants exactly one comparison operator with a Variable", () => {
    expect(errorsOf(rule({ Variable: "$.x", StringEquals: "a", NumericEquals: 1 }))).toEqual([
      schema("There should only be one of the following fields: [StringEquals, NumericEquals]", RULE),
    ]);
    const [none] = errorsOf(rule({ Variable: "$.x" }));
    expect(none).toMatchObject({ location: RULE });
    expect(none!.message.startsWith("This object should have only one of the following fields: [StringEquals,")).toBe(true);
  });

  it("wants exactly one of And, Or, Not, Variable", () => {
    expect(errorsOf(rule({ StringEquals: "a" }))).toEqual([schema("This object should have only one of the following fields: [And, Or, Not, Variable]", RULE)]);
    expect(errorsOf(rule({ Variable: "$.x", IsPresent: true, Not: { Variable: "$.y", IsPresent: true } }))).toEqual([
      schema("There should only be one of the following fields: [And, Or, Not, Variable]", RULE),
    ]);
  });

  it("checks operator values", () => {
    expect(errorsOf(rule({ Variable: "$.x", StringEquals: 1 }))).toEqual([schema("Expected value of type [STRING]", `${RULE}/StringEquals`)]);
    expect(errorsOf(rule({ Variable: "$.x", NumericEquals: "1" }))).toEqual([schema("Expected value of type [NUMBER]", `${RULE}/NumericEquals`)]);
    expect(errorsOf(rule({ Variable: "$.x", BooleanEquals: "true" }))).toEqual([schema("Expected value of type [BOOLEAN]", `${RULE}/BooleanEquals`)]);
    expect(errorsOf(rule({ Variable: "$.x", IsNull: 1 }))).toEqual([schema("Expected value of type [BOOLEAN]", `${RULE}/IsNull`)]);
    expect(errorsOf(rule({ Variable: "$.x", TimestampEquals: "yesterday" }))).toEqual([
      schema("String does not match RFC3339 timestamp", `${RULE}/TimestampEquals`),
    ]);
    expect(errorsOf(rule({ Variable: "$.x", StringEqualsPath: "x" })).map((d) => d.location)).toEqual([`${RULE}/StringEqualsPath`]);
    expect(errorsOf(rule({ Variable: "x", IsPresent: true })).map((d) => d.location)).toEqual([`${RULE}/Variable`]);
  });

  it("checks And, Or and Not, whose rules carry no Next", () => {
    const ok = rule({ And: [{ Variable: "$.v", NumericGreaterThanEquals: 20 }, { Not: { Variable: "$.v", NumericLessThan: 30 } }] });
    expect(errorsOf(ok)).toEqual([]);
    expect(errorsOf(rule({ Or: [] }))).toEqual([schema("Value cannot be empty", `${RULE}/Or`)]);
    expect(errorsOf(rule({ Or: [{ Variable: "$.v", IsPresent: true, Next: "E" }] }))).toEqual([schema("Field 'Next' is not supported", `${RULE}/Or[0]`)]);
    expect(errorsOf(rule({ Not: { Variable: "$.v", IsPresent: true, Next: "E" } }))).toEqual([schema("Field 'Next' is not supported", `${RULE}/Not`)]);
    expect(errorsOf(rule({ And: [{ Variable: "$.v", StringEquals: 3 }] }))).toEqual([schema("Expected value of type [STRING]", `${RULE}/And[0]/StringEquals`)]);
  });

  it("rejects unknown rule fields and JSONata's Condition", () => {
    expect(errorsOf(rule({ Variable: "$.x", IsPresent: true, Foo: 1 }))).toEqual([schema("Field 'Foo' is not supported", RULE)]);
    expect(errorsOf(rule({ Condition: true }))).toEqual([
      schema("The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage", RULE),
      schema("This object should have only one of the following fields: [And, Or, Not, Variable]", RULE),
    ]);
  });

  it("takes Assign on a rule", () => {
    expect(errorsOf(rule({ Variable: "$.x", IsPresent: true, Assign: { "v.$": "$.x" } }))).toEqual([]);
  });

  it("bounds nesting", () => {
    let nested: Record<string, unknown> = { Variable: "$.x", IsPresent: true };
    for (let i = 0; i < 150; i++) nested = { Not: nested };
    expect(errorsOf(rule(nested)).map((d) => d.message)).toEqual(["Choice rules are nested more than 100 levels deep"]);
  });
});

describe("JSONata rules", () => {
  const JSONATA = { QueryLanguage: "JSONata" };
  const jrule = (r: Record<string, unknown>) => choice([{ Next: "E", ...r }], {}, JSONATA);

  it("takes a Condition (expression or boolean), Next, Assign and Output", () => {
    expect(errorsOf(jrule({ Condition: "{% $states.input.x > 1 %}", Assign: { y: "{% 1 %}" }, Output: { z: 1 } }))).toEqual([]);
    expect(errorsOf(jrule({ Condition: true }))).toEqual([]);
  });

  it("requires a Condition", () => {
    expect(errorsOf(jrule({}))).toEqual([schema("These fields are required: [Condition]", RULE)]);
    expect(errorsOf(jrule({ Condition: "x > 1" }))).toEqual([schema("Expected value of type [BOOLEAN]", `${RULE}/Condition`)]);
  });

  it("refuses the JSONPath comparison fields", () => {
    expect(errorsOf(jrule({ Condition: true, Variable: "$.x" }))).toEqual([
      schema("The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage", RULE),
    ]);
  });
});
