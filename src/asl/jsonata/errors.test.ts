import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { isStatesFailure, StatesError } from "../errors.js";
import { createVariableFrame, type EvalScope } from "../scope.js";
import { compileTemplate, evaluateAs, type CompiledTemplate } from "./index.js";

function scope(stateName = "State0", enteredEventId = 2, vars: Record<string, JsonValue> = {}): EvalScope {
  const variables = createVariableFrame();
  for (const [k, v] of Object.entries(vars)) variables.values.set(k, v);
  return {
    context: {},
    variables,
    random: { uuid: () => "u", float: () => 0.5 },
    now: 0,
    stateName,
    enteredEventId,
  };
}

/** The failure `action` rejects with, as AWS reports it. */
async function failureOf(action: () => Promise<unknown>): Promise<{ error: string; cause: string | undefined }> {
  try {
    await action();
  } catch (e) {
    if (isStatesFailure(e)) return { error: e.error, cause: e.cause };
    throw e;
  }
  throw new Error("did not fail");
}

const evaluate = (template: CompiledTemplate, field: string, s = scope(), input: JsonValue = {}) =>
  () => template.evaluate({ input, context: {} }, s, field);

const prefix = (state: string, id: number) =>
  `An error occurred while executing the state '${state}' (entered at the event id #${id}). `;

describe("returned nothing (test_undefined_reference recordings)", () => {
  const cases: [JsonValue, string, string][] = [
    ["{% $doesNotExist %}", "Output", "Output"],
    [{ result: "{% $doesNotExist %}" }, "Output", "Output/result"],
    [{ result: "{% $doesNotExist %}" }, "Assign", "Assign/result"],
    ["{% $doesNotExist %}", "Arguments", "Arguments"],
    [{ FunctionName: "{% $doesNotExist %}" }, "Arguments", "Arguments/FunctionName"],
  ];
  for (const [value, field, named] of cases) {
    it(`names the field ${named}`, async () => {
      expect(await failureOf(evaluate(compileTemplate(value), field))).toEqual({
        error: StatesError.QueryEvaluationError,
        cause: `${prefix("State0", 2)}The JSONata expression '$doesNotExist' specified for the field '${named}' returned nothing (undefined).`,
      });
    });
  }

  it("names array elements by index", async () => {
    const failure = await failureOf(evaluate(compileTemplate({ a: [1, "{% $states.input.missing %}"] }), "Output"));
    expect(failure.cause).toContain("specified for the field 'Output/a[1]' returned nothing");
  });
});

describe("unexpected result type (test_map_state_items_eval_jsonata_fail recordings)", () => {
  const items = (expr: string, s = scope("MapIterateState", 2)) =>
    failureOf(() => evaluateAs(compileTemplate(`{% ${expr} %}`), "array", { input: {}, context: {} }, s, "Items"));
  const cases: [string, string][] = [
    ["1", "Expected 'array', but was 'number' for value: 1"],
    ["'string'", `Expected 'array', but was 'string' for value: "string"`],
    ["{'foo': 'bar'}", `Expected 'array', but was 'object' for value: {"foo":"bar"}`],
    ["null", "Expected 'array', but was 'null' for value: null"],
  ];
  for (const [expr, tail] of cases) {
    it(`Items = {% ${expr} %}`, async () => {
      expect((await items(expr)).cause).toBe(
        `${prefix("MapIterateState", 2)}The JSONata expression '${expr}' specified for the field 'Items' returned an unexpected result type. ${tail}`,
      );
    });
  }

  it("reads the variable the same way (variable_sampling recordings)", async () => {
    const s = scope("MapIterateState", 4, { ItemsVar: true });
    expect((await items("$ItemsVar", s)).cause).toBe(
      `${prefix("MapIterateState", 4)}The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'boolean' for value: true`,
    );
  });

  it("reports a function result as unsupported, also when merely selected", async () => {
    expect((await items("$sum")).cause).toContain("The JSONata expression '$sum' specified for the field 'Items' returned an unsupported result type.");
    expect((await items("$fn := function($x){$x}")).cause).toBe(
      `${prefix("MapIterateState", 2)}The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.`,
    );
  });
});

describe("threw an error during evaluation", () => {
  const cause = async (expr: string) =>
    (await failureOf(evaluate(compileTemplate({ r: `{% ${expr} %}` }), "Output"))).cause;
  const sentence = (expr: string) => `${prefix("State0", 2)}The JSONata expression '${expr}' specified for the field 'Output/r' threw an error during evaluation`;

  it("appends jsonata's code and message", async () => {
    expect(await cause(`$sum("a")`)).toBe(`${sentence(`$sum("a")`)}. T0412: Argument 1 of function "sum" must be an array of "numbers"`);
    expect(await cause("$abs('x')")).toBe(`${sentence("$abs('x')")}. T0410: Argument 1 of function "abs" does not match function signature`);
    expect(await cause("1 + 'a'")).toBe(`${sentence("1 + 'a'")}. T2002: The right side of the "+" operator must evaluate to a number`);
  });

  it("stops a deep expression with AWS's stack overflow text", async () => {
    const deep = Array(200).fill("1").join("+");
    expect(await cause(deep)).toBe(
      `${sentence(deep)}: Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.`,
    );
  });

  it("stops a huge sequence with AWS's memory limit text", async () => {
    expect(await cause("[1..900000] ~> $count()")).toBe(
      `${sentence("[1..900000] ~> $count()")}: Expression evaluation memory limit exceeded: Check for excessive memory usage`,
    );
  });

  it("stops an endless loop after AWS's one second", async () => {
    const loop = "($f := function(){ $f() }; $f())";
    expect(await cause(loop)).toBe(`${sentence(loop)}: Expression evaluation timeout: Check for infinite loop`);
  }, 5000);
});
