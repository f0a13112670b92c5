import { describe, it, expect } from "vitest";
import { runMachine, LAMBDA, T0 } from "./test-machine.js";

const pass = (fields: Record<string, unknown>) => ({ StartAt: "P", States: { P: { Type: "Pass", ...fields, End: true } } });
const task = (fields: Record<string, unknown>) => ({ StartAt: "T", States: { T: { Type: "Task", Resource: LAMBDA, ...fields, End: true } } });

describe("Pass state", () => {
  it("passes its input through when it has no Result", async () => {
    const r = await runMachine(pass({}), { a: 1 });
    expect(r).toMatchObject({ status: "SUCCEEDED", output: { a: 1 } });
  });

  it("uses Result as the state's result, any JSON value", async () => {
    for (const result of [{ x: [1, 2] }, "text", 0, null, [true]]) {
      const r = await runMachine(pass({ Result: result }), { a: 1 });
      expect(r.output).toEqual(result);
    }
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html (the "Result" / "ResultPath" example)
  it("places Result at ResultPath (AWS's Pass state example)", async () => {
    const r = await runMachine(
      pass({ Result: { x: 0.381018, y: 622.2269926397355 }, ResultPath: "$.coords" }),
      { georefOf: "Home" },
    );
    expect(r.output).toEqual({ georefOf: "Home", coords: { x: 0.381018, y: 622.2269926397355 } });
  });

  it("fails with States.DataLimitExceeded when Result is over 256 KiB (not catchable: the execution fails)", async () => {
    const r = await runMachine(pass({ Result: "a".repeat(256 * 1024 + 1) }));
    expect(r.status).toBe("FAILED");
    expect(r.error).toBe("States.DataLimitExceeded");
  });
});

describe("InputPath", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html#input-output-inputpath
  it("selects part of the input (AWS's InputPath example)", async () => {
    const input = {
      comment: "Example for InputPath.",
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: "a", val2: "b", val3: "c" },
    };
    const r = await runMachine(pass({ InputPath: "$.dataset2" }), input);
    expect(r.output).toEqual({ val1: "a", val2: "b", val3: "c" });
  });

  it("null gives the state an empty object as input", async () => {
    const seen: unknown[] = [];
    const r = await runMachine(task({ InputPath: null }), { a: 1 }, { handlers: { [LAMBDA]: (i) => (seen.push(i), "ok") } });
    expect(seen).toEqual([{}]);
    expect(r.output).toBe("ok");
  });

  it("can read the context object ($$)", async () => {
    const r = await runMachine(pass({ InputPath: "$$.Execution.Input" }), { a: 1 });
    expect(r.output).toEqual({ a: 1 });
  });

  it("fails with States.Runtime when the path finds nothing", async () => {
    const r = await runMachine(pass({ InputPath: "$.missing" }), { a: 1 });
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
    });
  });
});

describe("Parameters", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html#input-output-parameters
  it("builds the effective input from static values and .$ paths (AWS's Parameters example)", async () => {
    const input = {
      comment: "Example for Parameters.",
      product: { details: { color: "blue", size: "small", material: "cotton" }, availability: "in stock", sku: "2317", cost: "$23" },
    };
    const parameters = {
      comment: "Selecting what I care about.",
      MyDetails: { "size.$": "$.product.details.size", "exists.$": "$.product.availability", StaticValue: "foo" },
    };
    const r = await runMachine(pass({ Parameters: parameters }), input);
    expect(r.output).toEqual({
      comment: "Selecting what I care about.",
      MyDetails: { size: "small", exists: "in stock", StaticValue: "foo" },
    });
  });

  it("applies after InputPath", async () => {
    const r = await runMachine(pass({ InputPath: "$.inner", Parameters: { "v.$": "$.v" } }), { inner: { v: 7 }, v: 1 });
    expect(r.output).toEqual({ v: 7 });
  });

  it("reads the context object with $$ paths", async () => {
    const r = await runMachine(
      pass({ Parameters: { "name.$": "$$.State.Name", "input.$": "$$.Execution.Input.a", "sm.$": "$$.StateMachine.Name" } }),
      { a: 5 },
      { context: { stateMachineName: "Orders" } },
    );
    expect(r.output).toEqual({ name: "P", input: 5, sm: "Orders" });
  });

  it("evaluates intrinsic functions", async () => {
    const r = await runMachine(
      pass({
        Parameters: {
          "greeting.$": "States.Format('Hello, my name is {}.', $.name)",
          "parsed.$": "States.StringToJson($.json)",
          "list.$": "States.Array($.a, $.b)",
          "sum.$": "States.MathAdd($.a, $.b)",
          "id.$": "States.UUID()",
        },
      }),
      { name: "Arnav", json: '{"k":[1]}', a: 1, b: 2 },
    );
    expect(r.output).toEqual({
      greeting: "Hello, my name is Arnav.",
      parsed: { k: [1] },
      list: [1, 2],
      sum: 3,
      id: "00000000-0000-4000-8000-000000000001", // the execution is named only when its name is read
    });
  });

  it("fails with States.Runtime when a .$ path finds nothing", async () => {
    const r = await runMachine(pass({ Parameters: { "x.$": "$.nope" } }), { a: 1 });
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{\"a\":1}'",
    });
  });
});

