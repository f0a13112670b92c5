import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope } from "../scope.js";
import { compileIntrinsic } from "./index.js";

const scope: EvalScope = {
  context: {},
  variables: undefined,
  random: { uuid: () => "u", float: () => 0 },
  now: 0,
  stateName: "S",
  enteredEventId: 2,
};
const run = (text: string, input: JsonValue = {}) => compileIntrinsic(text).evaluate(input, scope);

describe("States.StringToJson", () => {
  it("parses the AWS docs example", () => {
    expect(run("States.StringToJson($.escapedJsonString)", { escapedJsonString: '{"foo": "bar"}' })).toEqual({ foo: "bar" });
  });
  it("matches recorded AWS results", () => {
    const parse = (s: string) => run("States.StringToJson($.s)", { s });
    expect(parse("")).toBeNull();
    expect(parse(" ")).toBeNull();
    expect(parse("null")).toBeNull();
    expect(Object.is(parse("-0"), 0)).toBe(true);
    expect(parse("1")).toBe(1);
    expect(parse("1.1")).toBe(1.1);
    expect(parse("true")).toBe(true);
    expect(parse('"HelloWorld"')).toBe("HelloWorld");
    expect(parse('[1, 2, "HelloWorld"]')).toEqual([1, 2, "HelloWorld"]);
    expect(parse('{"Arg1": 1, "Arg2": []}')).toEqual({ Arg1: 1, Arg2: [] });
  });
  it("fails on text that is not JSON, or a non-string", () => {
    expect(() => run("States.StringToJson($.s)", { s: "{oops" })).toThrow("Invalid arguments in States.StringToJson");
    expect(() => run("States.StringToJson($.s)", { s: { a: 1 } })).toThrow("Invalid arguments in States.StringToJson");
  });
});

describe("States.JsonToString", () => {
  it("serializes the AWS docs example compactly", () => {
    expect(run("States.JsonToString($.unescapedJson)", { unescapedJson: { foo: "bar" } })).toBe('{"foo":"bar"}');
  });
  it("matches recorded AWS results", () => {
    const str = (v: JsonValue) => run("States.JsonToString($.v)", { v });
    expect(str(null)).toBe("null");
    expect(str(0)).toBe("0");
    expect(str(1.1)).toBe("1.1");
    expect(str(true)).toBe("true");
    expect(str("HelloWorld")).toBe('"HelloWorld"');
    expect(str([1, 2, "HelloWorld"])).toBe('[1,2,"HelloWorld"]');
    expect(str({ Arg1: 1, Arg2: [] })).toBe('{"Arg1":1,"Arg2":[]}');
  });
});

describe("States.JsonMerge", () => {
  it("merges shallowly, the second object winning (AWS docs example)", () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(run("States.JsonMerge($.json1, $.json2, false)", input)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
  });
  it("matches the recorded AWS result and leaves its inputs alone", () => {
    const input = { fst: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, snd: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } };
    const before = JSON.stringify(input);
    expect(run("States.JsonMerge($.fst, $.snd, false)", input)).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
    expect(JSON.stringify(input)).toBe(before);
  });
  it("keeps a __proto__ key as data", () => {
    const right = JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue;
    const merged = run("States.JsonMerge($.l, $.r, false)", { l: { a: 1 }, r: right }) as Record<string, JsonValue>;
    expect(Object.keys(merged)).toEqual(["a", "__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
  it("rejects deep merging and non-object arguments", () => {
    const input = { l: { a: 1 }, r: { b: 2 } };
    expect(() => run("States.JsonMerge($.l, $.r, true)", input)).toThrow("Invalid arguments in States.JsonMerge");
    expect(() => run("States.JsonMerge($.l, $.r, 'false')", input)).toThrow("Invalid arguments in States.JsonMerge");
    expect(() => run("States.JsonMerge($.l, States.Array(), false)", input)).toThrow("Invalid arguments in States.JsonMerge");
    expect(() => run("States.JsonMerge(null, $.r, false)", input)).toThrow("Invalid arguments in States.JsonMerge");
  });
});
