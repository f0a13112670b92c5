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
const hash = (data: JsonValue, algorithm: JsonValue) => run("States.Hash($.d, $.a)", { d: data, a: algorithm });

describe("States.Hash", () => {
  it("matches recorded AWS digests of 'input data'", () => {
    expect(hash("input data", "MD5")).toBe("812f45842bc6d66ee14572ce20db8e86");
    expect(hash("input data", "SHA-256")).toBe("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
    expect(hash("input data", "SHA-384")).toBe(
      "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    );
    expect(hash("input data", "SHA-512")).toBe(
      "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
    );
  });
  it("hashes UTF-8 bytes with every algorithm", () => {
    expect(run("States.Hash('hello', 'SHA-1')")).toBe("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
    expect(hash("", "SHA-256")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hash("✓", "SHA-256")).toBe("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604");
    expect(hash("🚀", "SHA-256")).toBe("ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5");
    expect(hash("abc\u0000def", "MD5")).toBe("a5e4d5963ae44c1f4bfb37b1a3d55a3c");
  });
  it("hashes the text of a non-string value", () => {
    expect(hash(123, "MD5")).toBe(hash("123", "MD5"));
    expect(hash({}, "MD5")).toBe(hash("{}", "MD5"));
  });
  it("accepts 10,000 characters and rejects 10,001", () => {
    expect(hash("a".repeat(10000), "SHA-256")).toMatch(/^[0-9a-f]{64}$/);
    expect(() => hash("a".repeat(10001), "SHA-256")).toThrow("Invalid arguments in States.Hash");
  });
  it("rejects unknown or misspelled algorithms and null data", () => {
    for (const algorithm of ["UNSUPPORTED", "sha-256", "SHA256", "", "MD-5", "SHA-257", 123, null]) {
      expect(() => hash("data", algorithm), String(algorithm)).toThrow("Invalid arguments in States.Hash");
    }
    expect(() => hash(null, "MD5")).toThrow("Invalid arguments in States.Hash");
  });
});
