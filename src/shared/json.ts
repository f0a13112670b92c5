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
