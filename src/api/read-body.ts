/** @module Reading a request body as text, refusing (without reading on) a body over the size limit. */
import { requestTooLarge, serializationError } from "./common-errors.js";

/**
 * The body as UTF-8 text. Throws a 413 ServiceError as soon as more than `limit` bytes are
 * announced (Content-Length) or have arrived; the rest of the body is then not read.
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const announced = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(announced) && announced > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw requestTooLarge(limit);
  }
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (e) {
      // The client went away or sent a broken body: its fault, not ours.
      throw serializationError(`The request body could not be read: ${(e as Error).message}`);
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw requestTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
