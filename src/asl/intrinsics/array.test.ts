import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { StatesFailure } from "../errors.js";
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
const fails = (text: string, input: JsonValue = {}) => {
  const name = text.slice(0, text.indexOf("("));
  expect(() => run(text, input), text).toThrow(StatesFailure);
  expect(() => run(text, input), text).toThrow(`Invalid arguments in ${name}`);
};
const nine = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

describe("States.Array", () => {
  it("builds arrays from any arguments (AWS docs example)", () => {
    expect(run("States.Array($.Id)", { Id: 123456 })).toEqual([123456]);
    expect(run("States.Array()")).toEqual([]);
    expect(run("States.Array(false, '', 0, null, $.o, States.Array(1))", { o: { k: 1 } })).toEqual([false, "", 0, null, { k: 1 }, [1]]);
  });
});

describe("States.ArrayPartition", () => {
  it("chunks an array (AWS docs example)", () => {
    expect(run("States.ArrayPartition($.inputArray, 4)", nine)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });
  it("handles empty arrays, oversized chunks and nested items", () => {
    expect(run("States.ArrayPartition($.a, 3)", { a: [] })).toEqual([]);
    expect(run("States.ArrayPartition($.a, 2147483647)", { a: [1, 2, 3] })).toEqual([[1, 2, 3]]);
    expect(run("States.ArrayPartition($.a, 2)", { a: [[1], [2], [3]] })).toEqual([[[1], [2]], [[3]]]);
  });
  it("truncates a fractional chunk size, as recorded on AWS", () => {
    expect(run("States.ArrayPartition($.a, 2.6)", { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
    expect(run("States.ArrayPartition($.a, 2.4)", { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
  });
  it("rejects chunk sizes below 1 and non-array or non-number arguments", () => {
    for (const size of ["0", "-1", "0.6", "0.49", "-0.4", "-0.6", "'2'", "null"]) fails(`States.ArrayPartition($.a, ${size})`, { a: [1, 2, 3] });
    fails("States.ArrayPartition('not-array', 2)");
    fails("States.ArrayPartition($.o, 2)", { o: {} });
  });
});

describe("States.ArrayContains", () => {
  it("finds a value (AWS docs example)", () => {
    expect(run("States.ArrayContains($.inputArray, $.lookingFor)", { ...nine, lookingFor: 5 })).toBe(true);
    expect(run("States.ArrayContains($.inputArray, 10)", nine)).toBe(false);
  });
  it("matches recorded AWS results", () => {
    expect(run("States.ArrayContains($.a, $.b)", { a: [], b: [] })).toBe(false);
    expect(run("States.ArrayContains($.a, $.b)", { a: [[1, 2, 3], 2], b: [1, 2, 3] })).toBe(true);
    expect(run("States.ArrayContains($.a, $.b)", { a: [{ "1": 2, "2": [] }], b: [] })).toBe(false);
    expect(run("States.ArrayContains($.a, true)", { a: [true, false] })).toBe(true);
    expect(run("States.ArrayContains($.a, null)", { a: [1, null, 3] })).toBe(true);
    expect(run("States.ArrayContains($.a, $.t)", { a: [{ a: 1 }, { b: 2 }], t: { a: 1 } })).toBe(true);
    expect(run("States.ArrayContains($.a, $.t)", { a: [{ a: 1 }], t: { a: 1, extra: null } })).toBe(false);
    expect(run("States.ArrayContains($.a, false)", { a: [0, 1, -1, -1.5] })).toBe(false);
  });
  it("compares by Java text like AWS: key order matters, a number matches its string", () => {
    expect(run("States.ArrayContains($.a, $.t)", { a: [{ a: 1, b: 2 }], t: { b: 2, a: 1 } })).toBe(false);
    expect(run("States.ArrayContains($.a, $.t)", { a: ["-1", "9007199254740991"], t: 9007199254740991 })).toBe(true);
    expect(run("States.ArrayContains($.a, true)", { a: ["true", "false"] })).toBe(true);
  });
  it("rejects a non-array first argument", () => {
    fails("States.ArrayContains('not-array', 'x')");
  });
});

describe("States.ArrayRange", () => {
  it("builds the documented range and recorded ones", () => {
    expect(run("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(run("States.ArrayRange(0, 9, 3)")).toEqual([0, 3, 6, 9]);
    expect(run("States.ArrayRange(0, 10, 3)")).toEqual([0, 3, 6, 9]);
    expect(run("States.ArrayRange(1, 9, 9)")).toEqual([1]);
    expect(run("States.ArrayRange(0, 3, 1)")).toEqual([0, 1, 2, 3]);
  });
  it("counts down with a negative step and is empty in the wrong direction", () => {
    expect(run("States.ArrayRange(5, 1, -2)")).toEqual([5, 3, 1]);
    expect(run("States.ArrayRange(9, -1, -2)")).toEqual([9, 7, 5, 3, 1, -1]);
    expect(run("States.ArrayRange(5, 1, 1)")).toEqual([]);
    expect(run("States.ArrayRange(1, 5, -1)")).toEqual([]);
    expect(run("States.ArrayRange(3, 3, -1)")).toEqual([3]);
  });
  it("truncates fractional arguments, as recorded on AWS", () => {
    expect(run("States.ArrayRange(1.6, 1.4, 1)")).toEqual([1]);
    expect(run("States.ArrayRange(5.4, -0.6, -2.4)")).toEqual([5, 3, 1]);
    expect(run("States.ArrayRange(1.4, 5.6, 2.2)")).toEqual([1, 3, 5]);
  });
  it("allows exactly 1000 items and rejects 1001", () => {
    expect(run("States.ArrayRange(1, 1000, 1)")).toHaveLength(1000);
    expect(run("States.ArrayRange(1000, 1, -1)")).toHaveLength(1000);
    fails("States.ArrayRange(1, 1001, 1)");
    fails("States.ArrayRange(1001, 1, -1)");
  });
  it("rejects a zero step and non-numbers", () => {
    fails("States.ArrayRange(1, 10, 0)");
    fails("States.ArrayRange(1, 10, 0.49)");
    fails("States.ArrayRange('a', 5, 1)");
    fails("States.ArrayRange(1, 'b', 1)");
    fails("States.ArrayRange(1, 5, null)");
  });
});

describe("States.ArrayGetItem", () => {
  it("returns the item at an index (AWS docs example)", () => {
    expect(run("States.ArrayGetItem($.inputArray, $.index)", { ...nine, index: 5 })).toBe(6);
    expect(run("States.ArrayGetItem($.a, 0)", { a: [null] })).toBeNull();
    expect(run("States.ArrayGetItem($.a, 1)", { a: [{ a: 1 }, { b: 2 }] })).toEqual({ b: 2 });
  });
  it("truncates a fractional index and gives null for an empty array, as recorded on AWS", () => {
    expect(run("States.ArrayGetItem($.a, 1.2)", { a: [10, 20, 30] })).toBe(20);
    expect(run("States.ArrayGetItem($.a, 999)", { a: [] })).toBeNull();
  });
  it("rejects out-of-bounds and non-integer indexes", () => {
    fails("States.ArrayGetItem($.a, 3)", { a: [10, 20, 30] });
    fails("States.ArrayGetItem($.a, -1)", { a: [10, 20, 30] });
    fails("States.ArrayGetItem($.a, '1')", { a: [10, 20, 30] });
    fails("States.ArrayGetItem('not-array', 0)");
  });
});

describe("States.ArrayLength", () => {
  it("counts top-level items (AWS docs example)", () => {
    expect(run("States.ArrayLength($.inputArray)", nine)).toBe(9);
    expect(run("States.ArrayLength(States.Array())")).toBe(0);
    expect(run("States.ArrayLength($.a)", { a: [[1], [2], [3]] })).toBe(3);
  });
  it("rejects non-arrays", () => {
    fails("States.ArrayLength('not-array')");
    fails("States.ArrayLength($.o)", { o: { k: 1 } });
  });
});

describe("States.ArrayUnique", () => {
  it("removes duplicates keeping first occurrences (AWS docs example)", () => {
    expect(run("States.ArrayUnique($.inputArray)", { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
  });
  it("compares objects by content and keeps different types apart", () => {
    const input = { a: [{ x: 1, y: 2 }, { y: 2, x: 1 }, "1", 1, [1], [1], null, null] };
    expect(run("States.ArrayUnique($.a)", input)).toEqual([{ x: 1, y: 2 }, "1", 1, [1], null]);
  });
  it("rejects non-arrays", () => {
    fails("States.ArrayUnique('abc')");
  });
});
