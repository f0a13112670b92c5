import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { isStatesFailure } from "../errors.js";
import { createVariableFrame, type EvalScope } from "../scope.js";
import { compileTemplate, evaluateAs, evaluateAssign, evaluateCondition, type StatesBinding } from "./index.js";

function scope(vars: Record<string, JsonValue> = {}): EvalScope {
  const variables = createVariableFrame();
  for (const [k, v] of Object.entries(vars)) variables.values.set(k, v);
  return { context: {}, variables, random: { uuid: () => "u", float: () => 0.5 }, now: 0, stateName: "S", enteredEventId: 3 };
}

const states = (input: JsonValue): StatesBinding => ({ input, context: {} });

async function causeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (e) {
    if (isStatesFailure(e)) return e.cause;
    throw e;
  }
  throw new Error("did not fail");
}

describe("evaluateAs", () => {
  it("returns values of the asked kind", async () => {
    const t = (v: JsonValue) => compileTemplate(v);
    expect(await evaluateAs(t("{% $states.input.n %}"), "integer", states({ n: 3 }), scope(), "MaxConcurrency")).toBe(3);
    expect(await evaluateAs(t("{% 1.5 %}"), "number", states({}), scope(), "Seconds")).toBe(1.5);
    expect(await evaluateAs(t([1, "{% $number('2') %}", 3]), "array", states({}), scope(), "Items")).toEqual([1, 2, 3]);
    expect(await evaluateAs(t("{% 'E' %}"), "string", states({}), scope(), "Error")).toBe("E");
    expect(await evaluateAs(t({ a: "{% 1 %}" }), "object", states({}), scope(), "Arguments")).toEqual({ a: 1 });
  });

  it("refuses a non-integer where an integer is needed", async () => {
    expect(await causeOf(() => evaluateAs(compileTemplate("{% 1.5 %}"), "integer", states({}), scope(), "MaxConcurrency"))).toBe(
      "An error occurred while executing the state 'S' (entered at the event id #3). The JSONata expression '1.5' specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5",
    );
  });

  it("checks literal values too", async () => {
    expect(await causeOf(() => evaluateAs(compileTemplate("x"), "number", states({}), scope(), "Seconds"))).toContain(
      "The value specified for the field 'Seconds' has an unexpected type. Expected 'number', but was 'string'",
    );
  });
});

describe("evaluateCondition", () => {
  const condition = compileTemplate("{% $states.input.value >= 20 and $states.input.value < 30 %}");

  it("evaluates the AWS docs' Choice example", async () => {
    expect(await evaluateCondition(condition, states({ type: "Private", value: 22 }), scope())).toBe(true);
    expect(await evaluateCondition(condition, states({ value: 30 }), scope())).toBe(false);
    expect(await evaluateCondition(compileTemplate(true), states({}), scope())).toBe(true);
    expect(await evaluateCondition(compileTemplate("{% $status = 'completed' %}"), states({}), scope({ status: "completed" }))).toBe(true);
  });

  it("fails when the condition is not a boolean", async () => {
    const cause = await causeOf(() => evaluateCondition(compileTemplate("{% $states.input.x %}"), states({ x: "yes" }), scope(), "Choices[0]/Condition"));
    expect(cause).toContain(
      "The JSONata expression '$states.input.x' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\"",
    );
  });
});

describe("evaluateAssign", () => {
  it("evaluates every value against the variables as they were on entry (AWS docs example)", async () => {
    const assign = compileTemplate({ x: "{% $a %}", nextX: "{% $x %}" });
    const assigned = await evaluateAssign(assign, states({}), scope({ x: 3, a: 6 }));
    expect([...assigned]).toEqual([["x", 6], ["nextX", 3]]);
  });

  it("passes constants through and names failing values under Assign", async () => {
    expect([...(await evaluateAssign(compileTemplate({ result: "SUCCESS" }), states({}), scope()))]).toEqual([["result", "SUCCESS"]]);
    expect(await causeOf(() => evaluateAssign(compileTemplate({ result: "{% $nope %}" }), states({}), scope()))).toContain(
      "specified for the field 'Assign/result' returned nothing (undefined).",
    );
  });
});
