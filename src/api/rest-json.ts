/**
 * @module The restJson1 protocol (Lambda): operations by method and path, members bound to path
 * segments, query parameters, headers or the raw body; errors as `{"Type", "message"}` with
 * `x-amzn-ErrorType`. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import { isServiceError, ServiceError, type OperationTable } from "../services/index.js";
import { internalFailure } from "./common-errors.js";
import type { ApiRequest, ApiResponse, RequestUrl } from "./exchange.js";
import type { Protocol, RequestContext } from "./protocol.js";
import { readBodyText } from "./read-body.js";

export interface RestRoute {
  readonly operation: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** With `{Member}` segments, e.g. `/2015-03-31/functions/{FunctionName}/invocations`. */
  readonly path: string;
  /** The success status (unless `responseStatus` names a member that holds it). */
  readonly status: number;
  /** Query parameter → member. */
  readonly query?: Readonly<Record<string, string>>;
  /** Repeated query parameter → list member (UntagResource's `tagKeys`). */
  readonly listQuery?: Readonly<Record<string, string>>;
  /** Request header (lower case) → member. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The member the raw body binds to (Invoke's Payload); otherwise the body is a JSON object of members. */
  readonly payload?: string;
  /** Member → response header. */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** The member sent as the raw response body (a string or bytes). */
  readonly responsePayload?: string;
  readonly responseContentType?: string;
  /** The member holding the status code (Invoke: 200, 202 or 204). */
  readonly responseStatus?: string;
  /** A larger body gets a 413 with this operation's limit (default: the app's). */
  readonly maxBodyBytes?: number;
  /** Makes the 413 for a too-large body (default: the app's RequestEntityTooLargeException). */
  readonly tooLarge?: (limit: number) => ServiceError;
}

export interface RestJsonOptions {
  /** e.g. "restJson1 Lambda". */
  readonly name: string;
  /** The SigV4 signing name, e.g. "lambda". */
  readonly signingName: string;
  readonly routes: readonly RestRoute[];
  readonly operations: OperationTable;
  /** Error codes whose shapes spell the message member `Message` (the others use `message`). */
  readonly capitalMessage?: ReadonlySet<string>;
  /** Makes the error for a body that is not a JSON object. */
  readonly badBody: (message: string) => ServiceError;
  /** Adjusts an operation's output with facts of the request (e.g. URLs on the request's own host). */
  readonly shapeOutput?: (operation: string, output: Record<string, unknown>, request: ApiRequest) => Record<string, unknown>;
}

interface CompiledRoute {
  readonly route: RestRoute;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: RestRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\/$/, "").split("/").map((segment) => {
    const m = /^\{(\w+)\}$/.exec(segment);
    if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    names.push(m[1]!);
    return "([^/]+)";
  }).join("/");
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export function restJsonProtocol(options: RestJsonOptions): Protocol {
  const routes = options.routes.map(compile);
  const capital = options.capitalMessage ?? new Set<string>();
  const find = (request: ApiRequest, url: RequestUrl) => {
    for (const r of routes) {
      if (r.route.method !== request.method) continue;
      const m = r.pattern.exec(url.pathname);
      if (m) return { compiled: r, match: m };
    }
    return undefined;
  };

  return {
    name: options.name,
    matches: (request, url) => find(request, url) !== undefined,
    async handle(request, context) {
      try {
        const found = find(request, context.url)!;
        const { route } = found.compiled;
        const input = await readInput(request, context, found.compiled, found.match, options);
        const operation = options.operations[route.operation];
        if (operation === undefined) throw internalFailure();
        const output = await operation(input, context.callContext(request, context.url, context.requestId, options.signingName));
        return respond(route, options.shapeOutput ? options.shapeOutput(route.operation, output, request) : output, context.requestId);
      } catch (e) {
        const error = isServiceError(e) ? e : (context.logger.error(`request ${context.requestId} failed`, e), internalFailure());
        return errorResponse(error, capital, context.requestId);
      }
    },
  };
}

async function readInput(request: ApiRequest, context: RequestContext, compiled: CompiledRoute, match: RegExpExecArray,
  options: RestJsonOptions): Promise<Record<string, unknown>> {
  const { route } = compiled;
  const limit = route.maxBodyBytes ?? context.maxBodyBytes;
  let text: string;
  try {
    text = await readBodyText(request, limit);
  } catch (e) {
    if (isServiceError(e) && e.status === 413 && route.tooLarge) throw route.tooLarge(limit);
    throw e;
  }
  let input: Record<string, unknown> = {};
  if (route.payload !== undefined) {
    input[route.payload] = text;
  } else if (text.trim() !== "") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw options.badBody(`Could not parse request body into json: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw options.badBody("The request body must be a JSON object");
    input = value as Record<string, unknown>;
  }
  compiled.names.forEach((name, i) => (input[name] = decodeURIComponent(match[i + 1]!)));
  const params = context.url.searchParams;
  for (const [param, member] of Object.entries(route.query ?? {})) {
    const value = params.get(param);
    if (value !== null) input[member] = value;
  }
  for (const [param, member] of Object.entries(route.listQuery ?? {})) {
    if (params.has(param)) input[member] = params.getAll(param);
  }
  for (const [header, member] of Object.entries(route.headers ?? {})) {
    const value = request.headers[header];
    if (value !== undefined) input[member] = value;
  }
  return input;
}

function respond(route: RestRoute, output: Record<string, unknown>, requestId: string): ApiResponse {
  const headers: Record<string, string> = { "x-amzn-requestid": requestId };
  const body: Record<string, unknown> = { ...output };
  for (const [member, header] of Object.entries(route.responseHeaders ?? {})) {
    if (body[member] !== undefined) headers[header] = String(body[member]);
    delete body[member];
  }
  let status = route.status;
  if (route.responseStatus !== undefined) {
    if (typeof body[route.responseStatus] === "number") status = body[route.responseStatus] as number;
    delete body[route.responseStatus];
  }
  if (status === 204) return { status, headers, body: undefined };
  if (route.responsePayload !== undefined) {
    const raw = body[route.responsePayload];
    headers["content-type"] = route.responseContentType ?? "application/json";
    return { status, headers, body: raw instanceof Uint8Array ? raw : typeof raw === "string" ? raw : "" };
  }
  headers["content-type"] = "application/json";
  return { status, headers, body: JSON.stringify(body) };
}

/** `{"Type": "User" | "Service", "message" | "Message": ..., ...fields}`; `retryAfterSeconds` becomes the Retry-After header. */
export function errorResponse(error: ServiceError, capital: ReadonlySet<string>, requestId: string): ApiResponse {
  const { retryAfterSeconds, ...fields } = error.fields as Record<string, string>;
  const headers: Record<string, string> = {
    "content-type": "application/json", "x-amzn-requestid": requestId, "x-amzn-errortype": error.code,
    ...(retryAfterSeconds !== undefined ? { "retry-after": retryAfterSeconds } : {}),
  };
  const body = { Type: error.status >= 500 ? "Service" : "User", [capital.has(error.code) ? "Message" : "message"]: error.message, ...fields };
  return { status: error.status, headers, body: JSON.stringify(body) };
}
