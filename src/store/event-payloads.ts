/**
 * @module Payloads in the history details a store is given. An event's `input`, `output` or
 * `parameters` is JSON text in AWS's shape; a writer may instead give the value itself, marked
 * (`{"$p": value}`), so the details are serialised once with the value inline rather than the value
 * to text and that text escaped into the details. Stores keep details as given; every read turns a
 * marked value back into its text (JSON.stringify of the parsed value gives the same text).
 */
import type { JsonValue } from "../shared/json.js";

/** A payload given as its value (see the module comment). */
export interface StoredPayload {
  readonly $p: JsonValue;
}

/** Undefined stays undefined, so the field is left out as JSON.stringify's text would leave it. */
export const storedPayload = (value: JsonValue): StoredPayload | undefined => (value === undefined ? undefined : { $p: value });

/** The details fields that hold a payload (AWS gives them as JSON text). */
const PAYLOAD_FIELDS = ["input", "output", "parameters"] as const;

const isStoredPayload = (value: unknown): value is StoredPayload => typeof value === "object" && value !== null && "$p" in value;

/** The payload fields of one details member (`{field...}`) that hold a marked value. */
const markedFields = (fields: Record<string, unknown>): (typeof PAYLOAD_FIELDS)[number][] =>
  PAYLOAD_FIELDS.filter((field) => isStoredPayload(fields[field]));

/** Turns the marked payloads of parsed details (`{member: {field...}}`) back into JSON text, in place. */
export function restorePayloads(details: Record<string, unknown>): Record<string, unknown> {
  for (const member in details) {
    const fields = details[member];
    if (typeof fields !== "object" || fields === null) continue;
    const record = fields as Record<string, unknown>;
    for (const field of markedFields(record)) record[field] = JSON.stringify((record[field] as StoredPayload).$p);
  }
  return details;
}

/** Details JSON text with marked payloads turned back into text (text without any comes back as it is). */
export function restorePayloadText(details: string): string {
  if (!details.includes('{"$p":')) return details;
  return JSON.stringify(restorePayloads(JSON.parse(details) as Record<string, unknown>));
}
