/** @module JSON value types shared by every layer, and the byte size AWS measures payloads in. */

export type JsonPrimitive = string | number | boolean | null;
export type JsonArray = JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

export const isJsonObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** UTF-8 byte length of the JSON text of `value` (AWS limits payloads in bytes). */
export const jsonByteSize = (value: JsonValue): number => Buffer.byteLength(JSON.stringify(value), "utf8");

/**
 * Whether the JSON text of `value` is longer than `limit` UTF-8 bytes. Walks the value with a cheap
 * upper bound first (no string is built); only values near the limit are measured exactly.
 */
export function exceedsByteSize(value: JsonValue, limit: number): boolean {
  const bound = upperBound(value, limit);
  return bound > limit && jsonByteSize(value) > limit;
}

/** An upper bound of the JSON byte size (strings at 6 bytes a character, the worst escape). Stops past `limit`. */
function upperBound(value: JsonValue, limit: number): number {
  if (value === null || typeof value !== "object") return typeof value === "string" ? value.length * 6 + 2 : 24;
  let total = 2;
  if (Array.isArray(value)) {
    for (const v of value) {
      total += upperBound(v, limit) + 1;
      if (total > limit) return total;
    }
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + upperBound(value[key]!, limit);
    if (total > limit) return total;
  }
  return total;
}
