/** @module States.Format templates: literal text with `{}` placeholders and `\'`, `\{`, `\}`, `\\` escapes. */

/** Literal pieces around the placeholders: `pieces.length === placeholders + 1`. */
export interface FormatTemplate {
  readonly pieces: readonly string[];
}

/** Why a template is malformed, in the wording of AWS's "Invalid template" cause. */
export interface TemplateError {
  readonly error: string;
}

export const isTemplateError = (t: FormatTemplate | TemplateError): t is TemplateError => "error" in t;

const UNMATCHED_OPEN = "matching '}' not found for '{'.";
const UNMATCHED_CLOSE = "matching '{' not found for '}'.";

/**
 * Splits a template at its `{}` placeholders. An escaped brace is literal; a `{` not directly
 * followed by `}` (as in `{{}}`) or a lone `}` makes the template invalid. A backslash before any
 * other character stays a backslash (templates read from a path are not intrinsic literals).
 */
export function parseFormatTemplate(text: string): FormatTemplate | TemplateError {
  const pieces: string[] = [];
  let piece = "";
  let chunk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      const next = text[i + 1];
      if (next === "'" || next === "{" || next === "}" || next === "\\") {
        piece += text.slice(chunk, i) + next;
        chunk = ++i + 1;
      }
    } else if (c === 0x7b /* { */) {
      if (text.charCodeAt(i + 1) !== 0x7d) return { error: UNMATCHED_OPEN };
      pieces.push(piece + text.slice(chunk, i));
      piece = "";
      chunk = ++i + 1;
    } else if (c === 0x7d /* } */) {
      return { error: UNMATCHED_CLOSE };
    }
  }
  pieces.push(piece + text.slice(chunk));
  return { pieces };
}

/** A one-entry cache: a template read from a path is usually the same string every time. */
export function createTemplateCache(): (text: string) => FormatTemplate | TemplateError {
  let lastText: string | undefined;
  let last: FormatTemplate | TemplateError = { pieces: [""] };
  return (text) => {
    if (text !== lastText) {
      last = parseFormatTemplate(text);
      lastText = text;
    }
    return last;
  };
}
