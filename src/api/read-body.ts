/** @module Reading a request body as text, refusing (without reading on) a body over the size limit. */
import type { ApiRequest } from "./exchange.js";
import { requestTooLarge } from "./common-errors.js";

/**
 * The body as UTF-8 text. Throws a 413 ServiceError as soon as more than `limit` bytes are
 * announced (Content-Length) or have arrived; the rest of the body is then not read.
 */
export function readBodyText(request: ApiRequest, limit: number): Promise<string> {
  const announced = Number(request.headers["content-length"] ?? "");
  if (announced > limit) {
    request.discardBody();
    return Promise.reject(requestTooLarge(limit));
  }
  return request.readBody(limit);
}
