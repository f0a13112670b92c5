/** @module The protocol table's row type: how one AWS wire protocol recognises and serves its requests. */
import type { CallContext } from "../services/index.js";
import type { Logger } from "./logger.js";

/** What the app hands a protocol for one request. */
export interface RequestContext {
  readonly url: URL;
  readonly requestId: string;
  readonly logger: Logger;
  /** Bodies larger than this get a 413 without being read on. */
  readonly maxBodyBytes: number;
  /** The caller's account and region (from the SigV4 credential scope, else the configured defaults). */
  callContext(service: string): CallContext;
}

export interface Protocol {
  /** e.g. "awsJson1_0 AWSStepFunctions", for logs. */
  readonly name: string;
  /** Whether this protocol serves the request (by method, path, X-Amz-Target, ...). Never by Host. */
  matches(request: Request, url: URL): boolean;
  /** Serves the request. Never throws: failures become the protocol's error responses. */
  handle(request: Request, context: RequestContext): Promise<Response>;
}
