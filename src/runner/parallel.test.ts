import { describe, it, expect } from "vitest";
import type { JsonValue } from "../shared/json.js";
import { runMachine, taskError, typesOf, chainOf, eventsOf, timesOf, LAMBDA, LAMBDA_2, LAMBDA_INVOKE, T0 } from "./test-machine.js";

const branch = (states: Record<string, unknown>, startAt = Object.keys(states)[0]!) => ({ StartAt: startAt, States: states });
const parallel = (branches: unknown[], fields: Record<string, unknown> = {}) => ({
  StartAt: "P",
  States: { P: { Type: "Parallel", Branches: branches, ...fields, End: true } },
});

describe("Parallel", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html (the LookupCustomerInfo example)
  it("runs every branch on the same input and outputs their results in branch order", async () => {
    const seen: JsonValue[] = [];
    const r = await runMachine(
      {
        Comment: "Parallel Example.",
        StartAt: "LookupCustomerInfo",
        States: {
          LookupCustomerInfo: {
            Type: "Parallel",
            End: true,
            Branches: [
              branch({ LookupAddress: { Type: "Task", Resource: LAMBDA, End: true } }),
              branch({ LookupPhone: { Type: "Task", Resource: LAMBDA_2, End: true } }),
            ],
          },
        },
      },
      { customer: 7 },
      {
        handlers: {
          [LAMBDA]: (i) => (seen.push(i), { address: "1 Main St" }),
          [LAMBDA_2]: (i) => (seen.push(i), { phone: "555-0100" }),
        },
      },
    );
    expect(seen).toEqual([{ customer: 7 }, { customer: 7 }]);
    expect(r.output).toEqual([{ address: "1 Main St" }, { phone: "555-0100" }]);
  });

  it("keeps branch order whatever order the branches end in", async () => {
    const r = await runMachine(
      parallel([
        branch({ W: { Type: "Wait", Seconds: 30, Next: "A" }, A: { Type: "Pass", Result: "slow", End: true } }),
        branch({ B: { Type: "Pass", Result: "fast", End: true } }),
      ]),
    );
    expect(r.output).toEqual(["slow", "fast"]);
    expect(r.stopDate - r.startDate).toBe(30_000);
  });

  it("branches run at the same time: the state takes as long as its longest branch", async () => {
    const wait = (s: number) => branch({ [`W${s}`]: { Type: "Wait", Seconds: s, End: true } });
    const r = await runMachine(parallel([wait(10), wait(20), wait(5)]));
    expect(r.stopDate - r.startDate).toBe(20_000);
  });

  it("Parameters (after InputPath) is the input of every branch; ResultSelector, ResultPath and OutputPath apply to the array", async () => {
    const echo = (name: string) => branch({ [name]: { Type: "Pass", End: true } });
    const r = await runMachine(
      parallel([echo("E1"), echo("E2")], {
        InputPath: "$.in",
        Parameters: { "v.$": "$.v" },
        ResultSelector: { "first.$": "$[0].v", "count.$": "States.ArrayLength($)" },
        ResultPath: "$.in.result",
        OutputPath: "$.in",
      }),
      { in: { v: 1 } },
    );
    expect(r.output).toEqual({ v: 1, result: { first: 1, count: 2 } });
  });

  it("Succeed ends only its branch", async () => {
    const r = await runMachine(parallel([branch({ S: { Type: "Succeed" } }), branch({ B: { Type: "Pass", Result: 2, End: true } })]), { a: 1 });
    expect(r.output).toEqual([{ a: 1 }, 2]);
  });

  it("records ParallelStateStarted, the branches' events and ParallelStateSucceeded", async () => {
    const r = await runMachine(parallel([branch({ A: { Type: "Pass", End: true } }), branch({ B: { Type: "Pass", End: true } })]));
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
      "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
      "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded",
    ]);
    // Every branch starts from ParallelStateStarted; as AWS records it, ParallelStateExited follows the
    // last branch event, not ParallelStateSucceeded.
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 ParallelStateEntered", "3<2 ParallelStateStarted",
      "4<3 PassStateEntered", "5<4 PassStateExited", "6<3 PassStateEntered", "7<6 PassStateExited",
      "8<7 ParallelStateSucceeded", "9<7 ParallelStateExited", "10<9 ExecutionSucceeded",
    ]);
  });
});

