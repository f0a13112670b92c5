/**
 * @module CloudWatch Logs filter patterns for FilterLogEvents: terms (all must appear), "quoted
 * phrases", `?term` (any of these), `-term` (none of these), `%regex%`, and JSON patterns such as
 * `{ $.level = "ERROR" && ($.latency > 100 || $.user.id NOT EXISTS) }`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
import { ServiceError } from "../service-error.js";

export type LogFilter = (message: string) => boolean;

const invalid = (detail: string) => new ServiceError("InvalidParameterException", `Invalid filter pattern: ${detail}`);

/** Compiles a filter pattern once; an empty pattern matches every event. */
export function compileFilterPattern(pattern: string | undefined): LogFilter {
  const text = (pattern ?? "").trim();
  if (text === "") return () => true;
  if (text.startsWith("{")) return compileJson(text);
  if (text.startsWith("[")) throw invalid("space-delimited patterns ([...]) are not supported by Stepwise yet");
  if (text.length > 2 && text.startsWith("%") && text.endsWith("%")) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(1, -1));
    } catch (e) {
      throw invalid((e as Error).message);
    }
    return (m) => re.test(m);
  }
  return compileTerms(text);
}

function compileTerms(text: string): LogFilter {
  const required: string[] = [];
  const any: string[] = [];
  const excluded: string[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of text.matchAll(re)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
    (m[1] === "?" ? any : m[1] === "-" ? excluded : required).push(term);
  }
  return (message) => required.every((t) => message.includes(t)) && !excluded.some((t) => message.includes(t))
    && (any.length === 0 || any.some((t) => message.includes(t)));
}

// JSON patterns: a tiny recursive-descent parser over tokens.

type Token = { kind: "sel" | "op" | "str" | "num" | "word" | "(" | ")" | "&&" | "||"; text: string };
type Json = unknown;
type Node = (value: Json) => boolean;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\$(?:\.[A-Za-z0-9_\-@$]+|\[\d+\]|\.\*)*)|(&&|\|\|)|(!=|<=|>=|=|<|>)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![A-Za-z_]))|([()])|([A-Za-z_*][A-Za-z0-9_.*:\-/]*))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw invalid(`unexpected ${JSON.stringify(text.slice(at).trim().slice(0, 20))}`);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: "sel", text: m[1] });
    else if (m[2]) tokens.push({ kind: m[2] as "&&" | "||", text: m[2] });
    else if (m[3]) tokens.push({ kind: "op", text: m[3] });
    else if (m[4]) tokens.push({ kind: "str", text: JSON.parse(m[4]) as string });
    else if (m[5]) tokens.push({ kind: "num", text: m[5] });
    else if (m[6]) tokens.push({ kind: m[6] as "(" | ")", text: m[6] });
    else tokens.push({ kind: "word", text: m[7]! });
  }
  return tokens;
}

/** Values a selector reaches (`$.a.b[0]`, `$.list[*]`-free); undefined when absent. */
function select(root: Json, selector: string): Json {
  let value: Json = root;
  for (const part of selector.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (value === null || typeof value !== "object") return undefined;
    value = part.startsWith("[") ? (value as Json[])[Number(part.slice(1, -1))] : (value as Record<string, Json>)[part.slice(1)];
  }
  return value;
}

function compileJson(text: string): LogFilter {
  if (!text.endsWith("}")) throw invalid("a JSON pattern ends with }");
  const tokens = tokenize(text.slice(1, -1));
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  function comparison(): Node {
    const t = next();
    if (t?.kind === "(") {
      const inner = or();
      if (next()?.kind !== ")") throw invalid("missing )");
      return inner;
    }
    if (t?.kind !== "sel") throw invalid(`expected a selector such as $.field, found ${t ? JSON.stringify(t.text) : "the end"}`);
    const selector = t.text;
    const op = next();
    if (op?.kind === "word" && ["IS", "NOT"].includes(op.text.toUpperCase())) {
      const word = next()?.text.toUpperCase();
      if (op.text.toUpperCase() === "NOT" && word === "EXISTS") return (v) => select(v, selector) === undefined;
      if (op.text.toUpperCase() === "IS" && word === "NULL") return (v) => select(v, selector) === null;
      if (op.text.toUpperCase() === "IS" && word === "TRUE") return (v) => select(v, selector) === true;
      if (op.text.toUpperCase() === "IS" && word === "FALSE") return (v) => select(v, selector) === false;
      throw invalid(`unknown test ${op.text} ${word ?? ""}`);
    }
    if (op?.text === "EXISTS" || op?.text === "exists") return (v) => select(v, selector) !== undefined;
    if (op?.kind !== "op") throw invalid(`expected a comparison after ${selector}`);
    const value = next();
    if (!value || !["str", "num", "word"].includes(value.kind)) throw invalid(`expected a value after ${selector} ${op.text}`);
    if (value.kind === "num") {
      const n = Number(value.text);
      const cmp: Record<string, (a: number) => boolean> = {
        "=": (a) => a === n, "!=": (a) => a !== n, "<": (a) => a < n, ">": (a) => a > n, "<=": (a) => a <= n, ">=": (a) => a >= n,
      };
      return (v) => {
        const got = select(v, selector);
        return typeof got === "number" && cmp[op.text]!(got);
      };
    }
    if (op.text !== "=" && op.text !== "!=") throw invalid(`${op.text} compares numbers only`);
    const wanted = value.text;
    const wildcard = new RegExp(`^${wanted.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
    const matches = (got: Json) => (typeof got === "string" || typeof got === "number" || typeof got === "boolean") && wildcard.test(String(got));
    return op.text === "=" ? (v) => matches(select(v, selector)) : (v) => { const got = select(v, selector); return got !== undefined && !matches(got); };
  }
  function and(): Node {
    let left = comparison();
    while (peek()?.kind === "&&") {
      next();
      const l = left, r = comparison();
      left = (v) => l(v) && r(v);
    }
    return left;
  }
  function or(): Node {
    let left = and();
    while (peek()?.kind === "||") {
      next();
      const l = left, r = and();
      left = (v) => l(v) || r(v);
    }
    return left;
  }
  const node = or();
  if (i < tokens.length) throw invalid(`unexpected ${JSON.stringify(tokens[i]!.text)}`);
  return (message) => {
    const start = message.indexOf("{");
    if (start < 0) return false;
    let value: Json;
    try {
      value = JSON.parse(message.slice(start));
    } catch {
      return false;
    }
    return node(value);
  };
}
