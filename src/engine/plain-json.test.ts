import { describe, expect, it } from "vitest";
import { objectJson, plainJson } from "./plain-json.js";

const same = (value: unknown) => expect(plainJson(value)).toBe(JSON.stringify(value));

describe("plainJson", () => {
  it("gives JSON.stringify's text for the shapes of history details", () => {
    same({});
    same({ stateEnteredEventDetails: { name: "S \"quoted\" é \u2028 😀 \ud800", input: { $p: { a: [1, "x"] } }, inputDetails: { truncated: false } } });
    same({ taskFailedEventDetails: { resource: "r", resourceType: "lambda", error: "States.TaskFailed", cause: undefined } });
    same({ mapStateStartedEventDetails: { length: 0 }, other: { n: -0, big: 1e21, small: 5e-7, nan: NaN, inf: -Infinity } });
    same({ a: { list: [1, undefined, () => 1, null, [], {}, { b: undefined }], f: () => 1, s: Symbol("x") } });
    same({ "10": { "2": true, "1": false, z: "last" } });
    same([{ data: undefined }, { data: () => 1 }, { data: [undefined] }]);
    same("text");
    same(undefined);
  });

  it("defers to JSON.stringify for objects with toJSON, and refuses a BigInt as it does", () => {
    same({ d: { at: new Date(0) }, data: new Date(1) });
    expect(() => plainJson({ a: { n: 1n } })).toThrow(TypeError);
  });

  it("writes an object's members through the given function, leaving out those it has no text for", () => {
    expect(objectJson({ a: 1, b: 2, c: 3 }, (key, value) => (key === "b" ? undefined : `"${key}${String(value)}"`))).toBe('{"a":"a1","c":"c3"}');
  });
});
