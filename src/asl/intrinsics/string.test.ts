import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { StatesFailure } from "../errors.js";
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
const PREFIX = "An error occurred while executing the state 'S' (entered at the event id #2). There was an error while evaluating the intrinsic function: ";

describe("States.Format", () => {
  it("formats the AWS docs examples", () => {
    const input = { name: "Arnav", template: "Hello, my name is {}." };
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe("Hello, my name is Arnav.");
    expect(run("States.Format($.template, $.name)", input)).toBe("Hello, my name is Arnav.");
  });

  it("renders scalars as recorded on AWS", () => {
    const t = "States.Format('fst={} snd={}', $.f, $.s)";
    expect(run(t, { f: "", s: " " })).toBe("fst= snd= ");
    expect(run(t, { f: null, s: 1 })).toBe("fst=null snd=1");
    expect(run(t, { f: 1.1, s: false })).toBe("fst=1.1 snd=false");
    expect(run(t, { f: '{"Arg1": 1}', s: -1 })).toBe('fst={"Arg1": 1} snd=-1');
    expect(run("States.Format('Format:{}', 101)")).toBe("Format:101");
  });

  it("renders objects and arrays the way Java prints them, as recorded on AWS", () => {
    const o = { Arg1: 1, Arg2: [] };
    expect(run("States.Format('fst={} and snd={}.', $.o, $.o)", { o })).toBe("fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.");
    expect(run("States.Format('{}', $.a)", { a: ["x", 2, null, { k: "v" }, [true]] })).toBe("[x, 2, null, {k=v}, [true]]");
  });

  it("inserts nested call results", () => {
    expect(run("States.Format('arn:{}:{}', $.svc, States.JsonToString($.obj))", { svc: "lambda", obj: { k: 1 } })).toBe('arn:lambda:{"k":1}');
  });

  it("treats escaped braces and quotes as literal text", () => {
    expect(run("States.Format('This value is \\{{}\\}', 'Foo')")).toBe("This value is {Foo}");
    expect(run("States.Format('\\{\\}')")).toBe("{}");
    expect(run("States.Format('Name: \\'{}\\', Surname: \"{}\"', $.n, $.s)", { n: "Gabriel", s: "Moreira" })).toBe(`Name: 'Gabriel', Surname: "Moreira"`);
    expect(run("States.Format('{} - \\'\\{\\}\\\\', 'Foo')")).toBe("Foo - '{}\\");
    expect(run("States.Format('  {}  ', $.a)", { a: "x" })).toBe("  x  ");
    expect(run("States.Format('')")).toBe("");
  });

  it("applies the same escapes to a template read from a path", () => {
    expect(run("States.Format($.t, 'Foo')", { t: "This value is \\{{}\\}" })).toBe("This value is {Foo}");
    expect(run("States.Format($.t, 1)", { t: "C:\\dir {}" })).toBe("C:\\dir 1");
  });

  it("does not treat braces in a value as placeholders", () => {
    expect(run("States.Format('{}{}', $.a, $.b)", { a: "{}", b: "}" })).toBe("{}}");
  });

  it("fails when the placeholders and values do not match", () => {
    const f = () => run("States.Format('{} {}', $.a)", { a: "x" });
    expect(f).toThrow(StatesFailure);
    expect(f).toThrow(
      `${PREFIX}States.Format('{} {}', $.a). Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.`,
    );
    expect(() => run("States.Format('{}', $.a, $.b)", { a: 1, b: 2 })).toThrow("number of arguments do not match");
    expect(() => run("States.Format('none', 1)")).toThrow("number of arguments do not match");
  });

  it("fails on an unmatched brace, literal or from a path", () => {
    expect(() => run("States.Format('Hello {', $.a)", { a: "x" })).toThrow(
      `${PREFIX}States.Format('Hello {', $.a). Invalid template in States.Format: matching '}' not found for '{'.`,
    );
    expect(() => run("States.Format('Hello {{}}', $.a)", { a: "x" })).toThrow("matching '}' not found for '{'.");
    expect(() => run("States.Format('}')")).toThrow("matching '{' not found for '}'.");
    expect(() => run("States.Format('\\{}')")).toThrow("matching '{' not found for '}'.");
    expect(() => run("States.Format($.t, 1)", { t: "{ }" })).toThrow("Invalid template in States.Format");
  });

  it("fails on a template that is not a string", () => {
    expect(() => run("States.Format($.t, 'Ada')", { t: 123 })).toThrow("Invalid arguments in States.Format");
  });
});

describe("States.StringSplit", () => {
  it("splits the AWS docs examples", () => {
    expect(run("States.StringSplit($.inputString, $.splitter)", { inputString: "1,2,3,4,5", splitter: "," })).toEqual(["1", "2", "3", "4", "5"]);
    expect(run("States.StringSplit($.s, $.d)", { s: "This.is+a,test=string", d: ".+,=" })).toEqual(["This", "is", "a", "test", "string"]);
  });

  it("drops empty pieces, as recorded on AWS", () => {
    const split = (s: string, d: string) => run("States.StringSplit($.s, $.d)", { s, d });
    expect(split(" ", ",")).toEqual([" "]);
    expect(split(", , ,", ",")).toEqual([" ", " "]);
    expect(split(",,,,", ",")).toEqual([]);
    expect(split("", ",")).toEqual([]);
    expect(split("split on T and \nnew line", "T\n")).toEqual(["split on ", " and ", "new line"]);
    expect(split("Value1,Value2\n,,,\ntrue,1,'x'\n   \n", ",")).toEqual(["Value1", "Value2\n", "\ntrue", "1", "'x'\n   \n"]);
    expect(split("abc", "")).toEqual(["abc"]);
  });

  it("splits on a literal newline (recorded escape-sequence case)", () => {
    expect(run("States.StringSplit('Hello\nWorld', '\n')")).toEqual(["Hello", "World"]);
  });

  it("rejects non-string arguments", () => {
    expect(() => run("States.StringSplit($.a, ',')", { a: [1] })).toThrow("Invalid arguments in States.StringSplit");
    expect(() => run("States.StringSplit('a', 1)")).toThrow("Invalid arguments in States.StringSplit");
  });
});
