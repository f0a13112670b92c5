/**
 * @module One HTTP exchange as the protocols see it: a request (method, target, headers, a body read
 * on demand) and the response they answer. The node:http adapter makes these straight from
 * IncomingMessage and writes them to ServerResponse, with no Web Request/Response in between.
 */

export interface ApiRequest {
  readonly method: string;
  /** The request target as sent: `/path?query` (or an absolute URL). */
  readonly target: string;
  /** Lower-case header names; repeated headers joined with ", " (as node:http gives them). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /**
   * The body's bytes as UTF-8 text, counting as they arrive: more than `limit` bytes → the 413
   * ServiceError (the rest is read and dropped); a body that cannot be read → SerializationException.
   */
  readBody(limit: number): Promise<string>;
  /** Reads and drops the body (the answer does not need it); the connection stays usable. */
  discardBody(): void;
  /** Aborts when the client goes away or the server closes. Made on first use. */
  readonly signal: AbortSignal;
}

export interface ApiResponse {
  readonly status: number;
  /** Lower-case names. The adapter adds content-length (and connection: close while draining). */
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
}

export type App = (request: ApiRequest) => Promise<ApiResponse>;

/** The path and query of a request target (any base works: the Host is never used for routing). */
export type RequestUrl = Pick<URL, "pathname" | "searchParams">;

const URL_BASE = "http://stepwise.invalid";
/** `POST /` is nearly every request (awsJson): its URL is parsed once. Read-only by convention. */
const ROOT: RequestUrl = new URL("/", URL_BASE);

export function requestUrl(target: string): RequestUrl {
  if (target === "/") return ROOT;
  return target.startsWith("/") ? new URL(URL_BASE + target) : new URL(target, URL_BASE);
}
