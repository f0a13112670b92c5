import { describe, it, expect } from "vitest";
import type { JsonValue } from "../shared/json.js";
import { runMachine, taskError, typesOf, chainOf, eventsOf, detailsOf, timesOf, instantClock, never, LAMBDA, T0 } from "./test-machine.js";

const passProcessor = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
const distributed = (states: Record<string, unknown> = passProcessor.States, startAt = "P") => ({
  ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
  StartAt: startAt,
  States: states,
});
const map = (fields: Record<string, unknown>) => ({ StartAt: "M", States: { M: { Type: "Map", ...fields, End: true } } });

/** An item processor that fails for items above `limit` and passes the others through. */
const failAbove = (limit: number) => ({
  StartAt: "C",
  States: {
    C: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: limit, Next: "F" }], Default: "P" },
    F: { Type: "Fail", Error: "TooBig", Cause: "item too big" },
    P: { Type: "Pass", End: true },
  },
});

describe("Map: items and iteration input", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html (the shipping example)
  const shipment = {
    "ship-date": "2016-03-14T01:59:00Z",
    detail: {
      "delivery-partner": "UQS",
      shipped: [
        { prod: "R31", "dest-code": 9511, quantity: 1344 },
        { prod: "S39", "dest-code": 9511, quantity: 40 },
        { prod: "R31", "dest-code": 9833, quantity: 12 },
      ],
    },
  };

  it("runs the ItemProcessor on every item of ItemsPath (after InputPath) and places the results at ResultPath", async () => {
    const seen: JsonValue[] = [];
    const r = await runMachine(
      map({
        InputPath: "$.detail",
        ItemsPath: "$.shipped",
        MaxConcurrency: 0,
        ItemProcessor: { StartAt: "Validate", States: { Validate: { Type: "Task", Resource: LAMBDA, End: true } } },
        ResultPath: "$.detail.shipped",
      }),
      shipment,
      { handlers: { [LAMBDA]: (item) => (seen.push(item), { ok: (item as { prod: string }).prod }) } },
    );
    expect(seen).toEqual(shipment.detail.shipped);
    expect(r.output).toEqual({ ...shipment, detail: { ...shipment.detail, shipped: [{ ok: "R31" }, { ok: "S39" }, { ok: "R31" }] } });
  });

  it("ItemSelector builds each iteration's input from $$.Map.Item.Value and the state input (AWS's example)", async () => {
    const seen: JsonValue[] = [];
    await runMachine(
      map({
        InputPath: "$.detail",
        ItemsPath: "$.shipped",
        ItemSelector: { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
        ItemProcessor: { StartAt: "Validate", States: { Validate: { Type: "Task", Resource: LAMBDA, End: true } } },
      }),
      shipment,
      { handlers: { [LAMBDA]: (i) => (seen.push(i), null) } },
    );
    expect(seen).toEqual(shipment.detail.shipped.map((parcel) => ({ parcel, courier: "UQS" })));
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html#contextobject-map
  it("$$.Map.Item.Index and $$.Map.Item.Value (AWS's context object example)", async () => {
    const r = await runMachine(
      map({
        ItemSelector: { "ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value" },
        ItemProcessor: { StartAt: "TestPass", States: { TestPass: { Type: "Pass", End: true } } },
      }),
      [{ who: "bob" }, { who: "meg" }, { who: "joe" }],
    );
    expect(r.output).toEqual([
      { ContextIndex: 0, ContextValue: { who: "bob" } },
      { ContextIndex: 1, ContextValue: { who: "meg" } },
      { ContextIndex: 2, ContextValue: { who: "joe" } },
    ]);
  });

  it("the legacy Iterator and Parameters fields work as ItemProcessor and ItemSelector", async () => {
    const r = await runMachine(
      map({ Parameters: { "i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value" }, Iterator: passProcessor }),
      ["a", "b"],
    );
    expect(r.output).toEqual([{ i: 0, v: "a" }, { i: 1, v: "b" }]);
  });

  it("an empty array gives an empty result without iterations", async () => {
    const r = await runMachine(map({ ItemProcessor: passProcessor }), []);
    expect(r.output).toEqual([]);
    expect(typesOf(r)).toEqual(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);
    expect(detailsOf(eventsOf(r, "MapStateStarted")[0]!)).toEqual({ length: 0 });
  });

  it("input that is not an array fails with States.Runtime", async () => {
    const r = await runMachine(map({ ItemsPath: "$.items", ItemProcessor: passProcessor }), { items: { not: "an array" } });
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(r.cause).toContain('Map state input must be an array but was: {"not":"an array"}');
  });

  it("ItemsPath that finds nothing fails with States.Runtime", async () => {
    const r = await runMachine(map({ ItemsPath: "$.items", ItemProcessor: passProcessor }), {});
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });

  it("ResultSelector and OutputPath apply to the array of results", async () => {
    const r = await runMachine(
      map({ ItemsPath: "$.xs", ItemProcessor: passProcessor, ResultSelector: { "all.$": "$", "first.$": "$[0]" }, ResultPath: "$.r", OutputPath: "$.r" }),
      { xs: [3, 4] },
    );
    expect(r.output).toEqual({ all: [3, 4], first: 3 });
  });

  it("results keep the order of the items whatever order the iterations end in", async () => {
    const r = await runMachine(
      map({ ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", SecondsPath: "$.s", End: true } } } }),
      [{ s: 3 }, { s: 1 }, { s: 2 }],
    );
    expect(r.output).toEqual([{ s: 3 }, { s: 1 }, { s: 2 }]);
    expect(r.stopDate - r.startDate).toBe(3000);
  });
});

describe("Map: concurrency", () => {
  const waitProcessor = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } };

  it("iterations run at the same time by default", async () => {
    const r = await runMachine(map({ ItemProcessor: waitProcessor }), [1, 2, 3, 4]);
    expect(r.stopDate - r.startDate).toBe(10_000);
  });

  it("MaxConcurrency limits how many run at once", async () => {
    const r = await runMachine(map({ MaxConcurrency: 2, ItemProcessor: waitProcessor }), [1, 2, 3, 4]);
    expect(r.stopDate - r.startDate).toBe(20_000);
  });

  it("MaxConcurrency 1 runs the iterations one after the other, in order", async () => {
    const r = await runMachine(map({ MaxConcurrency: 1, ItemProcessor: waitProcessor }), ["a", "b", "c"]);
    expect(r.stopDate - r.startDate).toBe(30_000);
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "MapStateEntered", "MapStateStarted",
      "MapIterationStarted", "WaitStateEntered", "WaitStateExited", "MapIterationSucceeded",
      "MapIterationStarted", "WaitStateEntered", "WaitStateExited", "MapIterationSucceeded",
      "MapIterationStarted", "WaitStateEntered", "WaitStateExited", "MapIterationSucceeded",
      "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
    ]);
    expect(eventsOf(r, "MapIterationStarted").map((e) => detailsOf(e))).toEqual([
      { name: "M", index: 0 }, { name: "M", index: 1 }, { name: "M", index: 2 },
    ]);
  });

  it("MaxConcurrencyPath reads the limit from the input", async () => {
    const r = await runMachine(map({ ItemsPath: "$.items", MaxConcurrencyPath: "$.limit", ItemProcessor: waitProcessor }), { items: [1, 2, 3], limit: 1 });
    expect(r.stopDate - r.startDate).toBe(30_000);
  });

  // Recorded from AWS (conformance: scenarios/test_base_scenarios.py::test_max_concurrency_path[NoNumber]).
  it("MaxConcurrencyPath must reference an integer", async () => {
    const r = await runMachine(
      {
        StartAt: "MapState",
        States: {
          MapState: {
            Type: "Map", ItemsPath: "$.Values", MaxConcurrencyPath: "$.MaxConcurrencyValue",
            ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "HandleItem", States: { HandleItem: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      { MaxConcurrencyValue: "NoNumber", Values: ["HelloWorld"] },
    );
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'MapState' (entered at the event id #2). The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.MaxConcurrencyValue",
    });
    expect(typesOf(r)).toEqual(["ExecutionStarted", "MapStateEntered", "ExecutionFailed"]);
  });
});

describe("Map: failures", () => {
  it("a failing iteration fails the Map state with its error", async () => {
    const r = await runMachine(map({ MaxConcurrency: 1, ItemProcessor: failAbove(2) }), [1, 2, 3, 4]);
    expect(r).toMatchObject({ status: "FAILED", error: "TooBig", cause: "item too big" });
    // With MaxConcurrency 1 the fourth item never starts.
    expect(eventsOf(r, "MapIterationStarted")).toHaveLength(3);
    expect(typesOf(r).slice(-4)).toEqual(["FailStateEntered", "MapIterationFailed", "MapStateFailed", "ExecutionFailed"]);
  });

  it("a failing iteration stops the others at once: they are aborted", async () => {
    const processor = {
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 0, Next: "F" }], Default: "W" },
        F: { Type: "Fail", Error: "Boom" },
        W: { Type: "Wait", Seconds: 100, End: true },
      },
    };
    const r = await runMachine(map({ ItemProcessor: processor }), [1, 0, 2]);
    expect(r).toMatchObject({ status: "FAILED", error: "Boom" });
    expect(r.stopDate - r.startDate).toBe(0);
    expect(eventsOf(r, "MapIterationAborted").map((e) => detailsOf(e))).toEqual([{ name: "M", index: 0 }, { name: "M", index: 2 }]);
    expect(eventsOf(r, "WaitStateExited")).toHaveLength(0);
  });

  // Recorded from AWS (conformance: timeouts/test_timeouts.py::test_service_lambda_map_timeout): when
  // one iteration's task times out, it and the other iterations' tasks in progress are closed with
  // TaskStateAborted, the others with MapIterationAborted, all following the failed task's event.
  it("tasks in progress are closed with TaskStateAborted when an iteration fails", async () => {
    const r = await runMachine(
      map({ ItemProcessor: { StartAt: "LambdaInvoke", States: { LambdaInvoke: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 5, End: true } } } }),
      [1, 2, 3],
      { clock: instantClock(), handlers: { [LAMBDA]: never } },
    );
    expect(r).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    const chain = chainOf(r);
    const timedOut = chain.findIndex((e) => e.endsWith("LambdaFunctionTimedOut"));
    const failedId = Number(chain[timedOut]!.split("<")[0]);
    expect(chain.slice(timedOut + 1).map((e) => e.replace(/^\d+</, ""))).toEqual([
      `${failedId} MapIterationFailed`, `${failedId} TaskStateAborted`,
      `${failedId} MapIterationAborted`, `${failedId} TaskStateAborted`,
      `${failedId} MapIterationAborted`, `${failedId} TaskStateAborted`,
      `${failedId} MapStateFailed`, `${failedId + 7} ExecutionFailed`,
    ]);
    expect(eventsOf(r, "MapIterationAborted").map((e) => detailsOf(e))).toEqual([{ name: "M", index: 1 }, { name: "M", index: 2 }]);
    expect(r.stopDate - r.startDate).toBe(5000);
  });

  it("Catch takes the iteration's error (recorded AWS shape)", async () => {
    const r = await runMachine(
      {
        StartAt: "MapState",
        States: {
          MapState: {
            Type: "Map", ResultPath: null, MaxConcurrency: 1,
            ItemProcessor: { StartAt: "HandleItemFail", States: { HandleItemFail: { Type: "Fail", Error: "HandleItemFailError", Cause: "HandleItemFailCause" } } },
            Catch: [{ ErrorEquals: ["HandleItemFailError"], Next: "FinalCaught" }],
            Next: "Final",
          },
          FinalCaught: { Type: "Pass", End: true },
          Final: { Type: "Pass", End: true },
        },
      },
      [1],
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", output: { Error: "HandleItemFailError", Cause: "HandleItemFailCause" } });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "FailStateEntered", "MapIterationFailed",
      "MapStateFailed", "MapStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
  });

  it("Retry runs the whole Map again: a new MapStateStarted, all iterations again", async () => {
    let calls = 0;
    const r = await runMachine(
      map({
        MaxConcurrency: 1,
        ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, End: true } } },
        Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 2 }],
      }),
      ["a", "b"],
      { handlers: { [LAMBDA]: (item) => { if (++calls === 2) throw taskError("Flaky"); return item; } } },
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", output: ["a", "b"] });
    expect(calls).toBe(4);
    expect(eventsOf(r, "MapStateStarted").map((e) => e.timestamp - T0)).toEqual([0, 2000]);
    expect(eventsOf(r, "MapStateEntered")).toHaveLength(1);
  });
});

