import { describe, it, expect, afterAll } from "vitest";
import { createFunctionRuntime } from "./index.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const sink = memorySink();
const runtime = createFunctionRuntime({ logSink: sink });
afterAll(async () => {
  await runtime.close();
  removeCodeDirs();
});

const invoke = async (files: Record<string, string>, event: unknown, handler = "lambda_function.lambda_handler", extra = {}) => {
  const fn = functionSpec({ codeDir: codeDir(files), runtime: "python3.12", handler, ...extra });
  const result = await runtime.invoke(fn, JSON.stringify(event), { requestId: requestId() });
  return { fn, result, body: JSON.parse(result.payload) as Record<string, unknown> };
};

describe("Python handlers", () => {
  it("runs handler(event, context) with AWS's context", async () => {
    const { fn, result, body } = await invoke(
      {
        "lambda_function.py": `import os
def lambda_handler(event, context):
    print("got", event["n"])
    return {
        "n": event["n"] + 1,
        "request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory": context.memory_limit_in_mb,
        "arn": context.invoked_function_arn,
        "group": context.log_group_name,
        "stream": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "env": os.environ["AWS_EXECUTION_ENV"],
        "tz": os.environ["TZ"],
    }
`,
      },
      { n: 41 },
    );
    expect(result.functionError).toBeUndefined();
    expect(body).toMatchObject({
      n: 42,
      request_id: result.requestId,
      function_name: fn.functionName,
      function_version: "$LATEST",
      memory: "128",
      arn: fn.functionArn,
      group: `/aws/lambda/${fn.functionName}`,
      env: "AWS_Lambda_python3.12",
      tz: ":UTC",
    });
    expect(body.remaining).toBeGreaterThan(2_000);
    expect(result.logTail).toContain("got 41\n");
  });

  it("returns errors as {errorMessage, errorType, requestId, stackTrace} with Python's traceback lines", async () => {
    const { result, body } = await invoke(
      {
        "handler.py": `def helper():
    raise ValueError("Some exception was raised.")

def handler(event, context):
    helper()
`,
      },
      {},
      "handler.handler",
    );
    expect(result.functionError).toBe("Unhandled");
    expect(Object.keys(body)).toEqual(["errorMessage", "errorType", "requestId", "stackTrace"]);
    expect(body.errorMessage).toBe("Some exception was raised.");
    expect(body.errorType).toBe("ValueError");
    expect(body.requestId).toBe(result.requestId);
    const trace = body.stackTrace as string[];
    expect(trace).toHaveLength(2);
    expect(trace[0]).toMatch(/^ {2}File "[^"]*\/handler\.py", line 5, in handler\n {4}helper\(\)\n$/);
    expect(trace[1]).toMatch(/^ {2}File "[^"]*\/handler\.py", line 2, in helper\n {4}raise ValueError\("Some exception was raised\."\)\n$/);
    // One log event for the whole error, as awslambdaric writes it.
    const errorEvent = sink.messages().find((m) => m.startsWith("[ERROR] ValueError: Some exception was raised."));
    expect(errorEvent).toContain("\nTraceback (most recent call last):\n");
    // Its name travels in a header too: a line break or a character beyond Latin-1 must not break the call.
    const named = await invoke({ "odd.py": "class Odd(Exception):\n    pass\nOdd.__name__ = 'Bad\\r\\nName€'\ndef handler(e, c):\n    raise Odd('odd')\n" }, {}, "odd.handler");
    expect(named.body).toMatchObject({ errorType: "Bad\r\nName€", errorMessage: "odd" });
  });

  it("reports import failures and missing handlers with awslambdaric's types", async () => {
    const importError = await invoke({ "lambda_function.py": "import no_such_module\n" }, {});
    expect(importError.body).toMatchObject({
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Unable to import module 'lambda_function': No module named 'no_such_module'",
    });
    const missing = await invoke({ "lambda_function.py": "def other(e, c):\n    return 1\n" }, {});
    expect(missing.body).toMatchObject({ errorType: "Runtime.HandlerNotFound", errorMessage: "Handler 'lambda_handler' missing on module 'lambda_function'" });
    const marshal = await invoke({ "lambda_function.py": "def lambda_handler(e, c):\n    return {1, 2}\n" }, {});
    expect(marshal.body).toMatchObject({ errorType: "Runtime.MarshalError", errorMessage: "Unable to marshal response: Object of type set is not JSON serializable" });
  });

  it("formats the root logger's records as AWS's runtime does, whichever module imports logging first", async () => {
    const direct = await invoke(
      { "app.py": "import logging\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\ndef handler(e, c):\n    logger.info('hello %s', e['who'])\n    logging.getLogger('child').warning('careful')\n    return 1\n" },
      { who: "world" },
      "app.handler",
    );
    const id = direct.result.requestId;
    expect(direct.result.logTail).toMatch(new RegExp(`\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\thello world\\n`));
    expect(direct.result.logTail).toContain(`[WARNING]\t`);
    expect(direct.result.logTail).toContain(`\t${id}\tcareful\n`);
    // A submodule first (as libraries often do), and the level from AWS_LAMBDA_LOG_LEVEL.
    const sub = await invoke(
      { "app.py": "import logging.handlers\nimport logging\ndef handler(e, c):\n    logging.getLogger().debug('fine detail')\n    return len(logging.getLogger().handlers)\n" },
      {},
      "app.handler",
      { environment: { AWS_LAMBDA_LOG_LEVEL: "debug" } },
    );
    expect(sub.body).toBe(1);
    expect(sub.result.logTail).toContain(`[DEBUG]\t`);
    expect(sub.result.logTail).toContain(`\t${sub.result.requestId}\tfine detail\n`);
  });

  it("caps the address space at the memory size (MemoryError)", async () => {
    const { body } = await invoke({ "lambda_function.py": "def lambda_handler(e, c):\n    b = bytearray(400 * 1024 * 1024)\n    return len(b)\n" }, {});
    expect(body.errorType).toBe("MemoryError");
  });

  it("carries events and results of several MB over its kept-alive connection; an oversized result is Function.ResponseSizeTooLarge", async () => {
    const fn = functionSpec({
      codeDir: codeDir({ "app.py": "def handler(e, c):\n    return e[\"text\"] * e[\"grow\"] if e.get(\"grow\") else len(e[\"text\"])\n" }),
      runtime: "python3.12",
      handler: "app.handler",
      memorySize: 512,
    });
    const text = "é".repeat(2_500_000);
    const big = await runtime.invoke(fn, JSON.stringify({ text }), { requestId: requestId() });
    expect(big.payload).toBe(String(text.length));
    const large = await runtime.invoke(fn, JSON.stringify({ text: "ab", grow: 1_500_000 }), { requestId: requestId() });
    expect(JSON.parse(large.payload)).toBe("ab".repeat(1_500_000));
    const tooLarge = await runtime.invoke(fn, JSON.stringify({ text: "abc", grow: 2_200_000 }), { requestId: requestId() });
    expect(tooLarge.functionError).toBe("Unhandled");
    expect(JSON.parse(tooLarge.payload)).toEqual({ errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." });
    const after = await runtime.invoke(fn, JSON.stringify({ text: "still warm" }), { requestId: requestId() });
    expect(after.payload).toBe("10");
    expect(after.initDurationMs).toBeUndefined();
  });

  it("keeps module state between warm invocations", async () => {
    const fn = functionSpec({
      codeDir: codeDir({ "app.py": "count = 0\ndef handler(e, c):\n    global count\n    count += 1\n    return count\n" }),
      runtime: "python3.11",
      handler: "app.handler",
    });
    const first = await runtime.invoke(fn, "{}", { requestId: requestId() });
    const second = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect([first.payload, second.payload]).toEqual(["1", "2"]);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
  });
});