describe("ResultSelector", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html#input-output-resultselector
  it("reshapes the task result before ResultPath (AWS's EMR example)", async () => {
    const emrResult = {
      resourceType: "elasticmapreduce",
      resource: "createCluster.sync",
      output: { SdkHttpMetadata: { httpStatusCode: 200 }, SdkResponseMetadata: { requestId: "1234" }, ClusterId: "AKIAIOSFODNN7EXAMPLE" },
    };
    const r = await runMachine(
      task({ ResultSelector: { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" }, ResultPath: "$.EMROutput" }),
      { start: true },
      { handlers: { [LAMBDA]: () => emrResult } },
    );
    expect(r.output).toEqual({ start: true, EMROutput: { ResourceType: "elasticmapreduce", ClusterId: "AKIAIOSFODNN7EXAMPLE" } });
  });

  it("sees the result, not the input", async () => {
    const r = await runMachine(task({ ResultSelector: { "fromResult.$": "$.r" } }), { r: 99 }, { handlers: { [LAMBDA]: () => ({ r: 1 }) } });
    expect(r.output).toEqual({ fromResult: 1 });
  });

  it("is not allowed on a Pass state", async () => {
    await expect(runMachine(pass({ Result: { r: 1 }, ResultSelector: { "x.$": "$.r" } }))).rejects.toThrow(/ResultSelector/);
  });
});

describe("ResultPath", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
  const input = { comment: "This is a test", details: "Default example", who: "Step Functions" };
  const hello = { handlers: { [LAMBDA]: () => "Hello, Step Functions!" } };

  it("defaults to $: the result replaces the input", async () => {
    const r = await runMachine(task({}), input, hello);
    expect(r.output).toBe("Hello, Step Functions!");
  });

  it("null discards the result and keeps the original input", async () => {
    const r = await runMachine(task({ ResultPath: null }), input, hello);
    expect(r.output).toEqual(input);
  });

  it("a path includes the result with the input", async () => {
    const r = await runMachine(task({ ResultPath: "$.taskresult" }), input, hello);
    expect(r.output).toEqual({ ...input, taskresult: "Hello, Step Functions!" });
  });

  it("updates an existing node", async () => {
    const r = await runMachine(task({ ResultPath: "$.details" }), input, hello);
    expect(r.output).toEqual({ comment: "This is a test", details: "Hello, Step Functions!", who: "Step Functions" });
  });

  it("creates missing nested objects", async () => {
    const r = await runMachine(pass({ Result: 1, ResultPath: "$.a.b.c" }), { keep: true });
    expect(r.output).toEqual({ keep: true, a: { b: { c: 1 } } });
  });

  it("does not modify the state's input object", async () => {
    const original = { a: { b: 1 } };
    const r = await runMachine(pass({ Result: 2, ResultPath: "$.a.c" }), original);
    expect(r.output).toEqual({ a: { b: 1, c: 2 } });
    expect(original).toEqual({ a: { b: 1 } });
  });

  it("fails with States.ResultPathMatchFailure when the path cannot be applied", async () => {
    const r = await runMachine(pass({ Result: 1, ResultPath: "$.a.b" }), { a: 5 });
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.ResultPathMatchFailure",
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). Unable to apply ResultPath '$.a.b' to input '{\"a\":5}'",
    });
  });

  it("States.ResultPathMatchFailure can be caught on a Task", async () => {
    const r = await runMachine(
      {
        StartAt: "T",
        States: {
          T: { Type: "Task", Resource: LAMBDA, ResultPath: "$.x", Catch: [{ ErrorEquals: ["States.ResultPathMatchFailure"], Next: "C" }], End: true },
          C: { Type: "Pass", End: true },
        },
      },
      "not an object",
      { handlers: { [LAMBDA]: () => 1 } },
    );
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output).toMatchObject({ Error: "States.ResultPathMatchFailure" });
  });
});

