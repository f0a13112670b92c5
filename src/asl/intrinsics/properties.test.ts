import { describe, it, expect } from "vitest";
import fc from "fast-check";
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
const call = (text: string) => {
  const compiled = compileIntrinsic(text);
  return (input: JsonValue) => compiled.evaluate(input, scope);
};
/** JSON round trip: how a value looks once it is JSON text (no -0, no undefined). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe("intrinsic properties", () => {
  it("StringToJson(JsonToString(x)) == x", () => {
    const roundTrip = call("States.StringToJson(States.JsonToString($.x))");
    fc.assert(fc.property(fc.jsonValue(), (x) => {
        expect(roundTrip({ x: x as JsonValue })).toEqual(asJson(x));
      }));
  });

  it("Base64Decode(Base64Encode(s)) == s", () => {
    const roundTrip = call("States.Base64Decode(States.Base64Encode($.s))");
    fc.assert(fc.property(fc.fullUnicodeString({ maxLength: 3000 }), (s) => {
        expect(roundTrip({ s })).toBe(s);
      }));
  });

  it("ArrayPartition chunks flatten back to the input, all full but the last", () => {
    const partition = call("States.ArrayPartition($.a, $.n)");
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 60 }), fc.integer({ min: 1, max: 25 }), (a, n) => {
        const chunks = partition({ a: a as JsonValue[], n }) as JsonValue[][];
        expect(chunks.flat()).toEqual(a);
        chunks.forEach((chunk, i) => expect(chunk.length === n || (i === chunks.length - 1 && chunk.length > 0)).toBe(true));
      }),
    );
  });

  it("ArrayUnique is idempotent and keeps first occurrences in order", () => {
    const unique = call("States.ArrayUnique($.a)");
    const small = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom("a", "b", null, true), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(small, { maxLength: 30 }), (a) => {
        const once = unique({ a: a as JsonValue[] }) as JsonValue[];
        expect(unique({ a: once })).toEqual(once);
        const firsts = a.filter((x, i) => a.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);
        expect(once).toEqual(firsts);
      }),
    );
  });

  it("an escaped literal template reproduces its text around the values", () => {
    const escape = (s: string) => s.replace(/[\\'{}]/g, (c) => "\\" + c);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 5 }), (pieces) => {
        const args = pieces.slice(1).map((_, i) => `$.v[${i}]`);
        const text = `States.Format('${pieces.map(escape).join("{}")}'${args.map((a) => ", " + a).join("")})`;
        const values = pieces.slice(1).map((_, i) => `<${i}>`);
        const expected = pieces.reduce((out, piece, i) => out + (i === 0 ? "" : values[i - 1]) + piece, "");
        expect(compileIntrinsic(text).evaluate({ v: values }, scope)).toBe(expected);
      }),
    );
  });

  it("ArrayRange has floor((end - start) / step) + 1 items, each step apart", () => {
    const range = call("States.ArrayRange($.s, $.e, $.t)");
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 50 }), (s, e, step) => {
        const t = e >= s ? step : -step;
        const out = range({ s, e, t }) as number[];
        expect(out).toHaveLength(Math.floor((e - s) / t) + 1);
        out.forEach((v, i) => expect(v).toBe(s + i * t));
      }),
    );
  });
});
