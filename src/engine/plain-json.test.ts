import { describe, expect, it } from "vitest";
import { plainJson } from "./plain-json.js";
import { PayloadTexts } from "./payload-texts.js";
import { storedPayload } from "../store/index.js";
import type { JsonValue } from "../shared/json.js";

const DATA = new Set(["$p", "data"]);
const json = (value: unknown, texts = new PayloadTexts()) => plainJson(value, texts, DATA);
const same = (value: unknown) => expect(json(value)).toBe(JSON.stringify(value));

describe("plainJson", () => {
  it("gives JSON.stringify's text for the shapes of history details and execution state", () => {
    same({});
    same({ stateEnteredEventDetails: { name: "S \"quoted\" é \u2028 😀 \ud800", input: storedPayload({ a: [1, "x"] }), inputDetails: { truncated: false } } });
    same({ taskFailedEventDetails: { resource: "r", resourceType: "lambda", error: "States.TaskFailed", cause: undefined } });
    same({ mapStateStartedEventDetails: { length: 0 }, other: { n: -0, big: 1e21, small: 5e-7, nan: NaN, inf: -Infinity } });
    same({ a: { list: [1, undefined, () => 1, null, [], {}, { b: undefined }], f: () => 1, s: Symbol("x") } });
    same({ "10": { "2": true, "1": false, z: "last" } });
    same([{ data: undefined }, { data: () => 1 }, { data: [undefined] }]);
    same("text");
    same(undefined);
  });

  it("writes the values under data keys, and $p beside other keys, as JSON.stringify does", () => {
    const tricky: JsonValue = { parameters: { $p: 0 }, output: { $p: 0 }, s: '"output":{"$p":0}' };
    same({ a: { output: storedPayload(tricky), parameters: storedPayload([tricky]) }, b: { output: storedPayload(null), input: storedPayload("text") } });
    same({ a: { input: { $p: 1, extra: 2 }, output: { $p: undefined } }, frames: { r: { data: { nested: { data: 1 } } } } });
  });

  it("takes each data value's text from the transition's texts, made once", () => {
    const payload = { v: 1 };
    const texts = new PayloadTexts();
    const first = texts.of(payload);
    (payload as Record<string, unknown>).v = 2; // not seen: the text was made earlier in the transition
    expect(json({ a: { input: storedPayload(payload) }, b: { data: payload } }, texts)).toBe(`{"a":{"input":{"$p":${first}}},"b":{"data":${first}}}`);
  });

  it("defers to JSON.stringify for objects with toJSON, and refuses a BigInt as it does", () => {
    same({ d: { at: new Date(0) }, data: new Date(1) });
    expect(() => json({ a: { n: 1n } })).toThrow(TypeError);
  });
});
