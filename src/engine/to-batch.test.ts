import { describe, expect, it } from "vitest";
import { toBatch } from "./to-batch.js";
import { createExecutionState } from "./execution-state.js";
import { createTransitionOutput, emit, type TransitionContext } from "./transition-context.js";
import { storedPayload } from "../store/index.js";
import { resolvePayloadRefs, restorePayloadText, restorePayloads } from "../store/event-payloads.js";
import type { JsonValue } from "../shared/json.js";

function contextWith(details: Record<string, unknown>[]): TransitionContext {
  const ctx = { now: 7, out: createTransitionOutput(), state: createExecutionState({}, 1) } as unknown as TransitionContext;
  for (const d of details) emit(ctx, "TaskStateEntered", 0, d);
  return ctx;
}

describe("toBatch", () => {
  it("writes each event's details as JSON.stringify would, a payload an earlier event holds as a reference to it", () => {
    const tricky: JsonValue = { parameters: { $p: 0 }, output: { $p: 0 }, s: '"output":{"$p":0}', u: "é \u2028 😀" };
    const details = [
      { stateEnteredEventDetails: { name: "S", input: storedPayload(tricky), inputDetails: { truncated: false } } },
      { taskScheduledEventDetails: { resource: "r", input: storedPayload([tricky]), parameters: storedPayload(tricky), output: storedPayload(null) } },
      { stateExitedEventDetails: { name: "S", output: '{"text":1}' } },
      { a: { output: storedPayload(1) }, b: { output: storedPayload(2) } },
      {},
    ];
    const ctx = contextWith(details);
    const events = toBatch("arn", ctx, ctx.state).events;
    const written = events.map((e) => e.details);
    const withRef = { ...details[1]!, taskScheduledEventDetails: { ...details[1]!.taskScheduledEventDetails!, parameters: { $q: [events[0]!.id, "input"] } } };
    expect(written).toEqual([details[0], withRef, ...details.slice(2)].map((d) => JSON.stringify(d)));
    const parsed = written.map((text) => JSON.parse(text) as Record<string, unknown>);
    const read = parsed.map((d) => JSON.stringify(restorePayloads(resolvePayloadRefs(d, (id) => parsed[id - events[0]!.id]))));
    expect(read).toEqual(details.map((d) => restorePayloadText(JSON.stringify(d))));
    expect(read[1]).toBe(JSON.stringify({
      taskScheduledEventDetails: { resource: "r", input: JSON.stringify([tricky]), parameters: JSON.stringify(tricky), output: "null" },
    }));
    expect(details[1]!.taskScheduledEventDetails!.parameters).toEqual({ $p: tricky });
  });
});
