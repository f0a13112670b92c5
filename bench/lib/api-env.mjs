/**
 * @module The API section's setting: a Stepwise server started in this process or in its own process
 * (dist/main.js startStepwise, as `stepwise serve`, a temp data folder), a 3-state Express machine on
 * it, and two ways to call StartSyncExecution: the real @aws-sdk/client-sfn and a bare node:http
 * keep-alive POST; and (the floor) a bare node:http server that answers a canned response at once.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jsonEqual } from "./check.mjs";
import { ROOT, importFile } from "./paths.mjs";

const SERVER_PROCESS = fileURLToPath(new URL("./api-server-process.mjs", import.meta.url));

const dist = (path) => importFile(join(ROOT, "dist", path));

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const EXPRESS_DEFINITION = {
  Comment: "3 Pass states",
  StartAt: "Greet",
  States: {
    Greet: { Type: "Pass", Parameters: { "n.$": "$.n", greeting: "hello" }, Next: "Count" },
    Count: { Type: "Pass", Parameters: { "n.$": "States.MathAdd($.n, 1)", "greeting.$": "$.greeting" }, Next: "Done" },
    Done: { Type: "Pass", End: true },
  },
};
export const INPUT = JSON.stringify({ n: 41 });
export const EXPECTED_OUTPUT = { n: 42, greeting: "hello" };

/** The state machine ARN the floor server is called with (it answers the canned response whatever it gets). */
export const FLOOR_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:BenchExpress`;

/** Starts the server in this process (temp data folder, port 0) and creates the Express machine through the SDK. */
export async function startServerWithMachine() {
  const [{ startStepwise }, { loadConfig }, { silentLogger }] = await Promise.all([dist("main.js"), dist("config.js"), dist("api/index.js")]);
  const dir = mkdtempSync(join(tmpdir(), "stepwise-bench-api-"));
  const config = loadConfig(["--host", "127.0.0.1", "--port", "0", "--data", dir], {}, dir);
  const server = await startStepwise(config, { logger: silentLogger });
  return {
    url: server.url,
    stateMachineArn: await createBenchMachine(server.url),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the 3-state Express machine on a Stepwise server through the SDK; returns its ARN. */
export async function createBenchMachine(url) {
  const sdk = await loadSdk();
  const client = sdkClient(sdk, url);
  try {
    const created = await client.send(new sdk.CreateStateMachineCommand({
      name: "BenchExpress", type: "EXPRESS", definition: JSON.stringify(EXPRESS_DEFINITION),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/StepwiseBench`,
    }));
    return created.stateMachineArn;
  } finally {
    client.destroy();
  }
}

/**
 * Starts Stepwise (`kind` "stepwise": as `stepwise serve` runs it, embedded SQLite, with the Express
 * machine created) or the floor server (`kind` "floor") in a Node process of its own, so it has a
 * core to itself as on a real machine. `cpuMs()` is that process's CPU time; `startProfile()` /
 * `stopProfile()` take a V8 CPU profile inside it.
 */
export async function startServerProcess(kind) {
  const child = fork(SERVER_PROCESS, [kind], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map();
  let nextId = 0;
  const { url } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the ${kind} server process ended (code ${code}) before listening`)));
  });
  child.removeAllListeners("exit");
  child.on("message", ({ id, value, error }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (error) p?.reject(new Error(error));
    else p?.resolve(value);
  });
  const ask = (command) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    child.send({ id, command });
  });
  const stateMachineArn = kind === "stepwise" ? await createBenchMachine(url) : FLOOR_MACHINE_ARN;
  return {
    url,
    stateMachineArn,
    pid: child.pid,
    cpuMs: () => ask("cpu"),
    startProfile: () => ask("profile-start"),
    stopProfile: () => ask("profile-stop"),
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await ask("close").catch(() => child.kill());
      await exited;
    },
  };
}

/** @aws-sdk/client-sfn, without its warning that Node 20 support ends in 2027 (not news for a benchmark). */
async function loadSdk() {
  quietSdkWarning();
  return import("@aws-sdk/client-sfn");
}

let quieted = false;
function quietSdkWarning() {
  if (quieted) return;
  quieted = true;
  const emit = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    const text = typeof warning === "string" ? warning : warning?.message ?? "";
    if (/NodeVersionSupportWarning|require node >=22/.test(`${text} ${rest.map(String).join(" ")}`)) return;
    emit.call(process, warning, ...rest);
  };
}

/**
 * A StartSyncExecution caller of `kind` "sdk" (@aws-sdk/client-sfn) or "raw" (a bare node:http
 * keep-alive POST of the same request): `call()`, `check(result)` (a problem or undefined: SUCCEEDED
 * with the expected output, which the floor's canned answer also is) and `close()`.
 */
export async function makeCaller(kind, url, stateMachineArn) {
  if (kind === "raw") {
    const poster = rawPoster(url);
    const body = JSON.stringify({ stateMachineArn, input: INPUT });
    const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSStepFunctions.StartSyncExecution" };
    return {
      call: () => poster.post(headers, body),
      check: (r) => {
        if (r.status !== 200) return `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
        const out = JSON.parse(r.body);
        return out.status === "SUCCEEDED" && jsonEqual(JSON.parse(out.output), EXPECTED_OUTPUT) ? undefined : `status ${out.status}, output ${out.output}`;
      },
      close: () => poster.close(),
    };
  }
  if (kind !== "sdk") throw new Error(`unknown caller kind ${kind} (sdk or raw)`);
  const sdk = await loadSdk();
  const client = sdkClient(sdk, url);
  return {
    call: () => client.send(new sdk.StartSyncExecutionCommand({ stateMachineArn, input: INPUT })),
    check: (r) => (r.status === "SUCCEEDED" && jsonEqual(JSON.parse(r.output), EXPECTED_OUTPUT) ? undefined : `status ${r.status}, output ${r.output}, error ${r.error}`),
    close: () => client.destroy(),
  };
}

/** The SDK client as a user would make it for Stepwise: endpoint, any credentials, no `sync-` host prefix. */
export function sdkClient(sdk, url) {
  return new sdk.SFNClient({
    endpoint: url, region: REGION, disableHostPrefix: true, maxAttempts: 1,
    credentials: { accessKeyId: "AKIDBENCHMARK", secretAccessKey: "bench-secret" },
  });
}

/** A keep-alive node:http POST helper: `post(path, headers, body)` → `{ status, body }`. */
export function rawPoster(url, maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(url);
  const post = (headers, body) => new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: "POST", path: "/", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
  return { post, close: () => agent.destroy() };
}

/** A StartSyncExecution answer as Stepwise gives it, for the floor server to send back unchanged. */
export const CANNED_RESPONSE = JSON.stringify({
  executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:express:BenchExpress:0b5c6bd7-7d3f-4c8e-9a49-5c1f0e3b8a11:2a75efa0-82c6-4414-b595-064d8346430f`,
  stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:BenchExpress`, name: "0b5c6bd7-7d3f-4c8e-9a49-5c1f0e3b8a11",
  startDate: 1795658029.699, stopDate: 1795658029.7, status: "SUCCEEDED", input: INPUT, inputDetails: { included: true },
  output: JSON.stringify(EXPECTED_OUTPUT), outputDetails: { included: true }, billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
});

/** The floor: a node:http server that reads the body and answers a canned StartSyncExecution response at once. */
export async function startFloorServer() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = CANNED_RESPONSE;
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
