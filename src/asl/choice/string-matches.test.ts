import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { compileStringMatches } from "./string-matches.js";

// Patterns are written as their string values: the JSON text "log-\\*.txt" is the value `log-\*.txt`.
const matches = (pattern: string, value: string) => compileStringMatches(pattern)(value);

describe("StringMatches", () => {
  it("AWS's documented example: log-*.txt", () => {
    expect(matches("log-*.txt", "log-2023-01-01.txt")).toBe(true);
    expect(matches("log-*.txt", "log-.txt")).toBe(true);
    expect(matches("log-*.txt", "log-a.txt.gz")).toBe(false);
    expect(matches("log-*.txt", "xlog-a.txt")).toBe(false);
    expect(matches("log-*.txt", "log.txt")).toBe(false);
  });

  it("without a wildcard is whole-string equality", () => {
    expect(matches("abc", "abc")).toBe(true);
    expect(matches("abc", "abcd")).toBe(false);
    expect(matches("", "")).toBe(true);
    expect(matches("", "a")).toBe(false);
  });

  it("a lone * matches everything, including the empty string", () => {
    expect(matches("*", "")).toBe(true);
    expect(matches("*", "anything at all")).toBe(true);
    expect(matches("**", "x")).toBe(true);
  });

  it("prefix, suffix and infix wildcards", () => {
    expect(matches("foo*", "foobar")).toBe(true);
    expect(matches("*bar", "foobar")).toBe(true);
    expect(matches("*ob*", "foobar")).toBe(true);
    expect(matches("*ob*", "fboar")).toBe(false);
    expect(matches("a*b*c", "abc")).toBe(true);
    expect(matches("a*b*c", "aXbYc")).toBe(true);
    expect(matches("a*b*c", "acb")).toBe(false);
  });

  it("head and tail may not overlap", () => {
    expect(matches("ab*ba", "aba")).toBe(false);
    expect(matches("ab*ba", "abba")).toBe(true);
    expect(matches("a*a*a", "aa")).toBe(false);
    expect(matches("a*a*a", "aaa")).toBe(true);
  });

  it("\\* is a literal star", () => {
    expect(matches("\\*", "*")).toBe(true);
    expect(matches("\\*", "x")).toBe(false);
    expect(matches("a\\*b", "a*b")).toBe(true);
    expect(matches("a\\*b", "axb")).toBe(false);
    expect(matches("*\\**", "no star")).toBe(false);
    expect(matches("*\\**", "one * star")).toBe(true);
  });

  it("\\\\ is a literal backslash (and then a following * is a wildcard)", () => {
    expect(matches("a\\\\b", "a\\b")).toBe(true);
    expect(matches("a\\\\*", "a\\anything")).toBe(true);
    expect(matches("a\\\\*", "a*")).toBe(false);
    expect(matches("a\\\\\\*", "a\\*")).toBe(true);
  });

  it("no other character is special", () => {
    expect(matches("a?c", "abc")).toBe(false);
    expect(matches("a?c", "a?c")).toBe(true);
    expect(matches("[ab]", "[ab]")).toBe(true);
    expect(matches(".*", ".xyz")).toBe(true);
    expect(matches(".*", "xyz")).toBe(false);
    expect(matches("a\\b", "a\\b")).toBe(true); // a backslash before another character is itself
    expect(matches("end\\", "end\\")).toBe(true);
  });

  it("agrees with an equivalent regular expression", () => {
    const alphabet = fc.constantFrom("a", "b", "*", "\\", ".");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom("a", "b", "*", "\\", "."), { maxLength: 10 }), (p, v) => {
        const pattern = p.join("");
        const value = v.join("");
        let source = "";
        for (let i = 0; i < pattern.length; i++) {
          const ch = pattern[i]!;
          const next = pattern[i + 1];
          if (ch === "\\" && (next === "*" || next === "\\")) {
            source += `\\${next}`;
            i++;
          } else if (ch === "*") source += "[\\s\\S]*";
          else source += ch.replace(/[.*\\]/g, "\\$&");
        }
        expect(matches(pattern, value)).toBe(new RegExp(`^${source}$`).test(value));
      }),
      { numRuns: 2000 },
    );
  });
});
