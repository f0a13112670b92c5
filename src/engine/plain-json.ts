/**
 * @module JSON.stringify for the small objects the engine makes for the history (event details):
 * the same text, byte for byte. Node 20's JSON.stringify looks up `toJSON` on every object through
 * V8's slow path, which costs more than a details object's two to four keys (measured: 9% of a Task
 * transition's instructions). The user's data does not go through here (details-json.ts hands
 * payloads to JSON.stringify), nor does the execution state: its frames have a dozen keys each,
 * where JSON.stringify is faster.
 */

/** `"key":` for the few dozen keys of the engine's shapes. */
const keyTexts = new Map<string, string>();
const MAX_KEYS = 1024;

export function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < MAX_KEYS) keyTexts.set(key, text);
  }
  return text;
}

/** JSON.stringify(value). */
export function plainJson(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return arrayJson(value);
      // Not plain data (a Date, say): JSON.stringify knows what to do.
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
      return objectJson(value as Record<string, unknown>);
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      return undefined;
  }
}

function arrayJson(items: readonly unknown[]): string {
  let out = "[";
  for (let i = 0; i < items.length; i++) out += `${i === 0 ? "" : ","}${plainJson(items[i]) ?? "null"}`;
  return `${out}]`;
}

/** An object's members, each written by `member` (undefined: left out). */
export function objectJson(object: Record<string, unknown>, member: (key: string, value: unknown) => string | undefined = memberJson): string {
  let out = "{";
  let first = true;
  for (const key in object) {
    const text = member(key, object[key]);
    if (text === undefined) continue;
    out += `${first ? "" : ","}${keyText(key)}${text}`;
    first = false;
  }
  return `${out}}`;
}

const memberJson = (_key: string, value: unknown): string | undefined => plainJson(value);
