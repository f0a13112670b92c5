/** @module Parses a filter `[?( ... )]` into an expression tree, following Jayway's FilterCompiler grammar. */
import type { JsonValue } from "../../shared/json.js";
import { parseLiteral } from "./parse-literal.js";
import { parsePath, type Cursor } from "./parse.js";
import { PathSyntaxError } from "./path-syntax-error.js";
import type { FilterExpr, Operand, RelationalOperator } from "./steps.js";
import { unescapeString } from "./unescape.js";

const OPERATOR_CHARS = "<>=~!";
const OPERATORS: ReadonlySet<string> = new Set<RelationalOperator>([
  "==", "!=", "<", "<=", ">", ">=", "===", "!==", "=~",
  "in", "nin", "subsetof", "anyof", "noneof", "all", "size", "empty", "contains",
]);

/** Parses from the `(` after `[?` up to (not including) the closing `]`. */
export function parseFilter(cur: Cursor): FilterExpr {
  return readOr(cur);
}

function readOr(cur: Cursor): FilterExpr {
  const operands = [readAnd(cur)];
  while (consume(cur, "||")) operands.push(readAnd(cur));
  return operands.length === 1 ? operands[0]! : { kind: "or", operands };
}

function readAnd(cur: Cursor): FilterExpr {
  const operands = [readOperand(cur)];
  while (consume(cur, "&&")) operands.push(readOperand(cur));
  return operands.length === 1 ? operands[0]! : { kind: "and", operands };
}

function consume(cur: Cursor, token: string): boolean {
  cur.skipBlanks();
  if (!cur.text.startsWith(token, cur.pos)) return false;
  cur.pos += token.length;
  return true;
}

function readOperand(cur: Cursor): FilterExpr {
  const c = cur.skipBlanks().char;
  if (c === "!") {
    const save = cur.pos;
    cur.pos++;
    const d = cur.skipBlanks().char;
    // `!@.x` is a negated existence check, read as a value below (Jayway).
    if (d !== "@" && d !== "$") return { kind: "not", operand: readOperand(cur) };
    cur.pos = save;
  }
  if (c === "(") {
    cur.pos++;
    const inner = readOr(cur);
    if (cur.skipBlanks().char !== ")") cur.fail(`expected ')' in filter at position ${cur.pos}`);
    cur.pos++;
    return inner;
  }
  return readExpression(cur);
}

function readExpression(cur: Cursor): FilterExpr {
  const start = cur.pos;
  const left = readValue(cur);
  const save = cur.pos;
  const operator = readOperator(cur);
  if (operator !== undefined) return { kind: "compare", operator, left: left.operand, right: readValue(cur).operand };
  cur.pos = save;
  if (left.operand.kind !== "path") {
    cur.fail(`a filter condition must be a path or a comparison (position ${start})`);
  }
  return { kind: "exists", path: left.operand.path, expected: !left.negated };
}

function readOperator(cur: Cursor): RelationalOperator | undefined {
  const begin = cur.skipBlanks().pos;
  if (cur.char !== undefined && OPERATOR_CHARS.includes(cur.char)) {
    while (cur.char !== undefined && OPERATOR_CHARS.includes(cur.char)) cur.pos++;
  } else {
    while (cur.char !== undefined && /[a-zA-Z]/.test(cur.char)) cur.pos++;
  }
  const op = cur.text.slice(begin, cur.pos).toLowerCase();
  if (OPERATORS.has(op)) return op as RelationalOperator;
  if (op !== "" && OPERATOR_CHARS.includes(op[0]!)) cur.fail(`unknown filter operator '${op}'`);
  return undefined;
}

function readValue(cur: Cursor): { operand: Operand; negated: boolean } {
  let c = cur.skipBlanks().char;
  let negated = false;
  if (c === "!") {
    cur.pos++;
    c = cur.skipBlanks().char;
    if (c !== "@" && c !== "$") cur.fail(`unexpected '!' in filter at position ${cur.pos - 1}`);
    negated = true;
  }
  if (c === "@" || c === "$") return { operand: { kind: "path", path: readPath(cur) }, negated };
  if (c === "/") return { operand: readRegex(cur), negated };
  return { operand: { kind: "literal", value: readLiteral(cur) }, negated };
}

