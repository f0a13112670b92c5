/** @module Parses JSONPath text into a root and selector steps, following Jayway's PathCompiler grammar. */
import { PathSyntaxError } from "./path-syntax-error.js";
import { parseFilter } from "./parse-filter.js";
import { isDefinite, type ParsedPath, type Step, type StepRoot } from "./steps.js";

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;
const INT = /^-?\d+$/;

/** A position in the text being parsed; `source` is the whole path, named in errors. */
export class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly source: string,
  ) {}
  get char(): string | undefined {
    return this.text[this.pos];
  }
  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }
  skipBlanks(): this {
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
    return this;
  }
  fail(reason: string): never {
    throw new PathSyntaxError(this.source, reason);
  }
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Parses a whole path. Top-level paths start with `$`, `$$` or `$name`; paths inside a filter start
 * with `@` or `$` (the document root).
 */
export function parsePath(text: string, source: string, inFilter = false): ParsedPath {
  const cur = new Cursor(text, source);
  let root: StepRoot = "input";
  let variable: string | undefined;
  if (inFilter && text[0] === "@") {
    root = "current";
    cur.pos = 1;
  } else if (text[0] !== "$") {
    cur.fail(inFilter ? "a path in a filter must start with '@' or '$'" : "a path must start with '$'");
  } else if (!inFilter && text[1] === "$") {
    root = "context";
    cur.pos = 2;
  } else if (!inFilter && text[1] !== undefined && IDENT_START.test(text[1])) {
    let end = 2;
    while (end < text.length && IDENT_PART.test(text[end]!)) end++;
    root = "variable";
    variable = text.slice(1, end);
    cur.pos = end;
  } else {
    cur.pos = 1;
  }
  if (text.endsWith(".")) cur.fail("a path must not end with '.' or '..'");
  const steps: Step[] = [];
  while (!cur.atEnd) readToken(cur, steps);
  const names = steps.findIndex((s) => s.kind === "names");
  if (names >= 0 && names < steps.length - 1) {
    // AWS (Jayway) fails such paths: "Multi properties can only be used as path leafs: $['a', 'b']".
    cur.fail("a list of property names ['a', 'b'] can only be the last selector of a path");
  }
  return { root, variable, steps, definite: isDefinite(steps) };
}

/** Reads one selector starting at `.` or `[`. */
function readToken(cur: Cursor, steps: Step[]): void {
  const c = cur.char;
  if (c === "[") return readBracket(cur, steps);
  if (c !== ".") cur.fail(`unexpected character '${c}' at position ${cur.pos}; expected '.' or '['`);
  cur.pos++;
  if (cur.char === ".") {
    cur.pos++;
    if (cur.char === ".") cur.fail(`unexpected '.' at position ${cur.pos}`);
    steps.push({ kind: "scan" });
  }
  const d = cur.char;
  if (d === "[") return readBracket(cur, steps);
  if (d === "*") {
    cur.pos++;
    steps.push({ kind: "wildcard" });
    return;
  }
  if (d === " ") cur.fail(`unexpected space at position ${cur.pos}`);
  const start = cur.pos;
  while (!cur.atEnd) {
    const ch = cur.char!;
    if (ch === "." || ch === "[") break;
    if (ch === " ") cur.fail("use bracket notation ['my prop'] for a property name containing a space");
    if (ch === "]") cur.fail(`unbalanced ']' at position ${cur.pos}`);
    if (ch === "(") cur.fail(`functions such as '${cur.text.slice(start)}' are not supported`);
    cur.pos++;
  }
  steps.push(nameStep(cur.text.slice(start, cur.pos)));
}

export const nameStep = (name: string): Step => ({ kind: "name", name, guarded: name in Object.prototype });

