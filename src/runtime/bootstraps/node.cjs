/**
 * @module Stepwise's Node.js runtime for nodejs18.x/20.x/22.x functions: loads the handler and speaks the
 * Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) with the semantics of AWS's runtime interface client
 * (aws-lambda-ric): handler resolution, async and callback handlers, `context`, console formatting,
 * callbackWaitsForEmptyEventLoop, error shapes. Plain JavaScript: the sandbox runs it as a file.
 *
 * CommonJS and `net` rather than ESM and `http`, for the cold start: Node's ESM loader and its HTTP
 * modules cost about 10 ms of CPU before a function's first event (the loader still comes when a
 * handler is an ES module).
 *
 * With STEPWISE_AWAIT_SPEC=1 the process is a pre-started generic runtime: it first reads one JSON line
 * `{"env":{...}}` from stdin (the function's environment), then becomes that function's runtime.
 */
"use strict";
const net = require("node:net");
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const { createRequire } = require("node:module");
const { pathToFileURL } = require("node:url");

const API_PREFIX = "/2018-06-01/runtime";
const BOOTSTRAP_FILE = __filename;
// Handlers see no main module, as under AWS's ESM bootstrap (require.main is undefined).
process.mainModule = undefined;

let currentRequestId = undefined;
const consoleLevels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "TRACE" };

/** One console call is one log event: newlines become \r so that the event stays on one line. */
function writeLog(level, message) {
  const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}`;
  process.stdout.write(line.replace(/\r?\n/g, "\r") + "\n");
}

for (const [method, level] of Object.entries(consoleLevels)) {
  console[method] = (...args) => {
    let message = util.format(...args);
    if (method === "trace") message = `Trace: ${message}\n${new Error().stack.split("\n").slice(2).join("\n")}`;
    writeLog(level, message);
  };
}

function apiAddress() {
  const address = process.env.AWS_LAMBDA_RUNTIME_API ?? "127.0.0.1:9001";
  const colon = address.lastIndexOf(":");
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

/**
 * Writes to a pipe that is full are queued by Node: wait until they reach the pipe, so that the
 * invocation's log lines are read before its result arrives and land before END. The callback of an
 * empty write runs once everything queued before it was written. ('drain' is no signal: it is only
 * emitted after a write went past the high-water mark, and waiting for one that never comes left
 * the event loop empty, so the runtime exited instead of posting its result.)
 */
async function flushOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.writableLength > 0) await new Promise((resolve) => stream.write("", () => resolve()));
  }
}

/**
 * HTTP/1.1 to the Runtime API over one kept-alive connection, one request at a time. The socket is
 * unreferenced between requests, so an idle connection does not keep the event loop alive
 * (callbackWaitsForEmptyEventLoop waits for the loop to empty).
 */
class RuntimeApiClient {
  constructor() {
    this.socket = undefined;
    this.received = [];
    this.receivedBytes = 0;
    this.pending = undefined;
    /** The status line and headers of the response being read. */
    this.head = undefined;
    this.queue = Promise.resolve();
  }

  request(method, pathname, body, headers) {
    const run = () => new Promise((resolve, reject) => this.send(method, pathname, body, headers, resolve, reject));
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  send(method, pathname, body, headers, resolve, reject) {
    const { host, port } = apiAddress();
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    let head = `${method} ${API_PREFIX}${pathname} HTTP/1.1\r\nHost: ${host}:${port}\r\n`;
    // A header value is one line of Latin-1 (an error's name is the user's to choose).
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${String(value).replace(/[^\t\x20-\x7e\xa0-\xff]/g, "?")}\r\n`;
    if (payload) head += `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\n`;
    head += "\r\n";
    if (!this.socket) this.connect(host, port);
    this.pending = { resolve, reject };
    this.socket.ref();
    if (payload && payload.length > 16_384) {
      this.socket.write(head, "latin1");
      this.socket.write(payload);
    } else this.socket.write(payload ? Buffer.concat([Buffer.from(head, "latin1"), payload]) : Buffer.from(head, "latin1"));
  }

  /** Opens the connection ahead of the first request (a pre-started runtime does so while it waits). */
  preconnect() {
    const { host, port } = apiAddress();
    if (!this.socket) this.connect(host, port);
    this.socket.unref();
  }

  connect(host, port) {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.on("data", (chunk) => {
      if (this.socket !== socket) return;
      this.received.push(chunk);
      this.receivedBytes += chunk.length;
      this.parse();
    });
    const fail = (error) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.head = undefined;
      this.received = [];
      this.receivedBytes = 0;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error ?? new Error("socket hang up"));
    };
    socket.on("error", fail);
    socket.on("close", () => fail(undefined));
    this.socket = socket;
  }

  /** The bytes received so far, as one buffer. */
  data() {
    if (this.received.length > 1) this.received = [Buffer.concat(this.received, this.receivedBytes)];
    return this.received[0] ?? Buffer.alloc(0);
  }

  /** Resolves the pending request once a whole response has arrived. */
  parse() {
    if (!this.pending) return;
    if (!this.head) {
      const data = this.data();
      const headEnd = data.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const lines = data.toString("latin1", 0, headEnd).split("\r\n");
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(":");
        if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
      }
      const chunked = /chunked/i.test(headers["transfer-encoding"] ?? "");
      this.head = { status: Number(lines[0].split(" ")[1]), headers, bodyStart: headEnd + 4, chunked, length: chunked ? 0 : Number(headers["content-length"] ?? 0) };
    }
    const head = this.head;
    let body;
    let end;
    if (head.chunked) {
      const data = this.data();
      const parts = [];
      let at = head.bodyStart;
      for (;;) {
        const lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0) return;
        const size = parseInt(data.toString("latin1", at, lineEnd), 16);
        if (size === 0) {
          const trailerEnd = data.indexOf("\r\n\r\n", lineEnd);
          if (trailerEnd < 0) return;
          end = trailerEnd + 4;
          break;
        }
        if (data.length < lineEnd + 2 + size + 2) return;
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      end = head.bodyStart + head.length;
      // Large events arrive in many chunks: join them once, when all are here.
      if (this.receivedBytes < end) return;
      body = this.data().subarray(head.bodyStart, end);
    }
    const data = this.data();
    const pending = this.pending;
    this.pending = undefined;
    this.head = undefined;
    this.received = data.length > end ? [data.subarray(end)] : [];
    this.receivedBytes = data.length - end;
    if (/close/i.test(head.headers.connection ?? "")) {
      const socket = this.socket;
      this.socket = undefined;
      socket.destroy();
    } else this.socket.unref();
    pending.resolve({ status: head.status, headers: head.headers, body: body.toString("utf8") });
  }
}