describe("Map: tolerated failures (distributed)", () => {
  const tolerant = (fields: Record<string, unknown>) =>
    map({ MaxConcurrency: 1, ItemProcessor: distributed(failAbove(2).States, "C"), ...fields });

  it("ToleratedFailureCount: up to that many failed items are tolerated", async () => {
    const ok = await runMachine(tolerant({ ToleratedFailureCount: 2 }), [1, 2, 3, 4]);
    expect(ok.status).toBe("SUCCEEDED");
    expect((ok.output as JsonValue[]).slice(0, 2)).toEqual([1, 2]);
    expect(ok.output).toHaveLength(4);
    const over = await runMachine(tolerant({ ToleratedFailureCount: 1 }), [1, 2, 3, 4]);
    expect(over).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
  });

  it("ToleratedFailurePercentage: up to that share of failed items is tolerated", async () => {
    expect((await runMachine(tolerant({ ToleratedFailurePercentage: 50 }), [1, 2, 3, 4])).status).toBe("SUCCEEDED");
    const over = await runMachine(tolerant({ ToleratedFailurePercentage: 49.9 }), [1, 2, 3, 4]);
    expect(over).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
  });

  it("ToleratedFailureCountPath and ToleratedFailurePercentagePath read the thresholds from the input", async () => {
    const byCount = await runMachine(tolerant({ ItemsPath: "$.items", ToleratedFailureCountPath: "$.n" }), { items: [3, 4], n: 2 });
    expect(byCount.status).toBe("SUCCEEDED");
    const byPct = await runMachine(tolerant({ ItemsPath: "$.items", ToleratedFailurePercentagePath: "$.p" }), { items: [1, 3], p: 10 });
    expect(byPct).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
  });

  // Recorded from AWS (conformance: test_map_state_tolerated_failure_count_path[NoNumber], [-1] and
  // test_map_state_tolerated_failure_percentage_path[100.1]).
  it("invalid thresholds from paths are States.Runtime (after MapStateStarted)", async () => {
    const prefix = "An error occurred while executing the state 'M' (entered at the event id #2). ";
    const cases: [Record<string, unknown>, JsonValue, string][] = [
      [{ ToleratedFailureCountPath: "$.t" }, "NoNumber", 'The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.t'],
      [{ ToleratedFailureCountPath: "$.t" }, -1, "ToleratedFailureCount cannot be negative."],
      [{ ToleratedFailurePercentagePath: "$.t" }, 100.1, "ToleratedFailurePercentage must be between 0 and 100."],
    ];
    for (const [fields, t, detail] of cases) {
      const r = await runMachine(tolerant({ ItemsPath: "$.items", ...fields }), { items: [0], t });
      expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: prefix + detail });
      expect(typesOf(r)).toEqual(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "ExecutionFailed"]);
    }
  });
});

