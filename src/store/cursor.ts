/** @module Keyset pagination cursors: the sort key of a page's last item, opaque to callers. */
import { InvalidCursor } from "./records.js";

type KeyPart = string | number;

/** Encodes the sort key of the last item of a page. */
export function encodeCursor(key: readonly KeyPart[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** Decodes a cursor made by encodeCursor whose parts have the given types ("n" number, "s" string). */
export function decodeCursor(cursor: string, shape: readonly ("n" | "s")[]): KeyPart[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursor(cursor);
  }
  if (!Array.isArray(key) || key.length !== shape.length) throw new InvalidCursor(cursor);
  shape.forEach((type, i) => {
    const ok = type === "n" ? Number.isSafeInteger(key[i]) : typeof key[i] === "string";
    if (!ok) throw new InvalidCursor(cursor);
  });
  return key as KeyPart[];
}

/** A page size callers cannot get wrong: a whole number, at least 1. */
export const pageSize = (limit: number): number => Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 1));

/**
 * Builds a page from `rows` fetched with LIMIT size + 1: the extra row only says a next page exists,
 * and the cursor is the sort key of the last item kept.
 */
export function toPage<R, T>(rows: readonly R[], size: number, map: (row: R) => T, key: (row: R) => readonly KeyPart[]): { items: T[]; next: string | undefined } {
  const more = rows.length > size;
  const kept = more ? rows.slice(0, size) : rows;
  return { items: kept.map(map), next: more ? encodeCursor(key(kept[kept.length - 1]!)) : undefined };
}

/** The cursor that continues a listing of log events right after (or, reversed, before) `event`. */
export const logEventCursor = (event: { readonly timestamp: number; readonly id: string }): string => encodeCursor([event.timestamp, Number(event.id)]);