const client = new RuntimeApiClient();

async function call(method, pathname, body, headers = {}) {
  // A result must not overtake the log lines written before it.
  if (method === "POST") await flushOutput();
  return client.request(method, pathname, body, headers);
}

/** The Runtime API is gone or refuses us (the sandbox is being stopped): nothing left to do but exit. */
function fatal(error) {
  process.stderr.write(`Stepwise runtime: ${error?.message ?? error}\n`);
  process.exit(1);
}

/** AWS's shape for a thrown value: `{errorType, errorMessage, trace}`. */
function toErrorResponse(error) {
  if (error instanceof Error) {
    const stack = typeof error.stack === "string" ? error.stack.split("\n") : [];
    return { errorType: error.name, errorMessage: error.message, trace: stack };
  }
  try {
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: typeof error, errorMessage: "[unprintable value]", trace: [] };
  }
}

class RuntimeError extends Error {
  constructor(name, message, cause) {
    super(message);
    this.name = name;
    if (cause?.stack) this.stack = `${name}: ${message}\n${String(cause.stack).split("\n").slice(1).join("\n")}`;
  }
}

function logError(prefix, response) {
  writeLog("ERROR", `${prefix} \t${JSON.stringify({ errorType: response.errorType, errorMessage: response.errorMessage, stack: response.trace })}`);
}

async function postInitError(error) {
  const response = toErrorResponse(error);
  logError("Uncaught Exception", response);
  try {
    await call("POST", "/init/error", JSON.stringify(response), { "lambda-runtime-function-error-type": response.errorType });
  } finally {
    process.exit(129);
  }
}

