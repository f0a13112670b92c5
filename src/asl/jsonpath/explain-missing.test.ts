import { describe, it, expect } from "vitest";
import { explainMissing } from "./compile.js";
import { testScope } from "./test-scope.js";

const scope = testScope({ Execution: { Input: {} } }, { v: { a: 1 } });

describe("explainMissing (Jayway's wording, quoted by AWS)", () => {
  it("matches AWS's InputPath/OutputPath causes from the conformance cases", () => {
    // "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
    expect(explainMissing("$.NoSuchInputPath", { "int-literal": 0 }, scope)).toBe("No results for path: $['NoSuchInputPath']");
    // "Invalid path '$.no.such.result.path' : Missing property in path $['no']"
    expect(explainMissing("$.no.such.result.path", {}, scope)).toBe("Missing property in path $['no']");
  });
  it("names the full path when the last step is missing", () => {
    expect(explainMissing("$.a.b", { a: {} }, scope)).toBe("No results for path: $['a']['b']");
    expect(explainMissing("$.a[5]", { a: [1] }, scope)).toBe("No results for path: $['a'][5]");
    expect(explainMissing("$.a.b.c", { a: {} }, scope)).toBe("Missing property in path $['a']['b']");
  });
  it("describes non-objects and nulls on the way", () => {
    expect(explainMissing("$.a.b", { a: "s" }, scope)).toMatch(/^Expected to find an object with property \['b'\] in path \$\['a'\] but found 'java.lang.String'/);
    expect(explainMissing("$.a.b", { a: null }, scope)).toMatch(/but found 'null'/);
    expect(explainMissing("$.a[0]", { a: null }, scope)).toBe("The path $['a'] is null");
    expect(explainMissing("$.a[0]", { a: { x: 1 } }, scope)).toBe('Filter: [0] can only be applied to arrays. Current context is: {"x":1}');
  });
  it("reads the context object and variables", () => {
    expect(explainMissing("$$.Execution.Input.x", {}, scope)).toBe("No results for path: $['Execution']['Input']['x']");
    expect(explainMissing("$v.b", {}, scope)).toBe("No results for path: $['b']");
  });
});
