import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { compareInstants, createInstant, isTimestamp, parseTimestampInto } from "./timestamp.js";

const instant = (s: string) => {
  const out = createInstant();
  if (!parseTimestampInto(s, out)) throw new Error(`not a timestamp: ${s}`);
  return { ...out };
};
const cmp = (a: string, b: string) => Math.sign(compareInstants(instant(a), instant(b)));

describe("isTimestamp", () => {
  it.each([
    "2016-08-18T17:33:00Z", // AWS's documented example
    "2001-01-01T12:00:00Z",
    "2012-10-09T19:00:55+01:00",
    "2012-10-09T19:00:55-08:30",
    "2012-10-09T19:00:55.1Z",
    "2012-10-09T19:00:55.123456789Z",
    "2012-10-09T19:00:55.5+05:45",
    "2024-02-29T00:00:00Z",
    "2000-02-29T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ])("accepts %s", (s) => expect(isTimestamp(s)).toBe(true));

  it.each([
    "",
    "2012-10-09T19:00:55", // no offset
    "2023-02-24", // a date alone
    "2023-02-24 12:15:56.832957", // space separator, no offset
    "2012-10-09t19:00:55Z", // AWS: "An uppercase T must separate the date and time portions"
    "2012-10-09T19:00:55z", // AWS: "An uppercase Z must denote ..."
    "2012-10-09 19:00:55Z",
    "2012-10-09T19:00Z", // no seconds
    "2012-10-09T19:00:55.Z", // empty fraction
    "2012-10-09T19:00:55.1234567891Z", // more than nanoseconds
    "2012-10-09T19:00:55+0100", // offset without colon
    "2012-10-09T19:00:55+01", // offset without minutes
    "2012-10-09T19:00:55+24:00",
    "2012-10-09T19:00:55+01:60",
    "2012-13-09T19:00:55Z",
    "2012-00-09T19:00:55Z",
    "2012-04-31T19:00:55Z",
    "2023-02-29T00:00:00Z", // not a leap year
    "1900-02-29T00:00:00Z", // not a leap year (century)
    "2012-10-09T24:00:00Z",
    "2012-10-09T23:60:00Z",
    "2012-10-09T23:59:60Z", // leap second
    "2012-10-09T19:00:55ZZ",
    "2012-10-09T19:00:55Z ",
    " 2012-10-09T19:00:55Z",
    "+2012-10-09T19:00:55Z",
    "12012-10-09T19:00:55Z",
    "2012-1-09T19:00:55Z",
    "２０１２-10-09T19:00:55Z", // full-width digits
  ])("rejects %j", (s) => expect(isTimestamp(s)).toBe(false));
});

describe("timestamp instants", () => {
  it("matches Date.parse on the epoch second for ordinary timestamps", () => {
    expect(instant("2016-08-18T17:33:00Z").seconds).toBe(Date.parse("2016-08-18T17:33:00Z") / 1000);
    expect(instant("1969-12-31T23:59:59Z").seconds).toBe(-1);
    expect(instant("0001-01-01T00:00:00Z").seconds).toBe(Date.parse("0001-01-01T00:00:00Z") / 1000);
    expect(instant("2000-03-01T00:00:00+00:00").seconds).toBe(Date.parse("2000-03-01T00:00:00Z") / 1000);
  });

  it("compares instants, not text: offsets", () => {
    expect(cmp("2012-10-09T19:00:55+01:00", "2012-10-09T18:00:55Z")).toBe(0);
    expect(cmp("2012-10-09T19:00:55-01:00", "2012-10-09T19:00:55Z")).toBe(1);
    expect(cmp("2012-10-10T00:30:00+05:30", "2012-10-09T19:00:00Z")).toBe(0);
  });

  it("compares fractions at full precision, trailing zeros irrelevant", () => {
    expect(cmp("2012-10-09T19:00:55.5Z", "2012-10-09T19:00:55.500000000Z")).toBe(0);
    expect(cmp("2012-10-09T19:00:55Z", "2012-10-09T19:00:55.000Z")).toBe(0);
    expect(cmp("2012-10-09T19:00:55.000000001Z", "2012-10-09T19:00:55Z")).toBe(1);
    expect(cmp("2012-10-09T19:00:55.0001Z", "2012-10-09T19:00:55.0002Z")).toBe(-1);
    expect(cmp("2012-10-09T19:00:55.9Z", "2012-10-09T19:00:56Z")).toBe(-1);
  });

  it("agrees with Date for random millisecond instants and offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("0001-01-02T00:00:00Z"), max: Date.parse("9999-12-30T00:00:00Z") }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const parsed = instant(`${local}${offset}`);
          expect(parsed.seconds * 1000 + parsed.nanos / 1e6).toBe(ms);
        },
      ),
    );
  });
});
