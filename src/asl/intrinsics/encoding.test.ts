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
const encode = (s: JsonValue) => run("States.Base64Encode($.s)", { s });
const decode = (s: JsonValue) => run("States.Base64Decode($.s)", { s });

describe("States.Base64Encode", () => {
  it("encodes the AWS docs example and recorded values", () => {
    expect(encode("Data to encode")).toBe("RGF0YSB0byBlbmNvZGU=");
    expect(encode("")).toBe("");
    expect(encode(" ")).toBe("IA==");
  });
  it("encodes UTF-8 bytes", () => {
    expect(encode("✓")).toBe("4pyT");
    expect(encode("こんにちは")).toBe("44GT44KT44Gr44Gh44Gv");
    expect(encode("🚀")).toBe("8J+agA==");
    expect(encode("abc\u0000def")).toBe("YWJjAGRlZg==");
  });
  it("accepts 10,000 characters and rejects 10,001 or a non-string", () => {
    expect(encode("a".repeat(10000))).toHaveLength(13336);
    for (const bad of ["a".repeat(10001), 123, { k: 1 }, ["x"], null]) {
      expect(() => encode(bad)).toThrow("Invalid arguments in States.Base64Encode");
    }
  });
});

describe("States.Base64Decode", () => {
  it("decodes the AWS docs example and recorded values", () => {
    expect(decode("RGF0YSB0byBlbmNvZGU=")).toBe("Data to encode");
    expect(decode("")).toBe("");
    expect(decode("4pyT")).toBe("✓");
    expect(decode("YWJjAGRlZg==")).toBe("abc\u0000def");
  });
  it("is lenient about padding and stray characters, like AWS", () => {
    expect(decode("YWJjZA")).toBe("abcd");
    expect(decode(" YWJjZA== ")).toBe("abcd");
  });
  it("accepts 10,000 characters and rejects 10,001 or a non-string", () => {
    expect(typeof decode("A".repeat(10000))).toBe("string");
    for (const bad of ["A".repeat(10001), 123, {}]) expect(() => decode(bad)).toThrow("Invalid arguments in States.Base64Decode");
  });
});
