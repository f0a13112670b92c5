import { describe, it, expect } from "vitest";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { createVariableFrame, type EvalScope, type VariableFrame } from "../scope.js";
import { compileTemplate, isJsonataExpression, JsonataSyntaxError, type StatesBinding } from "./index.js";

const CONTEXT: JsonObject = { Execution: { Id: "arn:exec", Name: "exec" }, State: { Name: "State0" } };

function scopeWith(vars: Record<string, JsonValue> = {}, parent?: VariableFrame): EvalScope {
  const frame = createVariableFrame(parent);
  for (const [k, v] of Object.entries(vars)) frame.values.set(k, v);
  return {
    context: CONTEXT,
    variables: frame,
    random: { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0.25 },
    now: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    stateName: "State0",
    enteredEventId: 2,
  };
}

const states = (input: JsonValue, more: Partial<StatesBinding> = {}): StatesBinding => ({ input, context: CONTEXT, ...more });

const run = (value: JsonValue, input: JsonValue = {}, scope = scopeWith(), more: Partial<StatesBinding> = {}) =>
  compileTemplate(value).evaluate(states(input, more), scope, "Output");

describe("isJsonataExpression", () => {
  it("needs {% at the start and %} at the end, nothing around them", () => {
    expect(isJsonataExpression("{% $x %}")).toBe(true);
    expect(isJsonataExpression("{%$x%}")).toBe(true);
    expect(isJsonataExpression(" {% $x %}")).toBe(false);
    expect(isJsonataExpression("{% $x %} ")).toBe(false);
    expect(isJsonataExpression("$states.input")).toBe(false);
    expect(isJsonataExpression("{%}")).toBe(false);
  });
});

describe("compileTemplate: literals", () => {
  // test_base_cases[BASE_LITERALS] (recorded against AWS): none of these strings is evaluated.
  const literals: JsonObject = {
    constant_null: null,
    constant_int: 0,
    constant_float: 0.1,
    constant_bool: true,
    constant_str: "constant string",
    constant_not_jsonata: " {% states.input %} ",
    constant_varpath_states: "$states.input",
    constant_jp_input: "$",
    "constant_jp_input.$": "$",
    constant_if: "States.Format('Format:{}', 101)",
    constant_lst: [null, 0, 0.1, true, [], { constant: 0 }, " {% states.input %} ", "$no.such.var.path"],
    constant_obj: { in_obj_constant_obj: { constant: 0 } },
  };

  it("returns the very same value, flagged constant", async () => {
    const template = compileTemplate(literals);
    expect(template.constant).toBe(true);
    expect(await template.evaluate(states({ a: 1 }), scopeWith(), "Output")).toBe(literals);
  });

  it("accepts any JSON value, not only objects", async () => {
    for (const v of [null, 0.1, true, "string literal", [null, 0, "$nosuchvar"]] as JsonValue[]) {
      expect(await run(v)).toBe(v);
    }
  });
});

