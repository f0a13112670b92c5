import { describe, expect, it } from "vitest";
import { PayloadTexts } from "./payload-texts.js";
import { markedText, payloadRefText } from "../store/index.js";

describe("PayloadTexts", () => {
  it("makes each object's text once and refers to its first history write, past the switch to a Map as well", () => {
    const texts = new PayloadTexts();
    const values = Array.from({ length: 100 }, (_, i) => ({ i, note: `a payload long enough to be referred to, number ${i}` }));
    values.forEach((v, i) => expect(texts.inHistory(v, i + 1, "output")).toBe(markedText(JSON.stringify(v))));
    values.forEach((v, i) => expect(texts.inHistory(v, 200 + i, "input")).toBe(payloadRefText(i + 1, "output")));
    values.forEach((v) => expect(texts.of(v)).toBe(JSON.stringify(v)));
    // Equal content is not the same value: a copy is written again.
    const copy = { ...values[50]! };
    expect(texts.inHistory(copy, 400, "output")).toBe(markedText(JSON.stringify(copy)));
    expect(texts.of("plain")).toBe('"plain"');
  });
});
