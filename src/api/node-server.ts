/**
 * @module node:http adapter: serves an App on a socket, and drains in-flight requests on close.
 * Requests are never routed or refused by Host: StartSyncExecution and TestState arrive as
 * `Host: sync-localhost:PORT` (the SDK's and CLI's `sync-` host prefix).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "./app.js";
import { silentLogger, type Logger } from "./logger.js";

export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger?: Logger;
  /** How long close() waits for in-flight requests before cutting connections (default 5 s). */
  readonly drainTimeoutMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8083 */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, waits for in-flight requests (up to the drain timeout), then closes. */
  close(): Promise<void>;
}

/** Any base works: only the path and query of a request's URL are used. */
const URL_BASE = "http://stepwise.invalid";

export async function startServer(app: App, options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  /** One per request in flight: aborted when its client goes away or the server starts closing. */
  const lifetimes = new Set<AbortController>();

  const server = createServer((req, res) => {
    inFlight++;
    const lifetime = new AbortController();
    lifetimes.add(lifetime);
    const onClose = () => {
      if (!res.writableFinished) lifetime.abort(new Error("the client closed the connection"));
    };
    res.once("close", onClose);
    serve(app, req, res, () => draining, logger, lifetime.signal).finally(() => {
      lifetimes.delete(lifetime);
      res.off("close", onClose);
      inFlight--;
      if (draining) server.closeIdleConnections();
      if (inFlight === 0) drained?.();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const url = `http://${family === "IPv6" ? `[${address}]` : address}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      // Long polls answer now (with no task) instead of holding the shutdown for their full wait.
      for (const lifetime of lifetimes) lifetime.abort(new Error("the server is closing"));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, drainTimeoutMs))),
        ]);
        clearTimeout(timer);
        if (inFlight > 0) logger.error(`closing with ${inFlight} request(s) still in flight after ${drainTimeoutMs} ms`);
      }
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { url, port, close };
}

async function serve(
  app: App, req: IncomingMessage, res: ServerResponse, draining: () => boolean, logger: Logger, signal: AbortSignal,
): Promise<void> {
  try {
    const request = toRequest(req, signal);
    const response = await app(request);
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    if (draining()) headers["connection"] = "close";
    headers["content-length"] = String(body.byteLength);
    res.writeHead(response.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    // Only a request Node accepted but web Headers refuse (or a broken socket) gets here.
    logger.error("could not serve a request", e);
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ __type: "SerializationException", message: "The request could not be read" }));
    } else {
      res.destroy();
    }
  }
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const target = req.url ?? "/";
  const url = target.startsWith("/") ? URL_BASE + target : new URL(target, URL_BASE).href;
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The request body as a web stream with backpressure. Cancelling it (a body over the limit) does not
 * destroy the socket: the rest is read and discarded so the client can finish sending and read the answer.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (finished) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          if (finished) return;
          finished = true;
          controller.close();
        });
        req.on("error", (e) => {
          if (finished) return;
          finished = true;
          controller.error(e);
        });
        req.on("close", () => {
          if (finished || req.complete) return;
          finished = true;
          controller.error(new Error("the client closed the connection before sending the whole body"));
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        finished = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