describe("Map: DISTRIBUTED mode", () => {
  it("records a Map Run instead of the iterations' events", async () => {
    const r = await runMachine(map({ ItemProcessor: distributed() }), [1, 2, 3], { context: { stateMachineName: "Orders" } });
    expect(r.output).toEqual([1, 2, 3]);
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
    ]);
    const arn = detailsOf(eventsOf(r, "MapRunStarted")[0]!)!.mapRunArn as string;
    expect(arn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Orders\/M:[0-9a-f-]{36}$/);
  });

  it("the Map Run ARN carries the Label when there is one", async () => {
    const r = await runMachine(map({ Label: "Shipping", ItemProcessor: distributed() }), [1]);
    expect(detailsOf(eventsOf(r, "MapRunStarted")[0]!)!.mapRunArn).toMatch(/:mapRun:StateMachine\/Shipping:/);
  });

  it("a failing child fails the Map Run and the Map state", async () => {
    const r = await runMachine(map({ ItemProcessor: distributed(failAbove(1).States, "C") }), [1, 2]);
    expect(r).toMatchObject({ status: "FAILED", error: "TooBig", cause: "item too big" });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed",
    ]);
  });

  it("ItemSelector and $$.Map.Item work as in inline mode", async () => {
    const r = await runMachine(
      map({ ItemsPath: "$.xs", ItemSelector: { "i.$": "$$.Map.Item.Index", "x.$": "$$.Map.Item.Value", "k.$": "$.k" }, ItemProcessor: distributed() }),
      { xs: ["a", "b"], k: 1 },
    );
    expect(r.output).toEqual([{ i: 0, x: "a", k: 1 }, { i: 1, x: "b", k: 1 }]);
  });
});

