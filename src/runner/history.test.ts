/**
 * Histories compared with what AWS recorded for the same machines (the conformance corpus, recorded
 * against AWS Step Functions; test names are given per case). Payloads are JSON text, as
 * GetExecutionHistory returns them; timestamps are left out.
 */
import { describe, it, expect } from "vitest";
import type { HistoryEvent } from "../history/index.js";
import { runMachine, chainOf, T0 } from "./test-machine.js";

const withoutTimestamps = (events: HistoryEvent[] | undefined) => (events ?? []).map(({ timestamp: _t, ...rest }) => rest);
const payload = { truncated: false };
const context = { executionName: "exec", roleArn: "snf_role_arn" };

describe("history events", () => {
  // base/test_base.py::test_state_pass_result_null_input_output_paths
  it("Pass states with InputPath null and OutputPath null", async () => {
    const r = await runMachine(
      {
        Comment: "BASE_PASS_RESULT_NULL_INPUT_OUTPUT_PATHS",
        StartAt: "State0",
        States: {
          State0: { Type: "Pass", Parameters: { Arg1: "argument1", "FromInput.$": "$" }, Next: "State1" },
          State1: { Type: "Pass", InputPath: null, Parameters: { Arg2: "argument2", "FromInput.$": "$" }, Next: "State2" },
          State2: { Type: "Pass", OutputPath: null, End: true },
        },
      },
      { InputValue: 0 },
      { context },
    );
    expect(withoutTimestamps(r.history)).toEqual([
      { id: 1, previousEventId: 0, type: "ExecutionStarted", executionStartedEventDetails: { input: '{"InputValue":0}', inputDetails: payload, roleArn: "snf_role_arn" } },
      { id: 2, previousEventId: 0, type: "PassStateEntered", stateEnteredEventDetails: { name: "State0", input: '{"InputValue":0}', inputDetails: payload } },
      { id: 3, previousEventId: 2, type: "PassStateExited", stateExitedEventDetails: { name: "State0", output: '{"Arg1":"argument1","FromInput":{"InputValue":0}}', outputDetails: payload } },
      { id: 4, previousEventId: 3, type: "PassStateEntered", stateEnteredEventDetails: { name: "State1", input: '{"Arg1":"argument1","FromInput":{"InputValue":0}}', inputDetails: payload } },
      { id: 5, previousEventId: 4, type: "PassStateExited", stateExitedEventDetails: { name: "State1", output: '{"Arg2":"argument2","FromInput":{}}', outputDetails: payload } },
      { id: 6, previousEventId: 5, type: "PassStateEntered", stateEnteredEventDetails: { name: "State2", input: '{"Arg2":"argument2","FromInput":{}}', inputDetails: payload } },
      { id: 7, previousEventId: 6, type: "PassStateExited", stateExitedEventDetails: { name: "State2", output: "{}", outputDetails: payload } },
      { id: 8, previousEventId: 7, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "{}", outputDetails: payload } },
    ]);
  });

  // context_object/test_context_object.py::test_variable
  it("a Choice state reading the context object", async () => {
    const r = await runMachine(
      {
        Comment: "CONTEXT_OBJECT_VARIABLE",
        StartAt: "TestState",
        States: {
          TestState: { Type: "Choice", Choices: [{ Variable: "$$.Execution.Input.input-value", NumericLessThanEquals: 0, Next: "QuitChoiceMatched" }], Default: "QuitNoChoiceMatched" },
          QuitChoiceMatched: { Type: "Pass", End: true },
          QuitNoChoiceMatched: { Type: "Pass", End: true },
        },
      },
      { "input-value": 0 },
      { context },
    );
    expect(withoutTimestamps(r.history)).toEqual([
      { id: 1, previousEventId: 0, type: "ExecutionStarted", executionStartedEventDetails: { input: '{"input-value":0}', inputDetails: payload, roleArn: "snf_role_arn" } },
      { id: 2, previousEventId: 0, type: "ChoiceStateEntered", stateEnteredEventDetails: { name: "TestState", input: '{"input-value":0}', inputDetails: payload } },
      { id: 3, previousEventId: 2, type: "ChoiceStateExited", stateExitedEventDetails: { name: "TestState", output: '{"input-value":0}', outputDetails: payload } },
      { id: 4, previousEventId: 3, type: "PassStateEntered", stateEnteredEventDetails: { name: "QuitChoiceMatched", input: '{"input-value":0}', inputDetails: payload } },
      { id: 5, previousEventId: 4, type: "PassStateExited", stateExitedEventDetails: { name: "QuitChoiceMatched", output: '{"input-value":0}', outputDetails: payload } },
      { id: 6, previousEventId: 5, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: '{"input-value":0}', outputDetails: payload } },
    ]);
  });

  // scenarios/test_base_scenarios.py::test_map_state_catch
  it("an inline Map whose iteration fails, caught", async () => {
    const r = await runMachine(
      {
        StartAt: "StartState",
        States: {
          StartState: { Type: "Pass", Result: [1], ResultPath: "$.arr", Next: "MapState" },
          MapState: {
            Type: "Map", ResultPath: null, InputPath: "$.arr", MaxConcurrency: 1,
            ItemProcessor: {
              ProcessorConfig: { Mode: "INLINE" },
              StartAt: "HandleItemFail",
              States: { HandleItemFail: { Type: "Fail", Error: "HandleItemFailError", Cause: "HandleItemFailCause" } },
            },
            Catch: [{ ErrorEquals: ["HandleItemFailError"], Next: "FinalCaught" }],
            Next: "Final",
          },
          FinalCaught: { Type: "Pass", End: true },
          Final: { Type: "Pass", End: true },
        },
      },
      {},
      { context },
    );
    const error = '{"Error":"HandleItemFailError","Cause":"HandleItemFailCause"}';
    expect(withoutTimestamps(r.history)).toEqual([
      { id: 1, previousEventId: 0, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", inputDetails: payload, roleArn: "snf_role_arn" } },
      { id: 2, previousEventId: 0, type: "PassStateEntered", stateEnteredEventDetails: { name: "StartState", input: "{}", inputDetails: payload } },
      { id: 3, previousEventId: 2, type: "PassStateExited", stateExitedEventDetails: { name: "StartState", output: '{"arr":[1]}', outputDetails: payload } },
      { id: 4, previousEventId: 3, type: "MapStateEntered", stateEnteredEventDetails: { name: "MapState", input: '{"arr":[1]}', inputDetails: payload } },
      { id: 5, previousEventId: 4, type: "MapStateStarted", mapStateStartedEventDetails: { length: 1 } },
      { id: 6, previousEventId: 5, type: "MapIterationStarted", mapIterationStartedEventDetails: { index: 0, name: "MapState" } },
      { id: 7, previousEventId: 6, type: "FailStateEntered", stateEnteredEventDetails: { name: "HandleItemFail", input: "1", inputDetails: payload } },
      { id: 8, previousEventId: 7, type: "MapIterationFailed", mapIterationFailedEventDetails: { index: 0, name: "MapState" } },
      { id: 9, previousEventId: 7, type: "MapStateFailed" },
      { id: 10, previousEventId: 9, type: "MapStateExited", stateExitedEventDetails: { name: "MapState", output: error, outputDetails: payload } },
      { id: 11, previousEventId: 10, type: "PassStateEntered", stateEnteredEventDetails: { name: "FinalCaught", input: error, inputDetails: payload } },
      { id: 12, previousEventId: 11, type: "PassStateExited", stateExitedEventDetails: { name: "FinalCaught", output: error, outputDetails: payload } },
      { id: 13, previousEventId: 12, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: error, outputDetails: payload } },
    ]);
  });

  // assign/test_assign_base.py::test_base_cases[BASE_SCOPE_MAP]
  it("a Map with MaxConcurrency 1: each iteration starts from the previous one's last event", async () => {
    const r = await runMachine(
      {
        StartAt: "State0",
        States: {
          State0: { Type: "Pass", Assign: { x: 42, items: [1, 2, 3] }, Next: "State1" },
          State1: {
            Type: "Map", ItemsPath: "$items", MaxConcurrency: 1,
            ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Inner", States: { Inner: { Type: "Pass", Assign: { "innerX.$": "$x" }, End: true } } },
            Next: "State2",
          },
          State2: { Type: "Pass", Assign: { "final.$": "$x" }, End: true },
        },
      },
      { input_value: "input_value_literal" },
    );
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 MapStateEntered", "5<4 MapStateStarted",
      "6<5 MapIterationStarted", "7<6 PassStateEntered", "8<7 PassStateExited", "9<8 MapIterationSucceeded",
      "10<8 MapIterationStarted", "11<10 PassStateEntered", "12<11 PassStateExited", "13<12 MapIterationSucceeded",
      "14<12 MapIterationStarted", "15<14 PassStateEntered", "16<15 PassStateExited", "17<16 MapIterationSucceeded",
      "18<17 MapStateSucceeded", "19<17 MapStateExited", "20<19 PassStateEntered", "21<20 PassStateExited", "22<21 ExecutionSucceeded",
    ]);
    const exited = r.history![2]!.stateExitedEventDetails as Record<string, unknown>;
    expect(exited.assignedVariables).toEqual({ x: "42", items: "[1,2,3]" });
    expect(exited.assignedVariablesDetails).toEqual(payload);
    expect(r.history![7]!.stateExitedEventDetails).toMatchObject({ assignedVariables: { innerX: "42" } });
  });

  // scenarios/test_base_scenarios.py::test_map_state_nested
  it("nested Maps", async () => {
    const r = await runMachine(
      {
        StartAt: "MapL1",
        States: {
          MapL1: {
            Type: "Map", MaxConcurrency: 1,
            ItemProcessor: {
              ProcessorConfig: { Mode: "INLINE" },
              StartAt: "MapL2",
              States: {
                MapL2: {
                  Type: "Map", MaxConcurrency: 1,
                  ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "MapL2Pass", States: { MapL2Pass: { Type: "Pass", End: true } } },
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      },
      [[1, 2, 3], [4, 5, 6]],
    );
    expect(r.output).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 MapStateEntered", "3<2 MapStateStarted", "4<3 MapIterationStarted",
      "5<4 MapStateEntered", "6<5 MapStateStarted",
      "7<6 MapIterationStarted", "8<7 PassStateEntered", "9<8 PassStateExited", "10<9 MapIterationSucceeded",
      "11<9 MapIterationStarted", "12<11 PassStateEntered", "13<12 PassStateExited", "14<13 MapIterationSucceeded",
      "15<13 MapIterationStarted", "16<15 PassStateEntered", "17<16 PassStateExited", "18<17 MapIterationSucceeded",
      "19<18 MapStateSucceeded", "20<18 MapStateExited", "21<20 MapIterationSucceeded",
      "22<20 MapIterationStarted", "23<22 MapStateEntered", "24<23 MapStateStarted",
      "25<24 MapIterationStarted", "26<25 PassStateEntered", "27<26 PassStateExited", "28<27 MapIterationSucceeded",
      "29<27 MapIterationStarted", "30<29 PassStateEntered", "31<30 PassStateExited", "32<31 MapIterationSucceeded",
      "33<31 MapIterationStarted", "34<33 PassStateEntered", "35<34 PassStateExited", "36<35 MapIterationSucceeded",
      "37<36 MapStateSucceeded", "38<36 MapStateExited", "39<38 MapIterationSucceeded",
      "40<39 MapStateSucceeded", "41<39 MapStateExited", "42<41 ExecutionSucceeded",
    ]);
  });

  // scenarios/test_base_scenarios.py::test_map_state_retry
  it("a Map retried: each attempt starts from the failed iteration's last event", async () => {
    const r = await runMachine({
      StartAt: "StartState",
      States: {
        StartState: { Type: "Pass", Result: [1], ResultPath: "$.arr", Next: "MapState" },
        MapState: {
          Type: "Map", ResultPath: null, InputPath: "$.arr", MaxConcurrency: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "HandleItemFail",
            States: { HandleItemFail: { Type: "Fail", Error: "HandleItemFailError", Cause: "HandleItemFailCause" } },
          },
          Retry: [{ ErrorEquals: ["HandleItemFailError"], MaxAttempts: 2 }],
          Next: "Final",
        },
        Final: { Type: "Pass", End: true },
      },
    });
    expect(r).toMatchObject({ status: "FAILED", error: "HandleItemFailError", cause: "HandleItemFailCause" });
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 MapStateEntered",
      "5<4 MapStateStarted", "6<5 MapIterationStarted", "7<6 FailStateEntered", "8<7 MapIterationFailed",
      "9<7 MapStateStarted", "10<9 MapIterationStarted", "11<10 FailStateEntered", "12<11 MapIterationFailed",
      "13<11 MapStateStarted", "14<13 MapIterationStarted", "15<14 FailStateEntered", "16<15 MapIterationFailed",
      "17<15 MapStateFailed", "18<17 ExecutionFailed",
    ]);
    // Retry waits: 1 s then 2 s.
    expect(r.stopDate - T0).toBe(3000);
  });

  // scenarios/test_base_scenarios.py::test_map_state_tolerated_failure_values[count_literal]
  it("a distributed Map", async () => {
    const r = await runMachine(
      {
        Comment: "MAP_STATE_TOLERATED_FAILURE_COUNT",
        StartAt: "MapState",
        States: {
          MapState: {
            Type: "Map", InputPath: "$", MaxConcurrency: 1,
            ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "HandleItem", States: { HandleItem: { Type: "Pass", End: true } } },
            ToleratedFailureCount: 10,
            End: true,
          },
        },
      },
      [0],
      { context: { ...context, stateMachineName: "Machine" } },
    );
    const events = withoutTimestamps(r.history);
    expect(events).toEqual([
      { id: 1, previousEventId: 0, type: "ExecutionStarted", executionStartedEventDetails: { input: "[0]", inputDetails: payload, roleArn: "snf_role_arn" } },
      { id: 2, previousEventId: 0, type: "MapStateEntered", stateEnteredEventDetails: { name: "MapState", input: "[0]", inputDetails: payload } },
      { id: 3, previousEventId: 2, type: "MapStateStarted", mapStateStartedEventDetails: { length: 1 } },
      { id: 4, previousEventId: 3, type: "MapRunStarted", mapRunStartedEventDetails: { mapRunArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:mapRun:Machine\/MapState:/) } },
      { id: 5, previousEventId: 4, type: "MapRunSucceeded" },
      { id: 6, previousEventId: 5, type: "MapStateSucceeded" },
      { id: 7, previousEventId: 5, type: "MapStateExited", stateExitedEventDetails: { name: "MapState", output: "[0]", outputDetails: payload } },
      { id: 8, previousEventId: 7, type: "ExecutionSucceeded", executionSucceededEventDetails: { output: "[0]", outputDetails: payload } },
    ]);
  });

  // scenarios/test_base_scenarios.py::test_parallel_state_order (the branch events, which the test
  // sorted, are compared as a set).
  it("a Parallel state", async () => {
    const branch = (n: number) => ({ StartAt: `Branch${n}`, States: { [`Branch${n}`]: { Type: "Pass", Result: { branch: n }, End: true } } });
    const r = await runMachine({
      Comment: "PARALLEL_STATE_ORDER",
      StartAt: "StartState",
      States: { StartState: { Type: "Parallel", Branches: [branch(0), branch(1), branch(2), branch(3)], End: true } },
    });
    const chain = chainOf(r);
    expect(chain.slice(0, 3)).toEqual(["1<0 ExecutionStarted", "2<0 ParallelStateEntered", "3<2 ParallelStateStarted"]);
    expect(chain.slice(3, 12).map((e) => e.replace(/^\d+<\d+ /, "")).sort()).toEqual([
      ...Array(4).fill("PassStateEntered"), ...Array(4).fill("PassStateExited"), "ParallelStateSucceeded",
    ].sort());
    expect(chain.slice(12)).toEqual(["13<11 ParallelStateExited", "14<13 ExecutionSucceeded"]);
    expect(r.output).toEqual([{ branch: 0 }, { branch: 1 }, { branch: 2 }, { branch: 3 }]);
  });

  it("event ids count from 1 with no gaps, and timestamps never go back", async () => {
    const r = await runMachine({
      StartAt: "W",
      States: {
        W: { Type: "Wait", Seconds: 2, Next: "M" },
        M: { Type: "Map", ItemProcessor: { StartAt: "I", States: { I: { Type: "Wait", Seconds: 1, End: true } } }, Next: "P" },
        P: { Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Wait", Seconds: 3, End: true } } }], End: true },
      },
    }, [1, 2]);
    const events = r.history!;
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.timestamp).toBeGreaterThanOrEqual(events[i - 1]!.timestamp);
      expect(events[i]!.previousEventId).toBeLessThan(events[i]!.id);
    }
    expect(r.stopDate - T0).toBe(6000);
  });

  it("history is left out unless asked for", async () => {
    const r = await runMachine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }, {}, { history: false });
    expect(r).not.toHaveProperty("history");
    expect(r.status).toBe("SUCCEEDED");
  });
});
