/**
 * @module For the app's tests: calls an App with a web Request and hands back a web Response, so a
 * test states its request and reads its answer with the fetch API. (The server uses node-server.ts.)
 */
import type { ApiRequest, App } from "./exchange.js";
import { requestTooLarge, serializationError } from "./common-errors.js";

export type WebApp = (request: Request) => Promise<Response>;

export function webApp(app: App): WebApp {
  return async (request) => {
    const response = await app(apiRequestOf(request));
    const body = response.body === undefined || request.method === "HEAD" ? null : response.body;
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

function apiRequestOf(request: Request): ApiRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    target: url.pathname + url.search,
    headers: Object.fromEntries(request.headers),
    signal: request.signal,
    discardBody: () => void request.body?.cancel().catch(() => undefined),
    async readBody(limit) {
      if (request.body === null) return "";
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > limit) throw requestTooLarge(limit);
          chunks.push(chunk);
        }
      } catch (e) {
        if ((e as { status?: number }).status === 413) throw e;
        throw serializationError(`The request body could not be read: ${(e as Error).message}`);
      }
      return Buffer.concat(chunks, size).toString("utf8");
    },
  };
}
