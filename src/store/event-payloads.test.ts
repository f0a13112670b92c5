import { describe, expect, it } from "vitest";
import { inlinePayloadRefs, payloadRefText, resolvePayloadRefs, restorePayloadText, restorePayloads, storedPayload } from "./event-payloads.js";
import type { JsonValue } from "../shared/json.js";

/** Details as a writer gives them (marked) and as AWS shapes them (text). */
const marked = (value: JsonValue) => JSON.stringify({ stateEnteredEventDetails: { name: "S", input: storedPayload(value), inputDetails: { truncated: false } } });
const asText = (value: JsonValue) => JSON.stringify({ stateEnteredEventDetails: { name: "S", input: JSON.stringify(value), inputDetails: { truncated: false } } });

describe("stored payloads", () => {
  it("read back as the very text JSON.stringify gave the value", () => {
    const proto = JSON.parse('{"__proto__":{"x":1},"b":2}') as JsonValue;
    const values: JsonValue[] = [
      { b: 1, 2: "two", a: [1, 2.5, -0, 1e21, 5e-324] }, 'quote " backslash \\ newline \n tab \t', "\u2028\u2029 é 😀 \ud800 \udfff",
      proto, [], {}, null, true, 0, "",
    ];
    for (const value of values) expect(restorePayloadText(marked(value))).toBe(asText(value));
  });

  it("restores input, output and parameters and leaves every other field as it is", () => {
    const details = restorePayloads(JSON.parse(JSON.stringify({
      taskScheduledEventDetails: { parameters: storedPayload({ a: 1 }), resource: "r" },
      taskSucceededEventDetails: { output: storedPayload([1]), cause: '{"$p":1}' },
      stateExitedEventDetails: { output: "{}", assignedVariables: { $p: '"v"' } },
    })) as Record<string, unknown>);
    expect(details).toEqual({
      taskScheduledEventDetails: { parameters: '{"a":1}', resource: "r" },
      taskSucceededEventDetails: { output: "[1]", cause: '{"$p":1}' },
      stateExitedEventDetails: { output: "{}", assignedVariables: { $p: '"v"' } },
    });
  });

  it("leaves an undefined payload out, as JSON text would", () => {
    const details = { stateExitedEventDetails: { name: "S", output: storedPayload(undefined as unknown as JsonValue) } };
    expect(restorePayloadText(JSON.stringify(details))).toBe(JSON.stringify({ stateExitedEventDetails: { name: "S", output: JSON.stringify(undefined) } }));
  });

  it("hands text without marked payloads back untouched", () => {
    const text = '{"executionFailedEventDetails":{"error":"E","cause":"{\\"$p\\":1}"}}';
    expect(restorePayloadText(text)).toBe(text);
    expect(restorePayloadText("{}")).toBe("{}");
  });

  it("writes a batch's references out as the marked payloads they stand for, for a store that keeps events apart", () => {
    const marked = JSON.stringify(storedPayload({ a: "long enough" }));
    const events = [
      { id: 5, details: `{"taskSucceededEventDetails":{"output":${marked}}}` },
      { id: 6, details: `{"stateExitedEventDetails":{"name":"S","output":${payloadRefText(5, "output")}}}` },
      { id: 7, details: `{"stateEnteredEventDetails":{"name":"T","input":${payloadRefText(6, "output")},"cause":"{\\"$q\\":1}"}}` },
    ];
    expect(inlinePayloadRefs(events)).toEqual([
      events[0],
      { id: 6, details: `{"stateExitedEventDetails":{"name":"S","output":${marked}}}` },
      { id: 7, details: `{"stateEnteredEventDetails":{"name":"T","input":${marked},"cause":"{\\"$q\\":1}"}}` },
    ]);
    const plain = [{ id: 1, details: '{"x":{"input":"{}"}}' }];
    expect(inlinePayloadRefs(plain)).toBe(plain);
  });

  it("refuses a reference to a payload the batch does not hold", () => {
    const details = { stateEnteredEventDetails: { input: { $q: [3, "output"] } } };
    expect(() => resolvePayloadRefs(details, () => undefined)).toThrow(/event 3, output/);
    expect(() => resolvePayloadRefs(details, () => ({ taskSucceededEventDetails: { output: 1 } }))).toThrow(/event 3, output/);
  });
});
