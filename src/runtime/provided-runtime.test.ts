import { describe, it, expect, afterAll } from "vitest";
import { createFunctionRuntime } from "./index.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const sink = memorySink();
const runtime = createFunctionRuntime({ logSink: sink });
afterAll(async () => {
  await runtime.close();
  removeCodeDirs();
});

/** A custom runtime written in Node, speaking the Runtime API with fetch. */
const NODE_BOOTSTRAP = `#!/usr/bin/env node
const api = "http://" + process.env.AWS_LAMBDA_RUNTIME_API + "/2018-06-01/runtime";
console.log("custom runtime starting for " + process.env._HANDLER);
(async () => {
  for (;;) {
    const next = await fetch(api + "/invocation/next");
    const id = next.headers.get("lambda-runtime-aws-request-id");
    const event = await next.json();
    if (event.fail) {
      await fetch(api + "/invocation/" + id + "/error", {
        method: "POST",
        headers: { "Lambda-Runtime-Function-Error-Type": "Custom.Failure" },
        body: JSON.stringify({ errorMessage: "asked to fail" }),
      });
      continue;
    }
    const headers = Object.fromEntries(next.headers);
    await fetch(api + "/invocation/" + id + "/response", {
      method: "POST",
      body: JSON.stringify({ echo: event, handler: process.env._HANDLER, headers, cwd: process.cwd(), execEnv: process.env.AWS_EXECUTION_ENV ?? null }),
    });
  }
})();
`;

/** The same in Python (standard library only). */
const PYTHON_BOOTSTRAP = `#!/usr/bin/env python3
import json, os, urllib.request
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
while True:
    with urllib.request.urlopen(api + "/invocation/next") as next_invocation:
        request_id = next_invocation.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(next_invocation.read())
    body = json.dumps({"python": True, "event": event}).encode()
    urllib.request.urlopen(urllib.request.Request(api + "/invocation/" + request_id + "/response", data=body, method="POST")).read()
`;

describe("provided runtimes run the package's bootstrap", () => {
  it("runs a Node-written bootstrap: /next carries AWS's headers, responses and errors come back", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "!bootstrap": NODE_BOOTSTRAP }), runtime: "provided.al2023", handler: "my.handler", timeoutSeconds: 5 });
    const ok = await runtime.invoke(fn, JSON.stringify({ a: 1 }), { requestId: requestId() });
    const body = JSON.parse(ok.payload);
    expect(body.echo).toEqual({ a: 1 });
    expect(body.handler).toBe("my.handler");
    expect(body.execEnv).toBeNull();
    expect(body.headers).toMatchObject({
      "content-type": "application/json",
      "lambda-runtime-aws-request-id": ok.requestId,
      "lambda-runtime-invoked-function-arn": fn.functionArn,
    });
    expect(Number(body.headers["lambda-runtime-deadline-ms"])).toBeGreaterThan(Date.now());
    expect(body.headers["lambda-runtime-trace-id"]).toMatch(/^Root=1-/);
    expect(ok.initDurationMs).toBeGreaterThan(0);
    expect(ok.logTail).toContain("custom runtime starting for my.handler");

    const failed = await runtime.invoke(fn, JSON.stringify({ fail: true }), { requestId: requestId() });
    expect(failed.functionError).toBe("Unhandled");
    // The error type comes from the header when the body has none.
    expect(JSON.parse(failed.payload)).toEqual({ errorMessage: "asked to fail", errorType: "Custom.Failure" });
    expect(failed.initDurationMs).toBeUndefined();
  });

  it("runs a Python-written bootstrap on provided.al2", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "!bootstrap": PYTHON_BOOTSTRAP }), runtime: "provided.al2", handler: "unused" });
    const result = await runtime.invoke(fn, JSON.stringify([1, 2]), { requestId: requestId() });
    expect(JSON.parse(result.payload)).toEqual({ python: true, event: [1, 2] });
  });

  it("fails with Runtime.InvalidEntrypoint when there is no executable bootstrap", async () => {
    const missing = functionSpec({ codeDir: codeDir({ "main.sh": "" }), runtime: "provided.al2023" });
    const result = await runtime.invoke(missing, "{}", { requestId: requestId() });
    expect(result.functionError).toBe("Unhandled");
    expect(JSON.parse(result.payload)).toMatchObject({ errorType: "Runtime.InvalidEntrypoint" });
    expect(JSON.parse(result.payload).errorMessage).toMatch(/^RequestId: \S+ Error: Couldn't find valid bootstrap\(s\): \[\S*\/bootstrap \/opt\/bootstrap\]$/);
    const notExecutable = functionSpec({ codeDir: codeDir({ bootstrap: "#!/bin/sh\n" }), runtime: "provided.al2023" });
    const second = await runtime.invoke(notExecutable, "{}", { requestId: requestId() });
    expect(JSON.parse(second.payload).errorMessage).toMatch(/permission denied$/);
  });

  it("reports a bootstrap that exits before asking for work as Runtime.ExitError", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "!bootstrap": "#!/bin/sh\necho 'cannot start' >&2\nexit 2\n" }), runtime: "provided.al2023" });
    const result = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(JSON.parse(result.payload)).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 2`,
    });
    expect(result.logTail).toContain("cannot start");
  });
});
