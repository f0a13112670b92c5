/** @module Timestamps as Choice rules read them: AWS's RFC 3339 profile, parsed to exact instants without allocating. */

/**
 * AWS: "Timestamps (for example, 2016-08-18T17:33:00Z) must conform to RFC3339 profile ISO 8601, with
 * further restrictions: An uppercase T must separate the date and time portions. An uppercase Z must
 * denote that a numeric time zone offset isn't present."
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 *
 * Accepted: `YYYY-MM-DDTHH:MM:SS[.f]{Z|+HH:MM|-HH:MM}` with a real calendar date, hours 00-23,
 * minutes and seconds 00-59 (no leap second, as Java's strict ISO parser), 1 to 9 fraction digits
 * (nanoseconds, as java.time), offset hours 00-23. Rejected: a lowercase `t`/`z`, a space separator, a
 * missing offset or missing seconds, a date without a time.
 */

/** A point in time: whole seconds since the epoch (exact integer) and nanoseconds within the second. */
export interface Instant {
  seconds: number;
  nanos: number;
}

export const createInstant = (): Instant => ({ seconds: 0, nanos: 0 });

const ZERO = 48;
const isDigit = (c: number): boolean => c >= ZERO && c <= ZERO + 9;

/** The number formed by the `count` digits of `s` at `at`, or -1 when one of them is not a digit. */
function readDigits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (integer arithmetic, exact). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parses `s` into `out` and returns true when it is a timestamp AWS accepts; returns false (leaving
 * `out` unspecified) otherwise. Writes into a caller-owned Instant so evaluation allocates nothing.
 */
export function parseTimestampInto(s: string, out: Instant): boolean {
  // Shortest form: 2016-08-18T17:33:00Z (20 chars).
  if (s.length < 20) return false;
  const year = readDigits(s, 0, 4);
  const month = readDigits(s, 5, 2);
  const day = readDigits(s, 8, 2);
  const hour = readDigits(s, 11, 2);
  const minute = readDigits(s, 14, 2);
  const second = readDigits(s, 17, 2);
  if (year < 0 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return false;
  if (s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":") return false;
  if (month > 12 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;

  let at = 19;
  let nanos = 0;
  if (s[at] === ".") {
    at++;
    let digits = 0;
    while (at < s.length && isDigit(s.charCodeAt(at))) {
      if (++digits > 9) return false;
      nanos = nanos * 10 + (s.charCodeAt(at) - ZERO);
      at++;
    }
    if (digits === 0) return false;
    for (let i = digits; i < 9; i++) nanos *= 10;
  }

  let offsetSeconds = 0;
  const sign = s[at];
  if (sign === "Z") {
    if (at + 1 !== s.length) return false;
  } else if (sign === "+" || sign === "-") {
    if (at + 6 !== s.length || s[at + 3] !== ":") return false;
    const oh = readDigits(s, at + 1, 2);
    const om = readDigits(s, at + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return false;
    offsetSeconds = (oh * 3600 + om * 60) * (sign === "-" ? -1 : 1);
  } else {
    return false;
  }

  out.seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  out.nanos = nanos;
  return true;
}

const scratch = createInstant();

/** Whether `s` is a timestamp AWS accepts (IsTimestamp). */
export function isTimestamp(s: string): boolean {
  return parseTimestampInto(s, scratch);
}

/** Negative, zero or positive as instant `a` is before, at or after instant `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}
