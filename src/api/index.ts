/** @module The HTTP API: AWS wire protocols in front of the services (the API only translates). */
export { createApp, DEFAULT_ACCOUNT_ID, DEFAULT_MAX_BODY_BYTES, DEFAULT_REGION, type AppOptions } from "./app.js";
export type { ApiRequest, ApiResponse, App } from "./exchange.js";
export { startServer, type RunningServer, type ServerOptions } from "./node-server.js";
export { silentLogger, stderrLogger, type Logger } from "./logger.js";
export { parseAuthorization, parseCredentialScope, type SigV4Authorization } from "./sigv4.js";
export { CommonError } from "./common-errors.js";