function parseHandler(handler) {
  if (handler.includes("..")) throw new RuntimeError("Runtime.MalformedHandlerName", "'../' is not allowed in the handler name");
  const slash = handler.lastIndexOf("/");
  const dir = handler.slice(0, slash + 1);
  const rest = handler.slice(slash + 1);
  const dot = rest.indexOf(".");
  if (dot < 1 || dot === rest.length - 1) throw new RuntimeError("Runtime.MalformedHandlerName", "Bad handler");
  return { dir, module: rest.slice(0, dot), path: rest.slice(dot + 1) };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether the nearest package.json above `file` says `"type": "module"`. */
function isEsmScope(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (isFile(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, "utf8")).type === "module";
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

async function importFile(file) {
  return import(pathToFileURL(file).href);
}

/** AWS's order: extensionless file, .js (CommonJS unless in a "type":"module" scope), .mjs, .cjs, then Node's resolution. */
async function loadModule(root, name) {
  const require = createRequire(path.join(root, "index.js"));
  const base = path.resolve(root, name);
  if (isFile(base)) return require(base);
  if (isFile(`${base}.js`)) {
    if (isEsmScope(`${base}.js`)) return importFile(`${base}.js`);
    try {
      return require(`${base}.js`);
    } catch (error) {
      if (error?.code === "ERR_REQUIRE_ESM") return importFile(`${base}.js`);
      throw error;
    }
  }
  if (isFile(`${base}.mjs`)) return importFile(`${base}.mjs`);
  if (isFile(`${base}.cjs`)) return require(`${base}.cjs`);
  try {
    return require(require.resolve(name, { paths: [root] }));
  } catch (error) {
    if (error?.code === "MODULE_NOT_FOUND" && String(error.message).includes(`'${name}'`)) {
      throw new RuntimeError("Runtime.ImportModuleError", `Error: Cannot find module '${name}'\nRequire stack:\n- ${BOOTSTRAP_FILE}`, error);
    }
    throw error;
  }
}

async function loadHandler(taskRoot, handlerString) {
  const spec = parseHandler(handlerString);
  let loaded;
  try {
    loaded = await loadModule(path.resolve(taskRoot, spec.dir), spec.module);
  } catch (error) {
    if (error instanceof RuntimeError) throw error;
    if (error instanceof SyntaxError) throw new RuntimeError("Runtime.UserCodeSyntaxError", `${error.name}: ${error.message}`, error);
    if (error?.code === "MODULE_NOT_FOUND" || error?.code === "ERR_MODULE_NOT_FOUND") {
      throw new RuntimeError("Runtime.ImportModuleError", `${error.name}: ${error.message}`, error);
    }
    throw error;
  }
  let handler = loaded;
  for (const key of spec.path.split(".")) handler = handler == null ? undefined : handler[key];
  // An ES module's CommonJS interop: `export default { handler }` or module.exports seen as `default`.
  if (handler === undefined && loaded?.default !== undefined) {
    handler = loaded.default;
    for (const key of spec.path.split(".")) handler = handler == null ? undefined : handler[key];
  }
  if (handler === undefined) throw new RuntimeError("Runtime.HandlerNotFound", `${spec.module}.${spec.path} is undefined or not exported`);
  if (typeof handler !== "function") throw new RuntimeError("Runtime.HandlerNotFound", `${spec.module}.${spec.path} is not a function`);
  return handler;
}

/** Runs when the event loop is empty: a result waiting for it (callbackWaitsForEmptyEventLoop) is posted. */
let onEmptyEventLoop = undefined;
process.on("beforeExit", () => {
  const run = onEmptyEventLoop;
  onEmptyEventLoop = undefined;
  run?.();
});

function parseJsonHeader(value) {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function makeContext(headers, env) {
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  const clientContext = parseJsonHeader(headers["lambda-runtime-client-context"]);
  const identity = parseJsonHeader(headers["lambda-runtime-cognito-identity"]);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity,
    clientContext,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** Resolves with `{error}` or `{result}` following the RIC's rules for async, callback and legacy handlers. */
function runHandler(handler, event, context) {
  return new Promise((settle) => {
    let finished = false;
    const finish = (outcome, waitForEmptyLoop) => {
      if (finished) return;
      finished = true;
      if (waitForEmptyLoop) onEmptyEventLoop = () => settle(outcome);
      else {
        onEmptyEventLoop = undefined;
        settle(outcome);
      }
    };
    const callback = (error, result) => {
      const outcome = error !== undefined && error !== null ? { error } : { result };
      finish(outcome, context.callbackWaitsForEmptyEventLoop);
    };
    context.done = (error, result) => {
      context.callbackWaitsForEmptyEventLoop = false;
      callback(error, result);
    };
    context.succeed = (result) => context.done(null, result);
    context.fail = (error) => context.done(error ?? "handled", undefined);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === "function") {
        returned.then(
          (result) => finish({ result }, false),
          (error) => finish({ error: error ?? new Error("Promise rejected with a falsy reason") }, false),
        );
      } else if (!finished) {
        // A non-async handler that never calls back: null is posted once the event loop is empty.
        onEmptyEventLoop = () => finish({ result: null }, false);
      }
    } catch (error) {
      finish({ error }, false);
    }
  });
}

async function postOutcome(requestId, outcome) {
  if ("error" in outcome) {
    const response = toErrorResponse(outcome.error);
    logError("Invoke Error", response);
    await call("POST", `/invocation/${requestId}/error`, JSON.stringify(response), { "lambda-runtime-function-error-type": response.errorType });
    return;
  }
  let body;
  try {
    body = JSON.stringify(outcome.result === undefined ? null : outcome.result);
  } catch (error) {
    const response = { errorType: "Runtime.MarshalError", errorMessage: `Unable to stringify response body: ${error?.message ?? error}`, trace: [] };
    logError("Invoke Error", response);
    await call("POST", `/invocation/${requestId}/error`, JSON.stringify(response), { "lambda-runtime-function-error-type": response.errorType });
    return;
  }
  const posted = await call("POST", `/invocation/${requestId}/response`, body);
  if (posted.status === 413) {
    const response = { errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).", trace: [] };
    logError("Invoke Error", response);
  }
}

/** Crashes while an invocation runs are reported for it (as AWS's runtime does), then the process exits. */
function installCrashHandlers() {
  const crash = async (response, code) => {
    logError(code === 128 ? "Unhandled Promise Rejection" : "Uncaught Exception", response);
    const requestId = currentRequestId;
    try {
      if (requestId) await call("POST", `/invocation/${requestId}/error`, JSON.stringify(response), { "lambda-runtime-function-error-type": response.errorType });
      else await call("POST", "/init/error", JSON.stringify(response), { "lambda-runtime-function-error-type": response.errorType });
    } catch {
      // the API is gone: exiting is all that is left
    }
    process.exit(code);
  };
  process.on("uncaughtException", (error) => void crash(toErrorResponse(error), 129));
  process.on("unhandledRejection", (reason) => {
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    const trace = [`Runtime.UnhandledPromiseRejection: ${message}`, ...(reason instanceof Error && reason.stack ? reason.stack.split("\n").slice(1) : [])];
    void crash({ errorType: "Runtime.UnhandledPromiseRejection", errorMessage: message, trace }, 128);
  });
}

async function invocationLoop(handler) {
  for (;;) {
    let next;
    try {
      next = await call("GET", "/invocation/next");
    } catch (error) {
      fatal(error);
    }
    if (next.status !== 200) fatal(new Error(`/invocation/next answered ${next.status}`));
    const requestId = next.headers["lambda-runtime-aws-request-id"];
    const context = makeContext(next.headers, process.env);
    if (next.headers["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = next.headers["lambda-runtime-trace-id"];
    else delete process.env._X_AMZN_TRACE_ID;
    currentRequestId = requestId;
    let outcome;
    try {
      const event = JSON.parse(next.body);
      outcome = await runHandler(handler, event, context);
    } catch (error) {
      outcome = { error };
    }
    try {
      await postOutcome(requestId, outcome);
    } catch (error) {
      fatal(error);
    }
    currentRequestId = undefined;
  }
}

/** A pre-started runtime waits here for the function it is to become. */
async function readSpecialization() {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk) => {
      text += chunk;
      const newline = text.indexOf("\n");
      if (newline < 0) return;
      process.stdin.off("data", onData);
      process.stdin.destroy();
      try {
        resolve(JSON.parse(text.slice(0, newline)));
      } catch (error) {
        reject(error);
      }
    };
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", onData);
    process.stdin.on("end", () => reject(new Error("stdin closed before the function was assigned")));
  });
}

async function main() {
  if (process.env.STEPWISE_AWAIT_SPEC === "1") {
    client.preconnect();
    const spec = await readSpecialization();
    delete process.env.STEPWISE_AWAIT_SPEC;
    Object.assign(process.env, spec.env);
  }
  const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  try {
    process.chdir(taskRoot);
  } catch {
    // keep the current directory
  }
  installCrashHandlers();
  let handler;
  try {
    handler = await loadHandler(taskRoot, process.env._HANDLER ?? "");
  } catch (error) {
    await postInitError(error);
    return;
  }
  await invocationLoop(handler);
}

main().catch(fatal);
