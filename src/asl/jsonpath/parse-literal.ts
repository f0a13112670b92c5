/** @module Lenient JSON for filter literals (`[1, 'a']`, `{'k': 1}`): single or double quoted strings, as json-smart accepts. */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { unescapeString } from "./unescape.js";

/** Parses `text` fully; calls `fail` (which throws) on malformed input. */
export function parseLiteral(text: string, fail: (reason: string) => never): JsonValue {
  let i = 0;
  const blanks = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const bad = (): never => fail(`invalid literal '${text}' in filter`);
  const value = (): JsonValue => {
    blanks();
    const c = text[i];
    if (c === "[") {
      i++;
      const out: JsonValue[] = [];
      blanks();
      if (text[i] === "]") return i++, out;
      for (;;) {
        out.push(value());
        blanks();
        if (text[i] === "]") return i++, out;
        if (text[i++] !== ",") bad();
      }
    }
    if (c === "{") {
      i++;
      const out: JsonObject = {};
      blanks();
      if (text[i] === "}") return i++, out;
      for (;;) {
        blanks();
        const key = value();
        if (typeof key !== "string") bad();
        blanks();
        if (text[i++] !== ":") bad();
        Object.defineProperty(out, key as string, { value: value(), enumerable: true, writable: true, configurable: true });
        blanks();
        if (text[i] === "}") return i++, out;
        if (text[i++] !== ",") bad();
      }
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) bad();
      const s = unescapeString(text.slice(i + 1, j));
      i = j + 1;
      return s;
    }
    const m = /^(true|false|null|-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(text.slice(i));
    if (!m) return bad();
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
  };
  const result = value();
  blanks();
  if (i !== text.length) bad();
  return result;
}
