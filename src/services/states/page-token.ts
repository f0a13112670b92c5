/** @module AWS-style opaque nextToken values over the store's cursors, bound to the listing they came from. */
import { InvalidCursor, type ListOptions, type Page } from "../../store/index.js";
import { invalidToken } from "./errors.js";
import { optionalString, pageSizeOf, type Input } from "./input.js";

/** Encodes a store cursor with the listing's scope (operation + filter), so a token only works where it came from. */
export function encodePageToken(scope: string, cursor: string): string {
  return Buffer.from(JSON.stringify([scope, cursor]), "utf8").toString("base64url");
}

export function decodePageToken(scope: string, token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidToken(token);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== scope || typeof parsed[1] !== "string") throw invalidToken(token);
  return parsed[1];
}

/**
 * Reads `maxResults` / `nextToken` (field names as given), fetches one page with `fetch`, and maps
 * the store's InvalidCursor to AWS's InvalidToken.
 */
export async function listPage<T>(
  input: Input,
  scope: string,
  fetch: (options: ListOptions) => Promise<Page<T>>,
  fields: { readonly maxResults?: string; readonly nextToken?: string } = {},
): Promise<{ items: readonly T[]; nextToken: string | undefined }> {
  const limit = pageSizeOf(input, fields.maxResults ?? "maxResults");
  const token = optionalString(input, fields.nextToken ?? "nextToken", 1024);
  const after = token === undefined ? undefined : decodePageToken(scope, token);
  let page: Page<T>;
  try {
    page = await fetch(after === undefined ? { limit } : { limit, after });
  } catch (e) {
    if (e instanceof InvalidCursor) throw invalidToken(token ?? "");
    throw e;
  }
  return { items: page.items, nextToken: page.next === undefined ? undefined : encodePageToken(scope, page.next) };
}
