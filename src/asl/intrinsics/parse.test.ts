import { describe, it, expect } from "vitest";
import { parseIntrinsic, type CallNode } from "./parse.js";
import { IntrinsicSyntaxError } from "./syntax-error.js";

const args = (text: string) => parseIntrinsic(text).args;

describe("parseIntrinsic: literals", () => {
  it("reads strings, numbers, booleans and null", () => {
    expect(args("States.Array('a b', 0, -1, 1.5, -0.25, 1e3, 2E-2, true, false, null)").map((a) => (a.kind === "literal" ? a.value : a.kind))).toEqual([
      "a b", 0, -1, 1.5, -0.25, 1000, 0.02, true, false, null,
    ]);
  });

  it("unescapes \\' \\{ \\} \\\\ and keeps the raw text for Format templates", () => {
    const [s] = args("States.Format('it\\'s \\{\\} \\\\ {}')");
    expect(s).toEqual({ kind: "literal", value: "it's {} \\ {}", raw: "it\\'s \\{\\} \\\\ {}" });
  });

  it("keeps real newlines and commas or parentheses inside strings", () => {
    expect(args("States.StringSplit('Hello\nWorld, (x)', '\n')").map((a) => a.kind === "literal" && a.value)).toEqual([
      "Hello\nWorld, (x)",
      "\n",
    ]);
  });

  it("reads the empty string", () => {
    expect(args("States.Array('')")).toEqual([{ kind: "literal", value: "", raw: "" }]);
  });
});

describe("parseIntrinsic: paths and calls", () => {
  it("reads input, context and variable paths", () => {
    expect(args("States.Array($, $.a.b, $$.Execution.Id, $var, $var.x[0])").map((a) => a.kind === "path" && a.source)).toEqual([
      "$", "$.a.b", "$$.Execution.Id", "$var", "$var.x[0]",
    ]);
  });

  it("keeps brackets, quotes and filters with commas and parentheses inside one path", () => {
    const text = "States.Array($['a, b'], $.items[?(@.name == 'x, y')].id, $.list[0,1])";
    expect(args(text).map((a) => a.kind === "path" && a.source)).toEqual(["$['a, b']", "$.items[?(@.name == 'x, y')].id", "$.list[0,1]"]);
  });

  it("reads nested calls with their own source text", () => {
    const [inner] = args("States.Array(States.MathAdd($.a,  1))");
    expect(inner).toMatchObject({ kind: "call", name: "States.MathAdd", source: "States.MathAdd($.a,  1)" });
  });

  it("accepts whitespace around arguments and around the call", () => {
    const call = parseIntrinsic("  States.Array( 1 ,\t$.a\n,'x' )  ");
    expect(call.args).toHaveLength(3);
    expect(parseIntrinsic("States.UUID()").args).toEqual([]);
    expect(parseIntrinsic("States.UUID( )").args).toEqual([]);
  });

  it("allows 10 levels of nesting and rejects 11", () => {
    const nest = (n: number): string => (n === 0 ? "1" : `States.Array(${nest(n - 1)})`);
    let node: CallNode = parseIntrinsic(nest(10));
    for (let i = 1; i < 10; i++) node = node.args[0] as CallNode;
    expect(node.args[0]).toEqual({ kind: "literal", value: 1 });
    expect(() => parseIntrinsic(nest(11))).toThrow(/nest deeper than 10/);
  });
});

describe("parseIntrinsic: syntax errors", () => {
  const bad: [string, RegExp][] = [
    ["States.Array('abc)", /string literal is never closed/],
    ["States.Array(1", /never closed/],
    ["States.Array(1))", /unexpected '\)' after the call/],
    ["States.Array($.a) trailing", /after the call/],
    ["States.Array(1,)", /missing argument/],
    ["States.Array(,1)", /missing argument/],
    ["States.Array(1 2)", /expected ',' or '\)'/],
    ["States.Array(1.)", /invalid number/],
    ["States.Array(.5)", /unexpected '\.'/],
    ["States.Array(01)", /invalid number/],
    ["States.Array(1a)", /invalid number/],
    ["States.Array(True)", /unexpected 'T'/],
    ["States.Array(nullx)", /unexpected 'n'/],
    ["States.Array([1,2])", /unexpected '\['/],
    ["States.Array(\"a\")", /unexpected '"'/],
    ["States.Array('a\\nb')", /open escape '\\n'/],
    ["States.Array('a\\')", /string literal is never closed/],
    ["States.Array('a\\x')", /open escape '\\x'/],
    ["States.Array($.a])", /unbalanced brackets in path/],
    ["States.Array($['a)", /unbalanced quotes in path/],
    ["States.Array($.a[0)", /unbalanced brackets in path/],
    ["States.(1)", /expected a function name/],
    ["States.Array 1", /expected '\('/],
    ["Array(1)", /expected 'States\.'/],
    ["", /expected 'States\.'/],
  ];
  it.each(bad)("rejects %s", (text, message) => {
    expect(() => parseIntrinsic(text)).toThrow(IntrinsicSyntaxError);
    expect(() => parseIntrinsic(text)).toThrow(message);
  });

  it("reports the offending position and the whole text", () => {
    try {
      parseIntrinsic("States.Array(1, 2x)");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IntrinsicSyntaxError);
      expect((e as IntrinsicSyntaxError).position).toBe(16);
      expect((e as IntrinsicSyntaxError).source).toBe("States.Array(1, 2x)");
    }
  });
});
