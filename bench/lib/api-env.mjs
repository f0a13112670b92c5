/**
 * @module The API section's setting: a Stepwise server started in this process (dist/main.js
 * startStepwise, a temp data folder), a 3-state Express machine on it, and three ways to call
 * StartSyncExecution: the real @aws-sdk/client-sfn, a bare node:http keep-alive POST, and (the floor)
 * a bare node:http server that answers at once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, importFile } from "./paths.mjs";

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

/** Starts the server (temp data folder, port 0) and creates the Express machine through the SDK. */
export async function startServerWithMachine() {
  const [{ startStepwise }, { loadConfig }, { silentLogger }] = await Promise.all([dist("main.js"), dist("config.js"), dist("api/index.js")]);
  const dir = mkdtempSync(join(tmpdir(), "stepwise-bench-api-"));
  const config = loadConfig(["--host", "127.0.0.1", "--port", "0", "--data", dir], {}, dir);
  const server = await startStepwise(config, { logger: silentLogger });
  const sdk = await import("@aws-sdk/client-sfn");
  const client = sdkClient(sdk, server.url);
  const created = await client.send(new sdk.CreateStateMachineCommand({
    name: "BenchExpress", type: "EXPRESS", definition: JSON.stringify(EXPRESS_DEFINITION),
    roleArn: `arn:aws:iam::${ACCOUNT}:role/StepwiseBench`,
  }));
  return {
    url: server.url,
    stateMachineArn: created.stateMachineArn,
    sdk,
    client,
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
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
