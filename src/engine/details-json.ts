/**
 * @module The JSON text of an event's details as the durable engine hands them to the store
 * (`{member: {field...}}`): JSON.stringify's text, except that each marked payload
 * (`{"$p": value}`, store/event-payloads.ts) is written from the transition's PayloadTexts, and a
 * payload an earlier event of the batch holds becomes a reference to it.
 */
import type { JsonValue } from "../shared/json.js";
import { PAYLOAD_FIELDS } from "../store/index.js";
import type { PayloadTexts } from "./payload-texts.js";
import { objectJson, plainJson } from "./plain-json.js";

export function detailsJson(details: Record<string, unknown> | undefined, eventId: number, texts: PayloadTexts): string {
  if (details === undefined) return "{}";
  return objectJson(details, (_member, fields) => (isPlainObject(fields) ? objectJson(fields, fieldJson(eventId, texts)) : plainJson(fields)));
}

const fieldJson = (eventId: number, texts: PayloadTexts) => (field: string, value: unknown): string | undefined =>
  PAYLOAD_FIELDS.has(field) && isMarker(value) ? texts.inHistory(value.$p, eventId, field) : plainJson(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== "function";

/** `{"$p": value}` and nothing else (as storedPayload makes it). */
function isMarker(value: unknown): value is { $p: JsonValue } {
  if (typeof value !== "object" || value === null || !("$p" in value)) return false;
  for (const key in value) if (key !== "$p") return false;
  return true;
}
