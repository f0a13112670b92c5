import { describe, expect, it } from "vitest";
import { compileFilterPattern } from "./filter-pattern.js";

const matches = (pattern: string, messages: string[]) => messages.filter(compileFilterPattern(pattern));

describe("filter patterns (AWS's documented examples)", () => {
  const lines = ["[ERROR] 401 Unauthorized", "[ERROR] 400 BadRequest", "[INFO] 200 OK", "[WARN] Exiting", "ERROR: Exiting with code 1"];

  it("matches every event with an empty pattern", () => {
    expect(matches("", lines)).toEqual(lines);
    expect(matches("   ", lines)).toEqual(lines);
  });

  it("matches terms (all of them, case-sensitive), quoted phrases, ?any and -exclusions", () => {
    expect(matches("ERROR", lines)).toEqual([lines[0], lines[1], lines[4]]);
    expect(matches("error", lines)).toEqual([]);
    expect(matches("ERROR Exiting", lines)).toEqual([lines[4]]);
    expect(matches('"Exiting with code"', lines)).toEqual([lines[4]]);
    expect(matches("?WARN ?401", lines)).toEqual([lines[0], lines[3]]);
    expect(matches("ERROR -Exiting", lines)).toEqual([lines[0], lines[1]]);
  });

  it("matches regular expressions between %", () => {
    expect(matches("%4[0-9]{2}%", lines)).toEqual([lines[0], lines[1]]);
  });

  it("matches JSON events with selectors, comparisons, wildcards and && / ||", () => {
    const json = [
      JSON.stringify({ eventType: "UpdateTrail", sourceIPAddress: "123.123.123.123", latency: 50, user: { id: 1, name: "a" }, flag: true }),
      JSON.stringify({ eventType: "DeleteTrail", sourceIPAddress: "10.0.0.1", latency: 150, user: { name: "b" }, items: [{ v: "x" }] }),
      "not json at all",
      `2024-01-01T00:00:00.000Z\treq\tINFO\t${JSON.stringify({ eventType: "UpdateTrail", latency: 5 })}`,
    ];
    expect(matches('{ $.eventType = "UpdateTrail" }', json)).toEqual([json[0], json[3]]);
    expect(matches('{ $.eventType = "*Trail" && $.latency > 100 }', json)).toEqual([json[1]]);
    expect(matches('{ ($.latency < 10) || ($.user.name = "a") }', json)).toEqual([json[0], json[3]]);
    expect(matches("{ $.user.id NOT EXISTS }", json)).toEqual([json[1], json[3]]);
    expect(matches("{ $.flag IS TRUE }", json)).toEqual([json[0]]);
    expect(matches('{ $.items[0].v = "x" }', json)).toEqual([json[1]]);
    expect(matches('{ $.eventType != "UpdateTrail" }', json)).toEqual([json[1]]);
    expect(matches("{ $.latency >= 150 }", json)).toEqual([json[1]]);
  });

  it("refuses patterns it cannot read with InvalidParameterException", () => {
    for (const bad of ["{ $.a = }", "{ $.a > \"x\" }", "{ $.a = 1", "%(%", "[a, b]", "{ a = 1 }"]) {
      expect(() => compileFilterPattern(bad), bad).toThrowError(expect.objectContaining({ code: "InvalidParameterException" }));
    }
  });
});
