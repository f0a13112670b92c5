import { describe, expect, it } from "vitest";
import { detailsJson } from "./details-json.js";
import { PayloadTexts } from "./payload-texts.js";
import { storedPayload } from "../store/index.js";
import { resolvePayloadRefs, restorePayloadText, restorePayloads } from "../store/event-payloads.js";
import type { JsonValue } from "../shared/json.js";

const big: JsonValue = { note: "a payload long enough to be worth a reference rather than a second copy", n: 1 };

describe("detailsJson", () => {
  it("is JSON.stringify's text while each payload is new to the batch", () => {
    const tricky: JsonValue = { parameters: { $p: 0 }, output: { $p: 0 }, s: '"output":{"$p":0}', u: "é \u2028 😀 \ud800" };
    const texts = new PayloadTexts();
    const cases: Record<string, unknown>[] = [
      { stateEnteredEventDetails: { name: "S", input: storedPayload(tricky), inputDetails: { truncated: false } } },
      { taskScheduledEventDetails: { resource: "r", parameters: storedPayload([tricky]), output: storedPayload(null), input: storedPayload("s") } },
      { stateExitedEventDetails: { name: "S", output: '{"text":1}', assignedVariables: { $p: '"v"' } } },
      { a: { output: storedPayload(1) }, b: [{ output: storedPayload(2) }], c: "x" },
      { a: { input: { $p: 1, extra: 2 }, output: storedPayload(undefined as unknown as JsonValue) } },
      {},
    ];
    cases.forEach((details, i) => expect(detailsJson(details, i + 1, texts)).toBe(JSON.stringify(details)));
    expect(detailsJson(undefined, 9, texts)).toBe("{}");
  });

  it("writes a payload an earlier event of the batch holds as a reference to it, short ones again", () => {
    const texts = new PayloadTexts();
    const small: JsonValue = { v: 1 };
    const events = [
      { taskSucceededEventDetails: { output: storedPayload(big), outputDetails: { truncated: false } } },
      { stateExitedEventDetails: { name: "A", output: storedPayload(big), outputDetails: { truncated: false } } },
      { stateEnteredEventDetails: { name: "B", input: storedPayload(big) } },
      { taskScheduledEventDetails: { resource: "r", parameters: storedPayload(small) } },
      { taskScheduledEventDetails: { resource: "r", parameters: storedPayload(small) } },
    ];
    const written = events.map((details, i) => detailsJson(details, 10 + i, texts));
    expect(written[1]).toBe('{"stateExitedEventDetails":{"name":"A","output":{"$q":[10,"output"]},"outputDetails":{"truncated":false}}}');
    expect(written[2]).toBe('{"stateEnteredEventDetails":{"name":"B","input":{"$q":[10,"output"]}}}');
    expect(written[4]).toBe(written[3]);
    // Read back within the batch, every event is the text AWS gives.
    const parsed = written.map((text) => JSON.parse(text) as Record<string, unknown>);
    const read = parsed.map((d) => JSON.stringify(restorePayloads(resolvePayloadRefs(d, (id) => parsed[id - 10]))));
    expect(read).toEqual(events.map((d) => restorePayloadText(JSON.stringify(d))));
  });
});
