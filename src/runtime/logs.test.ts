import { describe, it, expect, afterAll } from "vitest";
import { createFunctionRuntime } from "./index.js";
import { lastBytes } from "./sandbox-log.js";
import { codeDir, functionSpec, memorySink, removeCodeDirs, requestId } from "./test-support.js";

const FIXED_NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const sink = memorySink();
const runtime = createFunctionRuntime({ logSink: sink, clock: { now: () => FIXED_NOW, sleepUntil: async () => undefined } });
afterAll(async () => {
  await runtime.close();
  removeCodeDirs();
});

describe("function logs", () => {
  it("writes the function's output and START/END/REPORT lines to /aws/lambda/NAME, one stream per sandbox", async () => {
    const fn = functionSpec({
      codeDir: codeDir({
        "index.js": `console.log("at init");
exports.handler = async (e) => { console.log("two\\nlines"); console.error("oops", { a: 1 }); process.stdout.write("raw "); process.stdout.write("line\\n"); process.stderr.write("to stderr\\n"); return e; };`,
      }),
    });
    const cold = await runtime.invoke(fn, "{}", { requestId: requestId() });
    const warm = await runtime.invoke(fn, "{}", { requestId: requestId() });
    const events = sink.events.filter((e) => e.group === `/aws/lambda/${fn.functionName}`);
    expect(new Set(events.map((e) => e.stream)).size).toBe(1);
    expect(events[0]!.stream).toMatch(/^2026\/01\/02\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(events.every((e) => e.timestamp === FIXED_NOW)).toBe(true);
    const messages = events.map((e) => e.message);
    const id = cold.requestId;
    expect(messages.slice(0, 8)).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tundefined\tINFO\tat init$/),
      `START RequestId: ${id} Version: $LATEST`,
      expect.stringMatching(new RegExp(`^\\S+\\t${id}\\tINFO\\ttwo\\nlines$`)),
      expect.stringMatching(new RegExp(`^\\S+\\t${id}\\tERROR\\toops { a: 1 }$`)),
      "raw line",
      "to stderr",
      `END RequestId: ${id}`,
      expect.stringMatching(
        new RegExp(`^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$`),
      ),
    ]);
    const warmReport = messages.find((m) => m.startsWith(`REPORT RequestId: ${warm.requestId}`));
    expect(warmReport).toMatch(/Max Memory Used: \d+ MB\t$/);
    expect(warmReport).not.toContain("Init Duration");
    // The tail: the invocation's own lines (init output belongs to the cold one).
    expect(cold.logTail.startsWith(`${messages[0]}\nSTART RequestId: ${id}`)).toBe(true);
    expect(cold.logTail.endsWith(`${messages[7]}\n`)).toBe(true);
    expect(warm.logTail.startsWith(`START RequestId: ${warm.requestId} Version: $LATEST\n`)).toBe(true);
    expect(warm.logTail).not.toContain("at init");
    expect(warm.billedDurationMs).toBe(Math.ceil(warm.durationMs));
  });

  it("keeps only the last 4 KB as the tail", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": "exports.handler = async () => { for (let i = 0; i < 500; i++) console.log('line ' + i + ' ' + 'é'.repeat(20)); return 1; };" }) });
    const result = await runtime.invoke(fn, "{}", { requestId: requestId() });
    expect(Buffer.byteLength(result.logTail)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(result.logTail)).toBeGreaterThan(4000);
    expect(result.logTail).toMatch(/line 499 é+\nEND RequestId: .*\nREPORT RequestId: .*\n$/);
    expect(result.logTail).not.toContain("\uFFFD");
  });

  it("names a published version's streams with its number", async () => {
    const fn = functionSpec({ codeDir: codeDir({ "index.js": "exports.handler = async () => 1;" }), version: "7" });
    const result = await runtime.invoke(fn, "{}", { requestId: requestId() });
    const start = sink.events.find((e) => e.message === `START RequestId: ${result.requestId} Version: 7`);
    expect(start?.stream).toMatch(/^2026\/01\/02\/\[7\][0-9a-f]{32}$/);
  });

  it("cuts the tail on a character boundary", () => {
    expect(lastBytes("aé", 2)).toBe("é");
    expect(lastBytes("aéb", 2)).toBe("b");
    expect(lastBytes("short", 10)).toBe("short");
  });
});