describe("Map: ItemBatcher (distributed)", () => {
  it("MaxItemsPerBatch groups the items; BatchInput goes with every batch", async () => {
    const seen: JsonValue[] = [];
    const r = await runMachine(
      map({
        ItemsPath: "$.items",
        ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { factCheck: "TRUE", "region.$": "$.region" } },
        ItemProcessor: distributed({ T: { Type: "Task", Resource: LAMBDA, End: true } }, "T"),
      }),
      { items: [1, 2, 3, 4, 5], region: "eu" },
      { handlers: { [LAMBDA]: (batch) => (seen.push(batch), (batch as { Items: number[] }).Items.length) } },
    );
    expect(seen).toEqual([
      { BatchInput: { factCheck: "TRUE", region: "eu" }, Items: [1, 2] },
      { BatchInput: { factCheck: "TRUE", region: "eu" }, Items: [3, 4] },
      { BatchInput: { factCheck: "TRUE", region: "eu" }, Items: [5] },
    ]);
    expect(r.output).toEqual([2, 2, 1]);
    expect(detailsOf(eventsOf(r, "MapStateStarted")[0]!)).toEqual({ length: 3 });
  });

  it("without BatchInput each batch is { Items }", async () => {
    const r = await runMachine(map({ ItemBatcher: { MaxItemsPerBatch: 3 }, ItemProcessor: distributed() }), [1, 2, 3, 4]);
    expect(r.output).toEqual([{ Items: [1, 2, 3] }, { Items: [4] }]);
  });

  it("MaxInputBytesPerBatch limits the size of a batch", async () => {
    const item = "x".repeat(98); // 100 bytes as JSON
    const r = await runMachine(map({ ItemBatcher: { MaxInputBytesPerBatch: 250 }, ItemProcessor: distributed() }), [item, item, item, item, item]);
    expect((r.output as { Items: string[] }[]).map((b) => b.Items.length)).toEqual([2, 2, 1]);
  });

  it("MaxItemsPerBatchPath reads the batch size from the input", async () => {
    const r = await runMachine(
      map({ ItemsPath: "$.items", ItemBatcher: { MaxItemsPerBatchPath: "$.size" }, ItemProcessor: distributed() }),
      { items: [1, 2, 3], size: 2 },
    );
    expect(r.output).toEqual([{ Items: [1, 2] }, { Items: [3] }]);
  });
});

describe("Map: timing", () => {
  it("iterations' events carry the virtual time", async () => {
    const r = await runMachine(
      map({ MaxConcurrency: 1, ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 5, End: true } } } }),
      [1, 2],
    );
    expect(timesOf(r).filter((t) => t.includes("MapIteration"))).toEqual([
      "4 MapIterationStarted +0", "7 MapIterationSucceeded +5000", "8 MapIterationStarted +5000", "11 MapIterationSucceeded +10000",
    ]);
  });
});