describe("Parallel failures", () => {
  const failing = branch({ F: { Type: "Fail", Error: "BranchError", Cause: "branch 2 failed" } });
  const slow = (name = "W") => branch({ [name]: { Type: "Wait", Seconds: 100, Next: `${name}After` }, [`${name}After`]: { Type: "Pass", End: true } });

  it("a failing branch fails the state with the branch's error", async () => {
    const r = await runMachine(parallel([branch({ A: { Type: "Pass", End: true } }), failing]));
    expect(r).toMatchObject({ status: "FAILED", error: "BranchError", cause: "branch 2 failed" });
    expect(typesOf(r).slice(-2)).toEqual(["ParallelStateFailed", "ExecutionFailed"]);
  });

  // "If any branch fails ... the entire Parallel state fails and all its branches are stopped."
  it("stops the other branches at once: a Wait in progress is aborted", async () => {
    const r = await runMachine(parallel([slow(), failing]));
    expect(r).toMatchObject({ status: "FAILED", error: "BranchError" });
    expect(r.stopDate - r.startDate).toBe(0);
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
      "WaitStateEntered", "FailStateEntered", "WaitStateAborted", "ParallelStateFailed", "ExecutionFailed",
    ]);
    expect(chainOf(r).slice(5)).toEqual(["6<5 WaitStateAborted", "7<5 ParallelStateFailed", "8<7 ExecutionFailed"]);
  });

  it("a task in progress in another branch is aborted and its late result ignored", async () => {
    let finish: (v: JsonValue) => void = () => {};
    const r = await runMachine(
      parallel([branch({ T: { Type: "Task", Resource: LAMBDA, End: true } }), failing]),
      {},
      { clock: "real", handlers: { [LAMBDA]: () => new Promise<JsonValue>((resolve) => (finish = resolve)) } },
    );
    expect(r).toMatchObject({ status: "FAILED", error: "BranchError" });
    expect(typesOf(r)).toContain("TaskStateAborted");
    const events = r.history!.length;
    finish("too late");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(r.history!.length).toBe(events);
  });

  // Recorded from AWS (conformance: states_variables/test_error_output.py::test_parallel_catch_error
  // [PARALLEL_CATCH_ERROR_OUTPUT]): the failed Task is closed with TaskStateAborted, the Parallel state
  // fails and its catcher takes the branch's error.
  it("a task failing in a branch: TaskFailed, TaskStateAborted, ParallelStateFailed, then the catcher (JSONata)", async () => {
    const cause = JSON.stringify({ errorMessage: "Some exception was raised.", errorType: "Exception" });
    const r = await runMachine(
      {
        QueryLanguage: "JSONata",
        StartAt: "ParallelState",
        States: {
          ParallelState: {
            Type: "Parallel",
            Next: "Finish",
            Branches: [
              branch({
                ExecuteLambdaTask: {
                  Type: "Task", Resource: LAMBDA_INVOKE,
                  Arguments: { FunctionName: LAMBDA, Payload: { foo: "foobar" } },
                  Output: { InnerStateInput: "{% $states.input %}", InnerStateResult: "{% $states.result %}" },
                  End: true,
                },
              }),
            ],
            Catch: [{ ErrorEquals: ["States.ALL"], Output: { stateInput: "{% $states.input %}", stateError: "{% $states.errorOutput %}" }, Next: "Fallback" }],
          },
          Fallback: { Type: "Pass", Output: { result: "{% $states.input %}" }, End: true },
          Finish: { Type: "Pass", Output: { result: "{% $states.input %}" }, End: true },
        },
      },
      { inputData: "dummy" },
      { handlers: { [LAMBDA_INVOKE]: () => { throw { error: "Exception", cause }; } } },
    );
    expect(r).toMatchObject({
      status: "SUCCEEDED",
      output: { result: { stateInput: { inputData: "dummy" }, stateError: { Error: "Exception", Cause: cause } } },
    });
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 ParallelStateEntered", "3<2 ParallelStateStarted",
      "4<3 TaskStateEntered", "5<4 TaskScheduled", "6<5 TaskStarted", "7<6 TaskFailed", "8<7 TaskStateAborted",
      "9<7 ParallelStateFailed", "10<9 ParallelStateExited", "11<10 PassStateEntered", "12<11 PassStateExited", "13<12 ExecutionSucceeded",
    ]);
  });

  it("Catch with ResultPath keeps the input", async () => {
    const r = await runMachine(
      {
        StartAt: "P",
        States: {
          P: { Type: "Parallel", Branches: [failing], Catch: [{ ErrorEquals: ["BranchError"], ResultPath: "$.error", Next: "Recover" }], End: true },
          Recover: { Type: "Pass", End: true },
        },
      },
      { order: 1 },
    );
    expect(r.output).toEqual({ order: 1, error: { Error: "BranchError", Cause: "branch 2 failed" } });
  });

  it("Retry runs all the branches again", async () => {
    let calls = 0;
    const r = await runMachine(
      parallel(
        [
          branch({ T: { Type: "Task", Resource: LAMBDA, End: true } }),
          branch({ B: { Type: "Pass", Result: "b", End: true } }),
        ],
        { Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 3, MaxAttempts: 2 }] },
      ),
      {},
      { handlers: { [LAMBDA]: () => { if (++calls < 3) throw taskError("Flaky", `call ${calls}`); return "a"; } } },
    );
    expect(r).toMatchObject({ status: "SUCCEEDED", output: ["a", "b"] });
    expect(eventsOf(r, "ParallelStateEntered")).toHaveLength(1);
    expect(eventsOf(r, "ParallelStateStarted").map((e) => e.timestamp - T0)).toEqual([0, 3000, 9000]);
    expect(eventsOf(r, "PassStateEntered")).toHaveLength(3);
    expect(eventsOf(r, "ParallelStateFailed")).toHaveLength(0);
  });

  it("Retry gives up with the last error and ParallelStateFailed", async () => {
    const r = await runMachine(parallel([failing], { Retry: [{ ErrorEquals: ["BranchError"], IntervalSeconds: 1, MaxAttempts: 1 }] }));
    expect(r).toMatchObject({ status: "FAILED", error: "BranchError" });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "ParallelStateEntered",
      "ParallelStateStarted", "FailStateEntered",
      "ParallelStateStarted", "FailStateEntered",
      "ParallelStateFailed", "ExecutionFailed",
    ]);
    expect(timesOf(r)[4]).toBe("5 ParallelStateStarted +1000");
  });

  it("a nested Parallel's failure stops the outer branches too", async () => {
    const r = await runMachine(
      parallel([
        slow("W1"),
        branch({ Inner: { Type: "Parallel", Branches: [slow("W2"), failing], End: true } }),
      ]),
    );
    expect(r).toMatchObject({ status: "FAILED", error: "BranchError" });
    expect(r.stopDate - r.startDate).toBe(0);
    expect(eventsOf(r, "WaitStateAborted")).toHaveLength(2);
    expect(eventsOf(r, "WaitStateExited")).toHaveLength(0);
  });
});
