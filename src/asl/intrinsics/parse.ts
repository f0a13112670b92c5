/** @module The intrinsic call grammar: `States.Name(arg, ...)` with string, number, boolean and null literals, paths and nested calls. */
import type { JsonValue } from "../../shared/json.js";
import { IntrinsicSyntaxError } from "./syntax-error.js";

export type IntrinsicNode = LiteralNode | PathNode | CallNode;

export interface LiteralNode {
  readonly kind: "literal";
  readonly value: JsonValue;
  /** String literals only: the text between the quotes with its escapes intact (a States.Format template). */
  readonly raw?: string;
}
export interface PathNode {
  readonly kind: "path";
  /** `$`, `$.a`, `$$.Execution.Id`, `$var.x`, ... exactly as written. */
  readonly source: string;
  /** Offset in the whole intrinsic text, for error messages. */
  readonly start: number;
}
export interface CallNode {
  readonly kind: "call";
  /** Full name, e.g. `States.Format`. */
  readonly name: string;
  readonly args: readonly IntrinsicNode[];
  /** The call's own text, e.g. `States.MathAdd($.a, 1)`. */
  readonly source: string;
  /** Offset in the whole intrinsic text, for error messages. */
  readonly start: number;
}

/**
 * "You can nest up to 10 intrinsic functions within a field in your workflows."
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export const MAX_NESTING = 10;

const CALL_PREFIX = "States.";
const NAME = /[A-Za-z][A-Za-z0-9]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORD = /true|false|null/y;
/** Characters a backslash may escape inside a string literal: `\'`, `\{`, `\}`, `\\`. */
const ESCAPABLE = "'{}\\";

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";
const endsToken = (c: string | undefined): boolean => c === undefined || c === "," || c === ")" || isSpace(c);

/** Parses a whole intrinsic call (optionally surrounded by whitespace). Throws IntrinsicSyntaxError. */
export function parseIntrinsic(text: string): CallNode {
  const p = new Parser(text);
  p.skipSpace();
  if (!text.startsWith(CALL_PREFIX, p.pos)) p.fail(`expected '${CALL_PREFIX}'`);
  const call = p.call(1);
  p.skipSpace();
  if (p.pos < text.length) p.fail(`unexpected '${text[p.pos]}' after the call`);
  return call;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new IntrinsicSyntaxError(this.text, at, message);
  }

  skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  call(depth: number): CallNode {
    const start = this.pos;
    if (depth > MAX_NESTING) this.fail(`intrinsic functions nest deeper than ${MAX_NESTING}`);
    this.pos += CALL_PREFIX.length;
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) this.fail("expected a function name after 'States.'");
    this.pos = NAME.lastIndex;
    const name = CALL_PREFIX + m[0];
    this.skipSpace();
    if (this.text[this.pos] !== "(") this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ")") this.pos++;
    else {
      for (;;) {
        this.skipSpace();
        args.push(this.argument(depth));
        this.skipSpace();
        const c = this.text[this.pos];
        this.pos++;
        if (c === ")") break;
        if (c === undefined) this.fail(`unbalanced parentheses: ${name}( is never closed`, this.pos - 1);
        if (c !== ",") this.fail(`expected ',' or ')' but found '${c}'`, this.pos - 1);
      }
    }
    return { kind: "call", name, args, source: this.text.slice(start, this.pos), start };
  }

  argument(depth: number): IntrinsicNode {
    const c = this.text[this.pos];
    if (c === "'") return this.string();
    if (c === "$") return this.path();
    if (this.text.startsWith(CALL_PREFIX, this.pos)) return this.call(depth + 1);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    KEYWORD.lastIndex = this.pos;
    const kw = KEYWORD.exec(this.text);
    if (kw && endsToken(this.text[KEYWORD.lastIndex])) {
      this.pos = KEYWORD.lastIndex;
      return { kind: "literal", value: kw[0] === "null" ? null : kw[0] === "true" };
    }
    if (c === undefined || c === ")" || c === ",") this.fail("missing argument");
    return this.fail(`unexpected '${c}': an argument is a 'string', a number, true, false, null, a path or an intrinsic call`);
  }

  string(): LiteralNode {
    const start = ++this.pos;
    let value = "";
    let chunk = start;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail("unbalanced quotes: string literal is never closed", start - 1);
      if (c === "'") break;
      if (c === "\\") {
        const next = this.text[this.pos + 1];
        if (next === undefined || !ESCAPABLE.includes(next)) {
          this.fail(`open escape '\\${next ?? ""}': only \\', \\{, \\} and \\\\ are allowed`);
        }
        value += this.text.slice(chunk, this.pos) + next;
        this.pos += 2;
        chunk = this.pos;
      } else this.pos++;
    }
    value += this.text.slice(chunk, this.pos);
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return { kind: "literal", value, raw };
  }

  number(): LiteralNode {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || !endsToken(this.text[NUMBER.lastIndex])) this.fail("invalid number literal");
    this.pos = NUMBER.lastIndex;
    return { kind: "literal", value: Number(m[0]) };
  }

  /** A path runs to the first `,`, `)` or space outside brackets, parentheses and quotes. */
  path(): PathNode {
    const start = this.pos;
    const open: string[] = [];
    let quote: string | undefined;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos]!;
      if (quote) {
        if (c === "\\") this.pos++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "[") open.push("]");
      else if (c === "(") open.push(")");
      else if (c === "]" || c === ")") {
        if (open.length === 0 && c === ")") break;
        if (open.pop() !== c) this.fail("unbalanced brackets in path", start);
      } else if (open.length === 0 && (c === "," || isSpace(c))) break;
    }
    if (quote) this.fail("unbalanced quotes in path", start);
    if (open.length > 0) this.fail("unbalanced brackets in path", start);
    return { kind: "path", source: this.text.slice(start, this.pos), start };
  }
}
