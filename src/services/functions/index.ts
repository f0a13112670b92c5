/** @module The Lambda control plane: functions, versions, aliases, concurrency, tags, Invoke and the async invocation queue. */
export { createFunctionsService, type FunctionsService } from "./service.js";
export type { FunctionsServiceDeps } from "./deps.js";
export { RUNTIMES } from "./configuration.js";
export { FUNCTION_TEMPLATES, type FunctionTemplate } from "./templates.js";
export { zipEntries, zipFiles, type ZipEntry } from "./zip-package.js";