describe("OutputPath", () => {
  it("selects part of the state output", async () => {
    const r = await runMachine(pass({ Result: { x: 1 }, ResultPath: "$.r", OutputPath: "$.r" }), { a: 1 });
    expect(r.output).toEqual({ x: 1 });
  });

  it("null sends an empty object to the next state", async () => {
    const r = await runMachine(pass({ OutputPath: null }), { a: 1 });
    expect(r.output).toEqual({});
  });

  it("fails with States.Runtime when the path finds nothing", async () => {
    const r = await runMachine(pass({ OutputPath: "$.b.c" }), { a: 1 });
    expect(r).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.b.c' : Missing property in path $['b']",
    });
  });

  it("all five fields in AWS's order: InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath", async () => {
    const seen: unknown[] = [];
    const r = await runMachine(
      task({
        InputPath: "$.payload",
        Parameters: { "n.$": "$.n", tag: "p" },
        ResultSelector: { "doubled.$": "$.value" },
        ResultPath: "$.payload.result",
        OutputPath: "$.payload",
      }),
      { payload: { n: 21 }, other: true },
      { handlers: { [LAMBDA]: (i) => (seen.push(i), { value: (i as { n: number }).n * 2, noise: 1 }) } },
    );
    expect(seen).toEqual([{ n: 21, tag: "p" }]);
    expect(r.output).toEqual({ n: 21, result: { doubled: 42 } });
  });
});

describe("the context object", () => {
  it("has AWS's Execution, State and StateMachine fields", async () => {
    const r = await runMachine(
      pass({ Parameters: { "ctx.$": "$$" } }),
      { in: 1 },
      {
        context: {
          accountId: "111122223333",
          region: "eu-west-1",
          stateMachineName: "MyMachine",
          executionName: "run-1",
          roleArn: "arn:aws:iam::111122223333:role/MyRole",
        },
      },
    );
    expect(r.output).toEqual({
      ctx: {
        Execution: {
          Id: "arn:aws:states:eu-west-1:111122223333:execution:MyMachine:run-1",
          Input: { in: 1 },
          Name: "run-1",
          RoleArn: "arn:aws:iam::111122223333:role/MyRole",
          StartTime: new Date(T0).toISOString(),
          RedriveCount: 0,
        },
        State: { Name: "P", EnteredTime: new Date(T0).toISOString() },
        StateMachine: { Id: "arn:aws:states:eu-west-1:111122223333:stateMachine:MyMachine", Name: "MyMachine" },
      },
    });
  });

  it("names an unnamed execution with a UUID", async () => {
    const r = await runMachine(pass({ Parameters: { "name.$": "$$.Execution.Name", "id.$": "$$.Execution.Id" } }));
    expect(r.output).toEqual({
      name: "00000000-0000-4000-8000-000000000001",
      id: "arn:aws:states:us-east-1:123456789012:execution:StateMachine:00000000-0000-4000-8000-000000000001",
    });
  });

  it("State.EnteredTime is the time the state was entered", async () => {
    const r = await runMachine(
      {
        StartAt: "W",
        States: { W: { Type: "Wait", Seconds: 90, Next: "P" }, P: { Type: "Pass", Parameters: { "t.$": "$$.State.EnteredTime" }, End: true } },
      },
    );
    expect(r.output).toEqual({ t: new Date(T0 + 90_000).toISOString() });
  });

  it("Task states see State.RetryCount", async () => {
    let calls = 0;
    const r = await runMachine(
      task({ Parameters: { "retry.$": "$$.State.RetryCount" }, Retry: [{ ErrorEquals: ["Flaky"], MaxAttempts: 3, IntervalSeconds: 1 }] }),
      {},
      { handlers: { [LAMBDA]: (i) => { if (calls++ < 2) throw Object.assign(new Error(), { name: "Flaky" }); return i; } } },
    );
    expect(r.output).toEqual({ retry: 2 });
  });
});
