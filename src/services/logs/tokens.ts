/** @module The Logs API's opaque tokens over the store's cursors, bound to the listing they came from. */
import { InvalidCursor, type ListOptions, type Page } from "../../store/index.js";
import { invalidParameter } from "./errors.js";

export function encodeToken(scope: string, cursor: string): string {
  return Buffer.from(JSON.stringify([scope, cursor]), "utf8").toString("base64url");
}

/** The cursor in a token made for `scope` ("" for a token that starts at an end). */
export function decodeToken(scope: string, token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === scope && typeof parsed[1] === "string") return parsed[1];
  } catch {
    // fall through
  }
  throw invalidParameter("The specified nextToken is invalid.");
}

/** Fetches a page, mapping a cursor the store refuses to AWS's invalid-token error. */
export async function fetchPage<T>(fetch: (options: ListOptions) => Promise<Page<T>>, options: ListOptions): Promise<Page<T>> {
  try {
    return await fetch(options);
  } catch (e) {
    if (e instanceof InvalidCursor) throw invalidParameter("The specified nextToken is invalid.");
    throw e;
  }
}

export const pageOptions = (limit: number, after: string | undefined): ListOptions => (after ? { limit, after } : { limit });
