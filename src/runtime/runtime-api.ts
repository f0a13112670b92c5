/**
 * @module The Lambda Runtime API (version 2018-06-01) as one sandbox's listener serves it:
 * /invocation/next (long poll), /invocation/{id}/response, /invocation/{id}/error, /init/error.
 * AWS docs: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomFillSync } from "node:crypto";

/** What the Runtime API drives: a sandbox. Methods return the HTTP status to answer with. */
export interface RuntimeApiTarget {
  onNext(res: ServerResponse): void;
  onResponse(requestId: string, body: string): number;
  onResponseTooLarge(requestId: string): number;
  onError(requestId: string, body: string, errorType: string | undefined): number;
  onInitError(body: string, errorType: string | undefined): number;
}

/** Lambda's synchronous response limit: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." */
export const MAX_RESPONSE_BYTES = 6_291_556;

const PREFIX = "/2018-06-01/runtime";
const INVOCATION = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

/** A listener on a free loopback port for one sandbox; long polls never time out. */
export async function listenRuntimeApi(target: RuntimeApiTarget): Promise<Server> {
  const server = createServer((req, res) => serveRuntimeApi(target, req, res));
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return server;
}

function serveRuntimeApi(target: RuntimeApiTarget, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "").split("?")[0]!;
  if (req.method === "GET" && path === `${PREFIX}/invocation/next`) {
    target.onNext(res);
    return;
  }
  const invocation = INVOCATION.exec(path);
  if (req.method === "POST" && (invocation || path === `${PREFIX}/init/error`)) {
    const errorTypeHeader = req.headers["lambda-runtime-function-error-type"];
    const errorType = typeof errorTypeHeader === "string" && errorTypeHeader !== "" ? errorTypeHeader : undefined;
    void readBody(req, MAX_RESPONSE_BYTES).then((body) => {
      if (!invocation) return answer(res, target.onInitError(body ?? "", errorType));
      const requestId = decodeURIComponent(invocation[1]!);
      if (invocation[2] === "error") return answer(res, target.onError(requestId, body ?? "", errorType));
      if (body === undefined) return answer(res, target.onResponseTooLarge(requestId));
      return answer(res, target.onResponse(requestId, body));
    });
    return;
  }
  req.resume();
  send(res, 404, { errorMessage: `No route for ${req.method} ${path}`, errorType: "NotFound" });
}

/** The body as text, or undefined when it is larger than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
  });
}

const STATUS_BODIES: Record<number, object> = {
  202: { status: "OK" },
  400: { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" },
  403: { errorMessage: "Invalid state transition", errorType: "InvalidStateTransition" },
  413: { errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).", errorType: "RequestEntityTooLarge" },
};

/** Answers a pending /next with an invocation: the event as the body, its details as headers. */
export function sendInvocation(
  res: ServerResponse,
  invocation: { requestId: string; payload: string; invokedFunctionArn: string; clientContext: string | undefined },
  deadlineMs: number,
): void {
  const body = Buffer.from(invocation.payload, "utf8");
  const headers: Record<string, string | number> = {
    // Required: the RIC's native client hangs on a /next response without a content type.
    "Content-Type": "application/json",
    "Content-Length": body.length,
    "Lambda-Runtime-Aws-Request-Id": invocation.requestId,
    "Lambda-Runtime-Deadline-Ms": deadlineMs,
    "Lambda-Runtime-Invoked-Function-Arn": invocation.invokedFunctionArn,
    "Lambda-Runtime-Trace-Id": traceHeader(),
  };
  if (invocation.clientContext !== undefined) headers["Lambda-Runtime-Client-Context"] = invocation.clientContext;
  res.writeHead(200, headers);
  res.end(body);
}

/** Random bytes for trace ids, drawn a block at a time (one call into the CSPRNG per ~170 invocations). */
const TRACE_ID_BYTES = 24;
const randomPool = Buffer.alloc(TRACE_ID_BYTES * 170);
let randomUsed = randomPool.length;

function randomHex(bytes: number): string {
  if (randomUsed + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomUsed = 0;
  }
  const hex = randomPool.toString("hex", randomUsed, randomUsed + bytes);
  randomUsed += bytes;
  return hex;
}

/** An X-Ray trace header: Root=1-<epoch seconds hex>-<96-bit id>;Parent=<64-bit id>;Sampled=0. */
function traceHeader(): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return `Root=1-${seconds}-${randomHex(12)};Parent=${randomHex(8)};Sampled=0;Lineage=1:${randomHex(4)}:0`;
}

export function sendStatus(res: ServerResponse, status: number): void {
  answer(res, status);
}

function answer(res: ServerResponse, status: number): void {
  send(res, status, STATUS_BODIES[status] ?? {});
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
