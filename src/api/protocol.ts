/** @module What the app hands the protocols: the caller's context, and the row type of path-routed protocols. */
import type { CallContext } from "../services/index.js";
import type { ApiRequest, ApiResponse, RequestUrl } from "./exchange.js";
import type { Logger } from "./logger.js";

/** The caller's account and region (from the SigV4 credential scope, else the configured defaults) for a service. */
export type CallContextOf = (request: ApiRequest, url: RequestUrl, requestId: string, service: string) => CallContext;

/** What the app hands a path-routed protocol for one request. */
export interface RequestContext {
  readonly url: RequestUrl;
  readonly requestId: string;
  readonly logger: Logger;
  /** Bodies larger than this get a 413 without being read on. */
  readonly maxBodyBytes: number;
  readonly callContext: CallContextOf;
}

/** A protocol routed by method and path (restJson1). */
export interface Protocol {
  /** e.g. "restJson1 Lambda", for logs. */
  readonly name: string;
  /** Whether this protocol serves the request (by method and path). Never by Host. */
  matches(request: ApiRequest, url: RequestUrl): boolean;
  /** Serves the request. Never throws: failures become the protocol's error responses. */
  handle(request: ApiRequest, context: RequestContext): Promise<ApiResponse>;
}
