/**
 * @module node:http adapter: serves an App on a socket, and drains in-flight requests on close.
 * Requests are never routed or refused by Host: StartSyncExecution and TestState arrive as
 * `Host: sync-localhost:PORT` (the SDK's and CLI's `sync-` host prefix).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiResponse, App } from "./exchange.js";
import { silentLogger, type Logger } from "./logger.js";
import { NodeApiRequest, type Lifetimes } from "./node-request.js";
import { awsJsonErrorResponse, FALLBACK_CONTENT_TYPE } from "./aws-json.js";
import { internalFailure } from "./common-errors.js";

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

/** What the request handler shares with close(). */
interface ServerState {
  inFlight: number;
  draining: boolean;
  drained: (() => void) | undefined;
  /** The signals operations asked for, aborted when the server starts closing. */
  readonly lifetimes: Lifetimes;
}

export async function startServer(app: App, options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  const state: ServerState = { inFlight: 0, draining: false, drained: undefined, lifetimes: new Set() };

  const server = createServer((req, res) => {
    state.inFlight++;
    void serve(app, req, res, state, logger).finally(() => {
      state.inFlight--;
      if (state.draining) server.closeIdleConnections();
      if (state.inFlight === 0) state.drained?.();
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
      state.draining = true;
      // Long polls answer now (with no task) instead of holding the shutdown for their full wait.
      for (const lifetime of state.lifetimes) lifetime.abort(new Error("the server is closing"));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (state.inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (state.drained = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, drainTimeoutMs))),
        ]);
        clearTimeout(timer);
        if (state.inFlight > 0) logger.error(`closing with ${state.inFlight} request(s) still in flight after ${drainTimeoutMs} ms`);
      }
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { url, port, close };
}

async function serve(app: App, req: IncomingMessage, res: ServerResponse, state: ServerState, logger: Logger): Promise<void> {
  const request = new NodeApiRequest(req, res, state.lifetimes);
  let response: ApiResponse | undefined;
  try {
    response = await app(request);
    request.finish();
    write(req, res, response, state.draining);
  } catch (e) {
    request.finish();
    // The app answers every failure itself: only a response node:http refuses (a header value it
    // cannot send) or a broken socket gets here.
    logger.error("could not send a response", e);
    try {
      if (res.headersSent || res.destroyed) throw e;
      const requestId = response?.headers["x-amzn-requestid"];
      write(req, res, awsJsonErrorResponse(internalFailure(), FALLBACK_CONTENT_TYPE, requestId ?? ""), state.draining);
    } catch {
      res.destroy();
    }
  }
}

/** Headers and body in one write (a string body is sent with the header block). */
function write(req: IncomingMessage, res: ServerResponse, response: ApiResponse, draining: boolean): void {
  const { headers, body } = response;
  if (draining) headers["connection"] = "close";
  headers["content-length"] = String(body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  res.writeHead(response.status, headers);
  if (req.method === "HEAD" || body === undefined) res.end();
  else res.end(body);
}
