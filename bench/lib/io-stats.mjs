/**
 * @module Bytes this process wrote, from Linux's /proc/self/io: `write_bytes` is what it sent towards
 * the disk (page cache included), so per commit it shows how many pages a transaction dirtied.
 * Elsewhere the figures are undefined.
 */
import { readFileSync } from "node:fs";

/** `{ wchar, writeBytes, syscw }` now, or undefined when /proc/self/io is not readable. */
export function ioCounters() {
  try {
    const fields = Object.fromEntries(readFileSync("/proc/self/io", "utf8").trim().split("\n").map((l) => l.split(": ")));
    return { wchar: Number(fields.wchar), writeBytes: Number(fields.write_bytes), syscw: Number(fields.syscw) };
  } catch {
    return undefined;
  }
}

/** The difference between two ioCounters() readings (undefined when either is). */
export function ioDelta(before, after) {
  if (!before || !after) return undefined;
  return { wchar: after.wchar - before.wchar, writeBytes: after.writeBytes - before.writeBytes, syscw: after.syscw - before.syscw };
}
