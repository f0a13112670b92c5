/**
 * @module JSON text of the small objects the engine makes for the store's history: event details.
 * The text is what JSON.stringify gives, byte for byte. Written out here because Node 20's
 * JSON.stringify looks up `toJSON` on every object through V8's slow path, which costs more than
 * a details object's two to four keys (measured: 9% of a Task transition's instructions). The user's
 * data within them (the values under `dataKeys`) goes through JSON.stringify as it is, by way of the
 * transition's PayloadTexts, so a payload in several events is made into text once. The execution
 * state is not written here: its frames have a dozen keys each, where JSON.stringify is faster.
 */
import type { JsonValue } from "../shared/json.js";
import type { PayloadTexts } from "./payload-texts.js";

/** Keys under which event details hold the user's data: marked payloads (src/store/event-payloads.ts). */
export const DETAILS_DATA_KEYS: ReadonlySet<string> = new Set(["$p"]);

/** `"key":` for the few dozen keys of the engine's shapes. */
const keyTexts = new Map<string, string>();
const MAX_KEYS = 1024;

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < MAX_KEYS) keyTexts.set(key, text);
  }
  return text;
}

/** JSON.stringify(value); the values of keys in `dataKeys` are written by `texts` (JSON.stringify, remembered). */
export function plainJson(value: unknown, texts: PayloadTexts, dataKeys: ReadonlySet<string>): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return arrayJson(value, texts, dataKeys);
      // Not plain data (a Date, say): JSON.stringify knows what to do.
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
      return objectJson(value as Record<string, unknown>, texts, dataKeys);
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      return undefined;
  }
}

function arrayJson(items: readonly unknown[], texts: PayloadTexts, dataKeys: ReadonlySet<string>): string {
  let out = "[";
  for (let i = 0; i < items.length; i++) out += `${i === 0 ? "" : ","}${plainJson(items[i], texts, dataKeys) ?? "null"}`;
  return `${out}]`;
}

function objectJson(object: Record<string, unknown>, texts: PayloadTexts, dataKeys: ReadonlySet<string>): string {
  let out = "{";
  let first = true;
  for (const key in object) {
    const value = object[key];
    const text = dataKeys.has(key) ? texts.of(value as JsonValue) : plainJson(value, texts, dataKeys);
    if (text === undefined) continue;
    out += `${first ? "" : ","}${keyText(key)}${text}`;
    first = false;
  }
  return `${out}}`;
}
