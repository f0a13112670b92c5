/** @module Checks of single field values: JSON types, integer ranges, enumerations, timestamps. */
import { isJsonObject } from "../../shared/json.js";
import { Msg, type Diagnostics } from "./diagnostics.js";

export { isJsonObject };

/** True for a `{% ... %}` string, which a JSONata state evaluates as an expression. */
export const isJsonataString = (v: unknown): v is string =>
  typeof v === "string" && v.length >= 4 && v.startsWith("{%") && v.endsWith("%}");

export const hasField = (obj: object, field: string): boolean => Object.prototype.hasOwnProperty.call(obj, field);

export function checkString(out: Diagnostics, v: unknown, location: string): v is string {
  if (typeof v === "string") return true;
  out.schema(Msg.type("STRING"), location);
  return false;
}

export function checkBoolean(out: Diagnostics, v: unknown, location: string): v is boolean {
  if (typeof v === "boolean") return true;
  out.schema(Msg.type("BOOLEAN"), location);
  return false;
}

export function checkObject(out: Diagnostics, v: unknown, location: string): v is Record<string, unknown> {
  if (isJsonObject(v)) return true;
  out.schema(Msg.type("OBJECT"), location);
  return false;
}

export function checkArray(out: Diagnostics, v: unknown, location: string): v is unknown[] {
  if (Array.isArray(v)) return true;
  out.schema(Msg.type("ARRAY"), location);
  return false;
}

export function checkEnum(out: Diagnostics, v: unknown, values: readonly string[], location: string): boolean {
  if (!checkString(out, v, location)) return false;
  if (values.includes(v)) return true;
  out.schema(Msg.oneOf(values), location);
  return false;
}

export interface Range {
  /** Lowest allowed value and how AWS prints it ("0", "1.0"). */
  readonly min?: readonly [number, string];
  readonly max?: readonly [number, string];
}

/** An integer literal within `range`. */
export function checkInteger(out: Diagnostics, v: unknown, location: string, range: Range = {}): boolean {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    out.schema(Msg.type("INTEGER"), location);
    return false;
  }
  return checkRange(out, v, location, range);
}

/** A number literal within `range`. */
export function checkNumber(out: Diagnostics, v: unknown, location: string, range: Range = {}): boolean {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    out.schema(Msg.type("NUMBER"), location);
    return false;
  }
  return checkRange(out, v, location, range);
}

function checkRange(out: Diagnostics, v: number, location: string, range: Range): boolean {
  if (range.min && v < range.min[0]) {
    out.schema(Msg.min(range.min[1]), location);
    return false;
  }
  if (range.max && v > range.max[0]) {
    out.schema(Msg.max(range.max[1]), location);
    return false;
  }
  return true;
}

export const NON_NEGATIVE: Range = { min: [0, "0"] };
export const POSITIVE: Range = { min: [1, "1"] };

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 timestamp as the ASL requires: "an uppercase T must separate the date and time
 * portions, and an uppercase Z must denote that a numeric time zone offset is not present"
 * (https://states-language.net/#timestamps).
 */
export function isTimestamp(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

export function checkTimestamp(out: Diagnostics, v: unknown, location: string): boolean {
  if (!checkString(out, v, location)) return false;
  if (isTimestamp(v)) return true;
  out.schema("String does not match RFC3339 timestamp", location);
  return false;
}

/** Reports every pair of mutually exclusive fields present together; returns false if any was. */
export function checkExclusive(out: Diagnostics, obj: object, fields: readonly string[], location: string): boolean {
  const present = fields.filter((f) => hasField(obj, f));
  if (present.length <= 1) return true;
  out.schema(Msg.onlyOne(fields), location);
  return false;
}