describe("compileTemplate: expressions", () => {
  it("evaluates a whole-field expression to any JSON type", async () => {
    expect(await run("{% $states.input %}", { a: [1, 2] })).toEqual({ a: [1, 2] });
    expect(await run("{% $sum($states.input.values) + 1 %}", { values: [1, 2, 3] })).toBe(7);
    expect(await run("{% 'x' & 'y' %}")).toBe("xy");
    expect(await run("{% null %}")).toBeNull();
  });

  it("substitutes nested expressions and shares constant sub-trees", async () => {
    const constantPart = { deep: { list: [1, 2] } };
    const template = compileTemplate({ fixed: constantPart, list: [null, "{% $states.input %}", { key: "{% true %}" }] });
    expect(template.constant).toBe(false);
    const out = (await template.evaluate(states("in"), scopeWith(), "Output")) as JsonObject;
    expect(out).toEqual({ fixed: constantPart, list: [null, "in", { key: true }] });
    expect(out.fixed).toBe(constantPart);
  });

  it("returns input values as they are, without copying", async () => {
    const input = { order: { items: [{ id: 1 }] } };
    expect(await run("{% $states.input.order %}", input)).toBe(input.order);
  });

  it("AWS example: Input and Output", async () => {
    // https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-examples
    const input = { customer: { firstName: "Martha", lastName: "Rivera" }, order: { items: 7, total: 27.91 } };
    const output = { lastName: "{% 'Last=>' & $states.input.customer.lastName %}", orderValue: "{% $states.input.order.total %}" };
    expect(await run(output, input)).toEqual({ lastName: "Last=>Rivera", orderValue: 27.91 });
  });

  it("AWS example: filtering", async () => {
    const input = {
      products: [
        { calories: 140, flavour: "Cola", name: "Product-1" },
        { calories: 0, flavour: "Cola", name: "Product-2" },
        { calories: 0, flavour: "Lime", name: "Product-5" },
      ],
    };
    const out = await run({ dietProducts: "{% $states.input.products[calories=0] %}" }, input);
    expect(out).toEqual({ dietProducts: [input.products[1], input.products[2]] });
  });

  it("keeps a singleton array from the input an array (test_map_state_items_input_array[singleton])", async () => {
    expect(await run("{% $states.input.items %}", { items: [0] })).toEqual([0]);
  });

  it("returns plain arrays: jsonata's sequence markers do not leak", async () => {
    const out = (await run({ ids: "{% $states.input.a.b %}" }, { a: [{ b: 1 }, { b: 2 }] })) as JsonObject;
    expect(Object.keys(out.ids as JsonValue[])).toEqual(["0", "1"]);
  });

  it("cleans sequences nested in values the expression builds", async () => {
    const out = (await run("{% {'ids': $states.input.a.b, 'n': [1/0]} %}", { a: [{ b: 1 }, { b: 2 }] })) as JsonObject;
    expect(out).toEqual({ ids: [1, 2], n: ["Infinity"] });
    expect(Object.keys(out.ids as JsonValue[])).toEqual(["0", "1"]);
  });

  it("answers a non-finite number with its name, as AWS does", async () => {
    expect(await run("{% 1/0 %}")).toBe("Infinity");
  });

  it("compares with escaped quotes (test_escape_sequence_parsing)", async () => {
    expect(await run("{% $states.input = '\"' %}", '"')).toBe(true);
  });
});

describe("compileTemplate: $states and variables", () => {
  it("binds input, result, errorOutput and context", async () => {
    const more = { result: { r: 1 }, errorOutput: { Error: "E", Cause: "C" } };
    const out = await run(
      { i: "{% $states.input %}", r: "{% $states.result.r %}", e: "{% $states.errorOutput.Error %}", c: "{% $states.context.State.Name %}" },
      "in",
      scopeWith(),
      more,
    );
    expect(out).toEqual({ i: "in", r: 1, e: "E", c: "State0" });
  });

  it("reads workflow variables, including those of outer frames", async () => {
    const outer = scopeWith({ var_input_value: "string literal", var_constant_1: 1 });
    const inner = scopeWith({ local: 10 }, outer.variables);
    const out = await run(
      { a: "{% $var_input_value %}", b: "{% $sum($states.input.input_values) + $var_constant_1 + $local %}" },
      { input_values: [1, 2, 3] },
      inner,
    );
    expect(out).toEqual({ a: "string literal", b: 17 });
  });

  it("lets an assigned variable hold null, and local bindings shadow nothing outside", async () => {
    expect(await run("{% $exists($v) %}", {}, scopeWith({ v: null }))).toBe(true);
    expect(await run("{% ($v := 5; $v * 2) %}", {}, scopeWith({ v: 1 }))).toBe(10);
    expect(await run("{% $variable := 1 %}")).toBe(1);
  });
});

describe("compileTemplate: syntax errors", () => {
  it("throws JsonataSyntaxError at compile time, naming the expression and jsonata's error", () => {
    let error: unknown;
    try {
      compileTemplate({ a: ["ok", "{% 1 + %}"] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonataSyntaxError);
    const e = error as JsonataSyntaxError;
    expect(e.expression).toBe("1 +");
    expect(e.code).toBe("S0207");
    expect(e.detail).toBe("Unexpected end of expression");
    expect(e.pointer).toBe("/a/1");
    expect(e.message).toBe("Invalid JSONata expression '1 +': S0207: Unexpected end of expression");
  });
});
