/**
 * @module Payloads in the history details a store is given. An event's `input`, `output` or
 * `parameters` is JSON text in AWS's shape; a writer may instead give the value itself, marked
 * (`{"$p": value}`), so the details are serialised once with the value inline rather than the value
 * to text and that text escaped into the details. Within one TransitionBatch, a payload an earlier
 * event of the batch holds may be given as a reference to it instead (`{"$q": [eventId, "field"]}`):
 * a Task's result is the output of two events and the input of two more, written once this way.
 * Stores keep details as given, or resolve the references (a store that keeps each event apart);
 * every read turns marked values back into their text (JSON.stringify of the parsed value gives the
 * same text).
 */
import type { JsonValue } from "../shared/json.js";

/** A payload given as its value (see the module comment). */
export interface StoredPayload {
  readonly $p: JsonValue;
}

/** Undefined stays undefined, so the field is left out as JSON.stringify's text would leave it. */
export const storedPayload = (value: JsonValue): StoredPayload | undefined => (value === undefined ? undefined : { $p: value });

/** The details fields that hold a payload (AWS gives them as JSON text). */
export const PAYLOAD_FIELDS: ReadonlySet<string> = new Set(["input", "output", "parameters"]);

/** A marked payload's text, given its value's JSON text. */
export const markedText = (valueText: string): string => `{"$p":${valueText}}`;

/** The text of a reference to the payload in `field` of the batch's event `eventId`. */
export const payloadRefText = (eventId: number, field: string): string => `{"$q":[${eventId},${JSON.stringify(field)}]}`;

type Details = Record<string, unknown>;

const isObject = (value: unknown): value is Details => typeof value === "object" && value !== null;
const isStoredPayload = (value: unknown): value is StoredPayload => isObject(value) && "$p" in value;
const refOf = (value: unknown): [number, string] | undefined => {
  const ref = isObject(value) ? value.$q : undefined;
  return Array.isArray(ref) && ref.length === 2 && typeof ref[0] === "number" && typeof ref[1] === "string" ? [ref[0], ref[1]] : undefined;
};

/** Calls `visit` with each payload field (input, output, parameters) of parsed details (`{member: {field...}}`). */
function forEachPayloadField(details: Details, visit: (fields: Details, field: string) => void): void {
  for (const member in details) {
    const fields = details[member];
    if (!isObject(fields)) continue;
    for (const field in fields) if (PAYLOAD_FIELDS.has(field)) visit(fields, field);
  }
}

/** The payload in `field` of parsed details: marked, or its text once restorePayloads went over them. */
function payloadIn(details: Details, field: string): unknown {
  for (const member in details) {
    const value = isObject(details[member]) ? (details[member] as Details)[field] : undefined;
    if (isStoredPayload(value) || typeof value === "string") return value;
  }
  return undefined;
}

/**
 * Puts, in place, the payload each reference of a batch's parsed details stands for
 * (`detailsOf(eventId)`: the details of an event of the same batch, or undefined).
 */
export function resolvePayloadRefs(details: Details, detailsOf: (eventId: number) => Details | undefined): Details {
  forEachPayloadField(details, (fields, field) => {
    const ref = refOf(fields[field]);
    if (ref === undefined) return;
    const target = detailsOf(ref[0]);
    const found = target && PAYLOAD_FIELDS.has(ref[1]) ? payloadIn(target, ref[1]) : undefined;
    if (found === undefined) throw new Error(`history details refer to a payload the batch does not hold (event ${ref[0]}, ${ref[1]})`);
    fields[field] = found;
  });
  return details;
}

/** Turns the marked payloads of parsed details (`{member: {field...}}`) back into JSON text, in place. */
export function restorePayloads(details: Details): Details {
  forEachPayloadField(details, (fields, field) => {
    const value = fields[field];
    if (isStoredPayload(value)) fields[field] = JSON.stringify(value.$p);
  });
  return details;
}

/** Details JSON text with marked payloads turned back into text (text without any comes back as it is). */
export function restorePayloadText(details: string): string {
  if (!details.includes('{"$p":')) return details;
  return JSON.stringify(restorePayloads(JSON.parse(details) as Details));
}

/**
 * A batch's events with every payload reference replaced by the marked payload it stands for, for a
 * store that keeps each event's details apart. Events without references are given back as they are.
 */
export function inlinePayloadRefs<E extends { readonly id: number; readonly details: string }>(events: readonly E[]): readonly E[] {
  const refers = events.map((e) => e.details.includes('{"$q":'));
  if (!refers.includes(true)) return events;
  const byId = new Map(events.map((e) => [e.id, e]));
  const parsed = new Map<number, Details>();
  const detailsOf = (id: number): Details | undefined => {
    let details = parsed.get(id);
    if (details === undefined) {
      const event = byId.get(id);
      if (event === undefined) return undefined;
      parsed.set(id, (details = JSON.parse(event.details) as Details));
    }
    return details;
  };
  return events.map((e, i) => (refers[i] ? { ...e, details: JSON.stringify(resolvePayloadRefs(detailsOf(e.id)!, detailsOf)) } : e));
}