function readBracket(cur: Cursor, steps: Step[]): void {
  const open = cur.pos;
  cur.pos++;
  const c = cur.skipBlanks().char;
  if (c === "'" || c === '"') steps.push(readQuotedNames(cur));
  else if (c === "*") {
    cur.pos++;
    if (cur.skipBlanks().char !== "]") cur.fail(`expected ']' after '*' at position ${cur.pos}`);
    cur.pos++;
    steps.push({ kind: "wildcard" });
  } else if (c === "?") {
    cur.pos++;
    if (cur.skipBlanks().char !== "(") cur.fail(`a filter must be written [?(...)] (position ${open})`);
    const filter = parseFilter(cur);
    if (cur.text[lastNonBlank(cur.text, cur.pos - 1)] !== ")") cur.fail("a filter must be written [?(...)]");
    if (cur.skipBlanks().char !== "]") cur.fail(`expected ']' to close the filter at position ${cur.pos}`);
    cur.pos++;
    steps.push({ kind: "filter", filter });
  } else if (c !== undefined && (c === "-" || c === ":" || (c >= "0" && c <= "9"))) {
    steps.push(readIndexes(cur, open));
  } else if (c === undefined) {
    cur.fail(`unclosed '[' at position ${open}`);
  } else {
    cur.fail(`unexpected '${c}' after '[' at position ${cur.pos}; expected a quoted name, an index, '*' or '?('`);
  }
}

function lastNonBlank(text: string, from: number): number {
  let i = from;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  return i;
}

/**
 * `['a']`, `["a", 'b']`: quoted names. A backslash keeps the next character from closing the name but
 * stays in it: AWS's JSONPath reads `$['Test\\""Name"']` as the key `Test\""Name"` (recorded against AWS).
 */
function readQuotedNames(cur: Cursor): Step {
  const names: string[] = [];
  for (;;) {
    const quote = cur.skipBlanks().char;
    if (quote !== "'" && quote !== '"') cur.fail(`expected a quoted property name at position ${cur.pos}`);
    const start = ++cur.pos;
    while (!cur.atEnd && cur.char !== quote) cur.pos += cur.char === "\\" ? 2 : 1;
    if (cur.atEnd) cur.fail(`property name starting at position ${start - 1} is not closed with ${quote}`);
    names.push(cur.text.slice(start, cur.pos));
    cur.pos++;
    const next = cur.skipBlanks().char;
    if (next === "]") break;
    if (next !== ",") cur.fail(`expected ',' or ']' after a property name at position ${cur.pos}`);
    cur.pos++;
  }
  cur.pos++;
  return names.length === 1 ? nameStep(names[0]!) : { kind: "names", names };
}

/** `[0]`, `[-1]`, `[0,2]`, `[1:3]`, `[:2]`, `[-2:]`, `[1:5:2]`. */
function readIndexes(cur: Cursor, open: number): Step {
  const close = cur.text.indexOf("]", cur.pos);
  if (close < 0) cur.fail(`unclosed '[' at position ${open}`);
  const body = cur.text.slice(cur.pos, close);
  if (!/^[\d\s,:-]*$/.test(body)) cur.fail(`invalid array index or slice '[${body}]'`);
  cur.pos = close + 1;
  if (body.includes(":")) {
    const parts = body.split(":").map((p) => p.trim());
    if (parts.length > 3 || parts.some((p) => p !== "" && !INT.test(p))) cur.fail(`invalid array slice '[${body}]'`);
    const from = parts[0] === "" ? undefined : toInt(cur, parts[0]!);
    const to = parts[1] === "" ? undefined : toInt(cur, parts[1]!);
    if (from === undefined && to === undefined) cur.fail(`an array slice needs a start or an end: '[${body}]'`);
    return { kind: "slice", from, to };
  }
  const indexes = body.split(",").map((p) => {
    const t = p.trim();
    if (!INT.test(t)) cur.fail(`invalid array index '[${body}]'`);
    return toInt(cur, t);
  });
  return indexes.length === 1 ? { kind: "index", index: indexes[0]! } : { kind: "indexes", indexes };
}

function toInt(cur: Cursor, text: string): number {
  const n = Number(text);
  if (n > 2147483647 || n < -2147483648) cur.fail(`array index ${text} is out of range`);
  return n;
}
