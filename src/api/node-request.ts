/**
 * @module An ApiRequest over node:http's IncomingMessage: headers as node parsed them, the body read
 * from its 'data' events (no web streams), the abort signal made only when an operation asks for it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest } from "./exchange.js";
import { requestTooLarge, serializationError } from "./common-errors.js";

/** The signals of requests in flight, for the server to abort when it closes. */
export type Lifetimes = Set<AbortController>;

export class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  #lifetime: AbortController | undefined;
  #onClose: (() => void) | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly lifetimes: Lifetimes,
  ) {
    this.method = req.method ?? "GET";
    this.target = req.url || "/";
    // Only set-cookie is ever an array, and requests do not carry it.
    this.headers = req.headers as Record<string, string | undefined>;
  }

  readBody(limit: number): Promise<string> {
    const req = this.req;
    if (req.destroyed && !req.complete) return Promise.reject(unreadable("the client closed the connection before sending the whole body"));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = () => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("close", onClose);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > limit) {
          stop();
          // Read and drop the rest, so the client can finish sending and read the answer.
          req.resume();
          reject(requestTooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        stop();
        resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8"));
      };
      const onError = (e: Error) => {
        stop();
        reject(unreadable(e.message));
      };
      const onClose = () => {
        if (req.complete) return;
        stop();
        reject(unreadable("the client closed the connection before sending the whole body"));
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
      req.on("close", onClose);
    });
  }

  discardBody(): void {
    this.req.resume();
  }

  get signal(): AbortSignal {
    if (this.#lifetime === undefined) {
      const lifetime = (this.#lifetime = new AbortController());
      if (this.res.destroyed && !this.res.writableFinished) lifetime.abort(clientGone());
      else {
        const res = this.res;
        this.#onClose = () => {
          if (!res.writableFinished) lifetime.abort(clientGone());
        };
        this.lifetimes.add(lifetime);
        res.once("close", this.#onClose);
      }
    }
    return this.#lifetime.signal;
  }

  /** The answer is written (or the exchange failed): the signal no longer follows the connection. */
  finish(): void {
    const lifetime = this.#lifetime;
    if (lifetime === undefined) return;
    this.lifetimes.delete(lifetime);
    if (this.#onClose) this.res.off("close", this.#onClose);
  }
}

// The client went away or sent a broken body: its fault, not ours.
const unreadable = (reason: string) => serializationError(`The request body could not be read: ${reason}`);
const clientGone = () => new Error("the client closed the connection");
