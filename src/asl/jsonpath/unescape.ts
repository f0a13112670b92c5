/** @module Backslash escapes in quoted names and string literals (Java-style, as Jayway's Utils.unescape). */

const SIMPLE: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };

/** Resolves `\'`, `\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\b`, `\f` and `\uXXXX`; other escaped characters stand for themselves. */
export function unescapeString(text: string): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\" || i === text.length - 1) {
      out += c;
      continue;
    }
    const e = text[++i]!;
    if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += SIMPLE[e] ?? e;
  }
  return out;
}
