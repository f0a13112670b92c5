import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { StatesError, StatesFailure } from "../errors.js";
import { createVariableFrame, type EvalScope } from "../scope.js";
import { compileIntrinsic, isIntrinsicCall, IntrinsicSyntaxError } from "./index.js";

const variables = createVariableFrame();
variables.values.set("greeting", "Hi");
variables.values.set("obj", { list: [10, 20] });
const scope: EvalScope = {
  context: { Execution: { Id: "arn:exec", Input: { fromContext: "ctx" } }, Map: { Item: { Value: "Pikachu" } } },
  variables,
  random: { uuid: () => "11111111-2222-4333-8444-555555555555", float: () => 0.5 },
  now: 0,
  stateName: "Build",
  enteredEventId: 7,
};
const run = (text: string, input: JsonValue = {}) => compileIntrinsic(text).evaluate(input, scope);
const failure = (text: string, input: JsonValue = {}): StatesFailure => {
  try {
    run(text, input);
  } catch (e) {
    if (e instanceof StatesFailure) return e;
    throw e;
  }
  throw new Error(`${text} did not fail`);
};
const PREFIX = "An error occurred while executing the state 'Build' (entered at the event id #7). ";

describe("isIntrinsicCall", () => {
  it("recognises calls written as States.Name(...)", () => {
    expect(isIntrinsicCall("States.Format('{}', $.a)")).toBe(true);
    expect(isIntrinsicCall("States.UUID()")).toBe(true);
    expect(isIntrinsicCall("States.Array (1)")).toBe(true);
  });
  it("rejects paths and other text", () => {
    for (const text of ["$.a", "$$.Execution.Id", "$", "States.", "States.Format", "states.Format()", " States.UUID()", "{% 1 %}"]) {
      expect(isIntrinsicCall(text)).toBe(false);
    }
  });
});

describe("compileIntrinsic", () => {
  it("keeps the source text and evaluates many times against different inputs", () => {
    const call = compileIntrinsic("States.Format('Hello, my name is {}.', $.name)");
    expect(call.source).toBe("States.Format('Hello, my name is {}.', $.name)");
    expect(call.evaluate({ name: "Arnav" }, scope)).toBe("Hello, my name is Arnav.");
    expect(call.evaluate({ name: "Ana" }, scope)).toBe("Hello, my name is Ana.");
  });

  it("reads the context object and variables", () => {
    expect(run("States.Array($$.Execution.Id, $$.Execution.Input.fromContext, $greeting, $obj.list[1])")).toEqual([
      "arn:exec", "ctx", "Hi", 20,
    ]);
    expect(run("States.Format($.template, $$.Map.Item.Value)", { template: "It's {}!" })).toBe("It's Pikachu!");
  });

  it("passes whole input and object values through without copying", () => {
    const input = { a: { deep: [1] } };
    const [whole, part] = run("States.Array($, $.a)", input) as JsonValue[];
    expect(whole).toBe(input);
    expect(part).toBe(input.a);
  });

  it("evaluates the documented nine-function nesting example", () => {
    const text =
      "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), " +
      "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), " +
      "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 2))";
    const input = { ImageRecipe: { Arn: "arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/my-recipe/1.2.3" } };
    expect(run(text, input)).toBe("1.2.3");
  });

  it("feeds nested results into outer calls", () => {
    expect(run("States.ArrayLength(States.ArrayRange(States.MathAdd($.base, 1), States.MathAdd($.base, 5), 2))", { base: 0 })).toBe(3);
    expect(run("States.Base64Decode(States.Base64Encode(States.Format('{}-{}', 'x', $.y)))", { y: "y" })).toBe("x-y");
    expect(run("States.StringToJson(States.JsonToString($.o))", { o: { k: [1, null] } })).toEqual({ k: [1, null] });
    expect(run("States.Array(States.UUID())")).toEqual(["11111111-2222-4333-8444-555555555555"]);
    expect(run("States.UUID()")).toBe("11111111-2222-4333-8444-555555555555");
  });

  it("rejects unknown functions and malformed paths at compile time", () => {
    expect(() => compileIntrinsic("States.Nope(1)")).toThrow(IntrinsicSyntaxError);
    expect(() => compileIntrinsic("States.Array(States.Nope(1))")).toThrow(/unknown intrinsic function States.Nope/);
    expect(() => compileIntrinsic("States.Array($.a..)")).toThrow(IntrinsicSyntaxError);
    expect(() => compileIntrinsic("$.a")).toThrow(IntrinsicSyntaxError);
  });
});

describe("run-time failures", () => {
  it("fail with States.Runtime and AWS's cause, naming the failing call as written", () => {
    const f = failure("States.Array(States.ArrayLength( $.s ))", { s: "text" });
    expect(f.error).toBe(StatesError.Runtime);
    expect(f.cause).toBe(
      `${PREFIX}There was an error while evaluating the intrinsic function: States.ArrayLength( $.s ). Invalid arguments in States.ArrayLength`,
    );
  });

  it("report a path argument that selects nothing, with the state input", () => {
    const f = failure("States.Hash($.missing, 'SHA-256')", { other: 1 });
    expect(f.cause).toBe(
      `${PREFIX}There was an error while evaluating the intrinsic function: States.Hash($.missing, 'SHA-256'). ` +
        `The JsonPath argument for the field '$.missing' could not be found in the input '{"other":1}'`,
    );
    expect(failure("States.Array($$.Execution.Nope)").cause).toContain("The JsonPath argument for the field '$$.Execution.Nope'");
    expect(failure("States.Array($nope)").cause).toContain("The JsonPath argument for the field '$nope'");
  });

  it("report a wrong argument count when the call runs, as AWS does", () => {
    const cases = [
      "States.ArrayRange(1, 5)", "States.ArrayRange(1, 5, 1, 99)", "States.Hash()", "States.Hash('hello')",
      "States.Base64Encode('a', 'b')", "States.ArrayLength()", "States.MathRandom(1)", "States.MathRandom(1, 10, 5, 99)",
      "States.UUID(1)", "States.JsonMerge($, $)", "States.Format()", "States.StringToJson()", "States.JsonToString(1, 2)",
    ];
    for (const text of cases) {
      const call = compileIntrinsic(text);
      const name = text.slice(0, text.indexOf("("));
      expect(() => call.evaluate({}, scope), text).toThrow(`Invalid arguments in ${name}`);
    }
  });

  it("are StatesFailure, never plain errors, for bad argument types", () => {
    const cases = [
      "States.ArrayPartition('x', 1)", "States.ArrayContains(1, 1)", "States.ArrayGetItem(null, 0)", "States.ArrayUnique(true)",
      "States.Base64Encode(1)", "States.Base64Decode($)", "States.StringSplit(1, ',')", "States.StringToJson(1)",
      "States.MathAdd('1', 1)", "States.MathRandom(null, 10)", "States.JsonMerge(1, $, false)", "States.Format(1)",
      "States.Hash('a', 1)",
    ];
    for (const text of cases) expect(failure(text).error, text).toBe(StatesError.Runtime);
  });
});