/** A path inside a filter ends at a blank, an operator character or `)` (Jayway). */
function readPath(cur: Cursor) {
  const begin = cur.pos++;
  while (!cur.atEnd) {
    if (cur.char === "[") cur.pos = closingBracket(cur) + 1;
    const c = cur.char;
    if (c === undefined || c === " " || c === ")" || OPERATOR_CHARS.includes(c)) break;
    cur.pos++;
  }
  const text = cur.text.slice(begin, cur.pos);
  try {
    return parsePath(text, text, true);
  } catch (e) {
    if (e instanceof PathSyntaxError) cur.fail(`in the filter path '${text}': ${e.reason}`);
    throw e;
  }
}

/** Index of the `]` matching the `[` at the cursor, skipping quoted strings. */
function closingBracket(cur: Cursor): number {
  const text = cur.text;
  let depth = 0;
  for (let i = cur.pos; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') i = closingQuote(cur, i);
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return cur.fail(`unbalanced '[' at position ${cur.pos}`);
}

function closingQuote(cur: Cursor, open: number): number {
  const quote = cur.text[open];
  for (let i = open + 1; i < cur.text.length; i++) {
    if (cur.text[i] === "\\") i++;
    else if (cur.text[i] === quote) return i;
  }
  return cur.fail(`string starting at position ${open} is not closed`);
}

function readLiteral(cur: Cursor): JsonValue {
  const c = cur.char;
  const start = cur.pos;
  if (c === "'" || c === '"') {
    const end = closingQuote(cur, start);
    cur.pos = end + 1;
    return unescapeString(cur.text.slice(start + 1, end));
  }
  for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
    if (cur.text.startsWith(word, start)) {
      cur.pos += word.length;
      return value;
    }
  }
  if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
    while (cur.char !== undefined && /[-0-9.eE+]/.test(cur.char)) cur.pos++;
    const text = cur.text.slice(start, cur.pos);
    const n = Number(text);
    if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(n)) cur.fail(`invalid number '${text}' in filter`);
    return n;
  }
  if (c === "[" || c === "{") {
    const end = closingJson(cur, start);
    cur.pos = end + 1;
    return parseLiteral(cur.text.slice(start, end + 1), (reason) => cur.fail(reason));
  }
  return cur.fail(c === undefined ? "unexpected end of filter" : `unexpected '${c}' in filter at position ${start}`);
}

function closingJson(cur: Cursor, open: number): number {
  let depth = 0;
  for (let i = open; i < cur.text.length; i++) {
    const c = cur.text[i];
    if (c === "'" || c === '"') i = closingQuote(cur, i);
    else if (c === "[" || c === "{") depth++;
    else if ((c === "]" || c === "}") && --depth === 0) return i;
  }
  return cur.fail(`unbalanced '${cur.text[open]}' in filter at position ${open}`);
}

/** `/pattern/flags`: Jayway matches the whole string (Java Matcher.matches). */
function readRegex(cur: Cursor): Operand {
  const start = cur.pos;
  let end = start + 1;
  while (end < cur.text.length && cur.text[end] !== "/") end += cur.text[end] === "\\" ? 2 : 1;
  if (end >= cur.text.length) cur.fail(`regular expression starting at position ${start} is not closed with '/'`);
  let flagsEnd = end + 1;
  while (flagsEnd < cur.text.length && /[a-zA-Z]/.test(cur.text[flagsEnd]!)) flagsEnd++;
  const body = cur.text.slice(start + 1, end);
  const javaFlags = cur.text.slice(end + 1, flagsEnd);
  cur.pos = flagsEnd;
  let flags = "";
  for (const f of javaFlags) {
    if (f === "i" || f === "m" || f === "s") {
      if (!flags.includes(f)) flags += f;
    } else if (!"uxdU".includes(f)) cur.fail(`unknown regular expression flag '${f}'`);
  }
  try {
    return { kind: "regex", regex: new RegExp(`^(?:${body})$`, flags) };
  } catch (e) {
    return cur.fail(`invalid regular expression /${body}/: ${(e as Error).message}`);
  }
}
