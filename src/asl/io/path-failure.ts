/** @module Jayway's wording for a definite path that finds nothing ("No results for path: $['a']['b']"). */
import type { JsonValue } from "../../shared/json.js";
import { isJsonObject } from "../../shared/json.js";

const SEGMENT = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;

/** Describes why `source` (a `$`-rooted path) found nothing in `data`, in Jayway's words. */
export function describeMissingPath(source: string, data: JsonValue): string {
  const segments: (string | number)[] = [];
  for (const m of source.slice(1).matchAll(SEGMENT)) {
    segments.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4] ?? ""));
  }
  let node: JsonValue | undefined = data;
  let prefix = "$";
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    prefix += typeof seg === "number" ? `[${seg}]` : `['${seg}']`;
    const next: JsonValue | undefined =
      typeof seg === "number"
        ? Array.isArray(node) ? node[seg] : undefined
        : isJsonObject(node) ? node[seg] : undefined;
    if (next === undefined && i < segments.length - 1) return `Missing property in path ${prefix}`;
    node = next;
  }
  return `No results for path: ${prefix}`;
}
