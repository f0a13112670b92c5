import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import type { EvalScope, Random } from "../scope.js";
import { compileIntrinsic } from "./index.js";
import { javaSeededNextInt, javaSeededNextInt32 } from "./java-random.js";

const scopeWith = (random: Random): EvalScope => ({ context: {}, variables: undefined, random, now: 0, stateName: "S", enteredEventId: 2 });
const scope = scopeWith({ uuid: () => "u", float: () => 0.5 });
const run = (text: string, input: JsonValue = {}, s: EvalScope = scope) => compileIntrinsic(text).evaluate(input, s);

describe("States.MathAdd", () => {
  it("adds the AWS docs example", () => {
    expect(run("States.MathAdd($.value1, $.step)", { value1: 111, step: -1 })).toBe(110);
  });
  it("rounds each argument half up first, as recorded on AWS", () => {
    const add = (fst: number, snd: number) => run("States.MathAdd($.fst, $.snd)", { fst, snd });
    const recorded: [number, number, number][] = [
      [1.49, 1.5, 3], [-1.49, -1.5, -2], [-1.5, -1.51, -3], [1.49, 0, 1], [1.49, -1.49, 0], [1.5, 0, 2], [1.51, 0, 2],
      [-1.49, 0, -1], [-1.5, 0, -1], [-1.51, 0, -2], [0.5, 0, 1], [2.5, 0, 3], [3.5, 0, 4], [-0.5, 0.5, 1], [-0.5, 0, 0],
      [-2.5, 0, -2], [-3.5, 0, -3],
    ];
    for (const [a, b, sum] of recorded) expect(add(a, b), `${a} + ${b}`).toBe(sum);
    expect(Object.is(add(-0.5, 0), 0)).toBe(true);
  });
  it("accepts the int32 range and rejects values outside it or non-numbers", () => {
    expect(run("States.MathAdd(2147483647, -2147483648)")).toBe(-1);
    expect(() => run("States.MathAdd(2147483648, 0)")).toThrow("Invalid arguments in States.MathAdd");
    expect(() => run("States.MathAdd($.a, 1)", { a: "NOT A NUMBER" })).toThrow("Invalid arguments in States.MathAdd");
    expect(() => run("States.MathAdd(null, 1)")).toThrow("Invalid arguments in States.MathAdd");
  });
});

describe("java.util.Random", () => {
  it("reproduces Java's known values", () => {
    expect(javaSeededNextInt32(42n)).toBe(-1170105035);
    expect(javaSeededNextInt(42n, 10)).toBe(0);
    expect(javaSeededNextInt(0n, 100)).toBe(60);
    expect(javaSeededNextInt(42n, 64)).toBe(Math.floor(((-1170105035 >>> 0) >>> 1) / 2 ** 25));
  });
});

describe("States.MathRandom", () => {
  it("maps the scope's randomness onto [start, end)", () => {
    const at = (f: number) => run("States.MathRandom($.start, $.end)", { start: 1, end: 999 }, scopeWith({ uuid: () => "u", float: () => f }));
    expect(at(0)).toBe(1);
    expect(at(0.5)).toBe(500);
    expect(at(0.9999999)).toBe(998);
  });
  it("is deterministic for a seed, matching AWS (seed 42 over [-5, 5) is -5)", () => {
    expect(run("States.MathRandom(-5, 5, 42)")).toBe(-5);
    const a = run("States.MathRandom(0, 999, 3)");
    expect(run("States.MathRandom(0, 999, 3)")).toBe(a);
    expect(a).toBe(javaSeededNextInt(3n, 999));
    const noRandom = scopeWith({ uuid: () => "u", float: () => { throw new Error("seeded calls must not use scope randomness"); } });
    expect(run("States.MathRandom(1, 10, -10)", {}, noRandom)).toBe(1 + javaSeededNextInt(-10n, 9));
  });
  it("truncates bounds, as recorded on AWS", () => {
    const low = scopeWith({ uuid: () => "u", float: () => 0 });
    const high = scopeWith({ uuid: () => "u", float: () => 0.999999 });
    expect(run("States.MathRandom(1.6, 5.4)", {}, low)).toBe(1);
    expect(run("States.MathRandom(1.6, 5.4)", {}, high)).toBe(4);
  });
  it("rejects empty ranges and non-number arguments", () => {
    for (const text of ["States.MathRandom(1, 1)", "States.MathRandom(10, 5)", "States.MathRandom(1.4, 1.6)", "States.MathRandom(1.49, 1.49)",
      "States.MathRandom('a', 10)", "States.MathRandom(1, 'b')", "States.MathRandom(1, 10, 'seed')", "States.MathRandom(1, 10, null)"]) {
      expect(() => run(text), text).toThrow("Invalid arguments in States.MathRandom");
    }
  });
});
