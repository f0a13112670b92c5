/** @module StringMatches: `*` wildcard patterns, compiled once into a non-allocating matcher. */

/**
 * ASL: "String comparison against patterns with one or more wildcards ("*") can be performed with the
 * StringMatches comparison operator. The wildcard character is escaped by using the standard \\
 * (Ex: "\\*"). No characters other than "*" have any special meaning during matching."
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 *
 * So in the pattern's string value `\*` is a literal star and `\\` a literal backslash; a backslash
 * before any other character (or at the end) stands for itself. `*` matches any run of characters,
 * including none. The whole string must match.
 */
export function compileStringMatches(pattern: string): (value: string) => boolean {
  const parts = splitOnWildcards(pattern);
  if (parts.length === 1) {
    const literal = parts[0]!;
    return (value) => value === literal;
  }
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const fixedLength = head.length + tail.length;
  return (value) => {
    if (value.length < fixedLength || !value.startsWith(head) || !value.endsWith(tail)) return false;
    // Between the head and the tail, each middle part in order; taking the leftmost occurrence of
    // each is optimal because the stars between them absorb anything.
    const end = value.length - tail.length;
    let at = head.length;
    for (const part of middle) {
      const found = value.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}

/** The literal runs of `pattern` between its unescaped stars, escapes resolved. */
function splitOnWildcards(pattern: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === "*" || next === "\\") {
        current += next;
        i++;
      } else {
        current += ch;
      }
    } else if (ch === "*") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
