import { describe, it, expect } from "vitest";
import type { TaskRequest } from "./types.js";
import {
  runMachine, taskError, typesOf, chainOf, eventsOf, detailsOf, instantClock, never, sequenceRandom, LAMBDA, LAMBDA_INVOKE, T0,
} from "./test-machine.js";

const jsonata = (states: Record<string, unknown>, startAt = Object.keys(states)[0]!) => ({ QueryLanguage: "JSONata", StartAt: startAt, States: states });

describe("QueryLanguage", () => {
  it("top-level JSONata applies to every state", async () => {
    const r = await runMachine(jsonata({ P: { Type: "Pass", Output: "{% $states.input.a + 1 %}", End: true } }), { a: 1 });
    expect(r.output).toBe(2);
  });

  // Recorded from AWS (query_language/test_mixed_query_language.py::test_output_to_state[JSONATA_OUTPUT_TO_JSONPATH]).
  it("a state can override the machine's language; data flows between JSONata and JSONPath states", async () => {
    const r = await runMachine(
      {
        StartAt: "JSONataState",
        States: {
          JSONataState: { QueryLanguage: "JSONata", Type: "Pass", Output: { foo: "foobar", bar: "{% $states.input %}" }, Next: "JSONPathState" },
          JSONPathState: { QueryLanguage: "JSONPath", Type: "Pass", Parameters: { "bar.$": "$.bar" }, End: true },
        },
      },
      { input_data: "test" },
    );
    expect(r.output).toEqual({ bar: { input_data: "test" } });
  });

  it("in a JSONPath state, {% %} strings are plain text", async () => {
    const r = await runMachine({ StartAt: "P", States: { P: { Type: "Pass", Result: "{% 1 + 1 %}", End: true } } });
    expect(r.output).toBe("{% 1 + 1 %}");
  });
});

describe("$states", () => {
  it("$states.input and $states.context in Output", async () => {
    const r = await runMachine(
      jsonata({ P: { Type: "Pass", Output: { in: "{% $states.input.v %}", state: "{% $states.context.State.Name %}", exec: "{% $states.context.Execution.Name %}" }, End: true } }),
      { v: 5 },
      { context: { executionName: "e-1" } },
    );
    expect(r.output).toEqual({ in: 5, state: "P", exec: "e-1" });
  });

  it("Task: Arguments build the task input; $states.result is its result; Output shapes the state output", async () => {
    const seen: TaskRequest[] = [];
    const r = await runMachine(
      jsonata({
        T: {
          Type: "Task", Resource: LAMBDA_INVOKE,
          Arguments: { FunctionName: LAMBDA, Payload: { n: "{% $states.input.n * 2 %}" } },
          Output: { doubled: "{% $states.result.Payload %}", original: "{% $states.input.n %}" },
          End: true,
        },
      }),
      { n: 21 },
      { handlers: { [LAMBDA_INVOKE]: (input, req) => (seen.push(req), { Payload: (input as { Payload: { n: number } }).Payload.n }) } },
    );
    expect(seen[0]!.input).toEqual({ FunctionName: LAMBDA, Payload: { n: 42 } });
    expect(r.output).toEqual({ doubled: 42, original: 21 });
  });

  it("without Output a Task's output is its result; a Pass's is its input", async () => {
    const r = await runMachine(
      jsonata({ T: { Type: "Task", Resource: LAMBDA, Next: "P" }, P: { Type: "Pass", End: true } }),
      { x: 1 },
      { handlers: { [LAMBDA]: () => ({ result: true }) } },
    );
    expect(r.output).toEqual({ result: true });
  });

  it("Catch: $states.errorOutput in the catcher's Output (the state input stays reachable)", async () => {
    const r = await runMachine(
      jsonata({
        T: {
          Type: "Task", Resource: LAMBDA,
          Catch: [{ ErrorEquals: ["States.ALL"], Output: { error: "{% $states.errorOutput.Error %}", was: "{% $states.input %}" }, Next: "Done" }],
          End: true,
        },
        Done: { Type: "Succeed" },
      }),
      { id: 1 },
      { handlers: { [LAMBDA]: () => { throw taskError("Nope", "x"); } } },
    );
    expect(r.output).toEqual({ error: "Nope", was: { id: 1 } });
  });

  it("Catch without Output passes the error output on", async () => {
    const r = await runMachine(
      jsonata({ T: { Type: "Task", Resource: LAMBDA, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }], End: true }, Done: { Type: "Succeed" } }),
      {},
      { handlers: { [LAMBDA]: () => { throw taskError("Nope", "x"); } } },
    );
    expect(r.output).toEqual({ Error: "Nope", Cause: "x" });
  });
});

describe("Assign and Output read the old variable values", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
  it("Output in the assigning state sees the old value; the next state the new one", async () => {
    const r = await runMachine(jsonata({
      Init: { Type: "Pass", Assign: { x: 1 }, Next: "Update" },
      Update: { Type: "Pass", Assign: { x: "{% $x + 1 %}" }, Output: "{% $x %}", Next: "Show" },
      Show: { Type: "Pass", Output: { before: "{% $states.input %}", after: "{% $x %}" }, End: true },
    }));
    expect(r.output).toEqual({ before: 1, after: 2 });
  });

  it("assignments in one Assign do not see each other (a swap)", async () => {
    const r = await runMachine(jsonata({
      Init: { Type: "Pass", Assign: { x: "a", y: "b" }, Next: "Swap" },
      Swap: { Type: "Pass", Assign: { x: "{% $y %}", y: "{% $x %}" }, Next: "Show" },
      Show: { Type: "Pass", Output: "{% [$x, $y] %}", End: true },
    }));
    expect(r.output).toEqual(["b", "a"]);
  });

  it("Assign on a Task reads $states.result", async () => {
    const r = await runMachine(
      jsonata({
        T: { Type: "Task", Resource: LAMBDA, Assign: { total: "{% $sum($states.result) %}" }, Output: "{% $states.input %}", Next: "Show" },
        Show: { Type: "Pass", Output: { total: "{% $total %}", input: "{% $states.input %}" }, End: true },
      }),
      { keep: 1 },
      { handlers: { [LAMBDA]: () => [1, 2, 3] } },
    );
    expect(r.output).toEqual({ total: 6, input: { keep: 1 } });
  });
});

describe("Choice Condition", () => {
  // Recorded from AWS (scenarios/test_base_scenarios.py::test_choice_aws_docs_scenario[CHOICE_STATE_AWS_SCENARIO_JSONATA]).
  const machine = {
    StartAt: "ChoiceStateX",
    States: {
      ChoiceStateX: {
        Type: "Choice", QueryLanguage: "JSONata",
        Choices: [
          { Condition: "{% $not($states.input.type = 'Private') %}", Next: "Public" },
          { Condition: "{% $states.input.value = 0 %}", Next: "ValueIsZero" },
          { Condition: "{% $states.input.value >= 20 and $states.input.value < 30 %}", Next: "ValueInTwenties" },
        ],
        Default: "DefaultState",
      },
      Public: { Type: "Pass", Result: "Public", End: true },
      ValueIsZero: { Type: "Pass", Result: "ValueIsZero", End: true },
      ValueInTwenties: { Type: "Pass", Result: "ValueInTwenties", End: true },
      DefaultState: { Type: "Fail", Cause: "No Matches!" },
    },
  };

  it("takes the first rule whose Condition is true", async () => {
    expect((await runMachine(machine, { type: "Private", value: 22 })).output).toBe("ValueInTwenties");
    expect((await runMachine(machine, { type: "Public", value: 22 })).output).toBe("Public");
    expect(await runMachine(machine, { type: "Private", value: 99 })).toMatchObject({ status: "FAILED", cause: "No Matches!" });
  });

  it("a Condition can be a literal boolean", async () => {
    const r = await runMachine(jsonata({
      C: { Type: "Choice", Choices: [{ Condition: true, Next: "Yes" }], Default: "No" },
      Yes: { Type: "Pass", Output: "yes", End: true },
      No: { Type: "Pass", Output: "no", End: true },
    }));
    expect(r.output).toBe("yes");
  });

  it("a Condition that is not a boolean is States.QueryEvaluationError", async () => {
    const r = await runMachine(jsonata({
      C: { Type: "Choice", Choices: [{ Condition: "{% $states.input.v %}", Next: "Yes" }], Default: "Yes" },
      Yes: { Type: "Succeed" },
    }), { v: "text" });
    expect(r).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(r.cause).toContain("Expected 'boolean', but was 'string'");
  });

  it("a rule's Output replaces the state's output", async () => {
    const r = await runMachine(jsonata({
      C: { Type: "Choice", Choices: [{ Condition: "{% true %}", Output: { chosen: "{% $states.input.v %}" }, Next: "Done" }] },
      Done: { Type: "Succeed" },
    }), { v: 3 });
    expect(r.output).toEqual({ chosen: 3 });
  });
});

describe("{% %} in numeric and text fields", () => {
  it("Wait Seconds and Timestamp", async () => {
    const seconds = await runMachine(jsonata({ W: { Type: "Wait", Seconds: "{% $states.input.s * 2 %}", End: true } }), { s: 5 });
    expect(seconds.stopDate - seconds.startDate).toBe(10_000);
    const ts = await runMachine(jsonata({ W: { Type: "Wait", Timestamp: "{% $states.input.at %}", End: true } }), { at: "2024-01-01T00:00:20Z" });
    expect(ts.stopDate - ts.startDate).toBe(20_000);
  });

  // Recorded from AWS (scenarios/test_base_scenarios.py::test_wait_timestamp_jsonata[NO_T]).
  it("a Timestamp that is not an ISO-8601 date-time is States.QueryEvaluationError with an EvaluationFailed event", async () => {
    const r = await runMachine(
      jsonata({ WaitState: { Type: "Wait", Timestamp: "{% $states.input.TimestampValue %}", Next: "Done" }, Done: { Type: "Succeed" } }),
      { TimestampValue: "2016-12-05 21:29:29Z" },
    );
    const cause =
      "An error occurred while executing the state 'WaitState' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z";
    expect(r).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause });
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 WaitStateEntered", "3<2 EvaluationFailed", "4<3 ExecutionFailed"]);
    expect(detailsOf(eventsOf(r, "EvaluationFailed")[0]!)).toEqual({ error: "States.QueryEvaluationError", cause, location: "Timestamp", state: "WaitState" });
  });

  it("Task TimeoutSeconds and HeartbeatSeconds", async () => {
    const requests: TaskRequest[] = [];
    const r = await runMachine(
      jsonata({ T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: "{% $states.input.t %}", HeartbeatSeconds: "{% $states.input.h %}", End: true } }),
      { t: 3, h: 1 },
      { clock: instantClock(), handlers: { [LAMBDA]: (_i, req) => (requests.push(req), never()) } },
    );
    expect(requests[0]).toMatchObject({ timeoutSeconds: 3, heartbeatSeconds: 1 });
    expect(r).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(r.stopDate - r.startDate).toBe(3000);
  });

  it("Map MaxConcurrency", async () => {
    const r = await runMachine(
      jsonata({
        M: {
          Type: "Map", Items: "{% $states.input.xs %}", MaxConcurrency: "{% $states.input.limit %}",
          ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 10, End: true } } },
          End: true,
        },
      }),
      { xs: [1, 2, 3, 4], limit: 2 },
    );
    expect(r.output).toEqual([1, 2, 3, 4]);
    expect(r.stopDate - r.startDate).toBe(20_000);
  });

  it("Map ToleratedFailureCount and ToleratedFailurePercentage", async () => {
    const processor = {
      ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Condition: "{% $states.input > 1 %}", Next: "F" }], Default: "P" },
        F: { Type: "Fail", Error: "Big" },
        P: { Type: "Pass", End: true },
      },
    };
    const map = (fields: Record<string, unknown>) => jsonata({ M: { Type: "Map", Items: [1, 2, 3], ItemProcessor: processor, ...fields, End: true } });
    expect((await runMachine(map({ ToleratedFailureCount: "{% 2 %}" }))).status).toBe("SUCCEEDED");
    expect(await runMachine(map({ ToleratedFailureCount: "{% 1 %}" }))).toMatchObject({ error: "States.ExceedToleratedFailureThreshold" });
    expect((await runMachine(map({ ToleratedFailurePercentage: "{% 70 %}" }))).status).toBe("SUCCEEDED");
    expect(await runMachine(map({ ToleratedFailurePercentage: "{% 50 %}" }))).toMatchObject({ error: "States.ExceedToleratedFailureThreshold" });
  });

  // Recorded from AWS (scenarios/test_base_scenarios.py::test_fail_error_jsonata / test_fail_cause_jsonata).
  it("Fail Error and Cause", async () => {
    const error = await runMachine(jsonata({ FailState: { Type: "Fail", Error: "{% $states.input.error %}" } }), { error: "Exception" });
    expect(error).toMatchObject({ status: "FAILED", error: "Exception" });
    expect(error).not.toHaveProperty("cause");
    const cause = await runMachine(jsonata({ FailState: { Type: "Fail", Cause: "{% $states.input.cause %}" } }), { cause: "This failed to due an Exception." });
    expect(cause).toMatchObject({ status: "FAILED", cause: "This failed to due an Exception." });
    expect(cause).not.toHaveProperty("error");
  });
});

describe("Map with JSONata", () => {
  it("Items (literal array or expression) and ItemSelector with $states.context.Map.Item", async () => {
    const r = await runMachine(
      jsonata({
        M: {
          Type: "Map",
          Items: "{% $states.input.orders %}",
          ItemSelector: { id: "{% $states.context.Map.Item.Value.id %}", at: "{% $states.context.Map.Item.Index %}", shop: "{% $states.input.shop %}" },
          ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
          Output: "{% $states.result.id %}",
          End: true,
        },
      }),
      { shop: "s1", orders: [{ id: "a" }, { id: "b" }] },
    );
    expect(r.output).toEqual(["a", "b"]);
    const literal = await runMachine(jsonata({ M: { Type: "Map", Items: [1, 2], ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true } }));
    expect(literal.output).toEqual([1, 2]);
  });

  // Recorded from AWS (scenarios/test_base_scenarios.py::test_map_state_items_eval_jsonata_fail[number]).
  it("Items that are not an array: States.QueryEvaluationError, EvaluationFailed, MapStateFailed", async () => {
    const r = await runMachine({
      Comment: "MAP_STATE_ITEMS_LITERAL",
      QueryLanguage: "JSONata",
      StartAt: "MapIterateState",
      States: {
        MapIterateState: {
          Type: "Map", MaxConcurrency: 1, Items: "{% 1 %}",
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Pass", States: { Pass: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    });
    const cause =
      "An error occurred while executing the state 'MapIterateState' (entered at the event id #2). The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1";
    expect(r).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause });
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 MapStateEntered", "3<0 EvaluationFailed", "4<3 MapStateFailed", "5<4 ExecutionFailed"]);
    expect(detailsOf(eventsOf(r, "EvaluationFailed")[0]!)).toEqual({ error: "States.QueryEvaluationError", cause, location: "Items", state: "MapIterateState" });
  });
});

describe("States.QueryEvaluationError", () => {
  // Recorded from AWS (assign/test_assign_reference_variables.py::test_undefined_reference[BASE_UNDEFINED_OUTPUT]).
  it("an expression that returns nothing fails with an EvaluationFailed event naming the field", async () => {
    const r = await runMachine({
      Comment: "BASE_UNDEFINED_OUTPUT",
      StartAt: "State0",
      QueryLanguage: "JSONata",
      States: { State0: { Type: "Pass", Output: "{% $doesNotExist %}", End: true } },
    });
    const cause =
      "An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).";
    expect(r).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause });
    expect(chainOf(r)).toEqual(["1<0 ExecutionStarted", "2<0 PassStateEntered", "3<0 EvaluationFailed", "4<3 ExecutionFailed"]);
    expect(detailsOf(eventsOf(r, "EvaluationFailed")[0]!)).toEqual({ error: "States.QueryEvaluationError", cause, location: "Output", state: "State0" });
  });

  // Recorded from AWS (test_undefined_reference[BASE_UNDEFINED_ASSIGN] and [BASE_UNDEFINED_ARGUMENTS_FIELD]).
  it("the location names the field inside Assign or Arguments", async () => {
    const assign = await runMachine(jsonata({ State0: { Type: "Pass", Assign: { result: "{% $doesNotExist %}" }, End: true } }));
    expect(detailsOf(eventsOf(assign, "EvaluationFailed")[0]!)).toMatchObject({ location: "Assign/result" });
    expect(assign.cause).toContain("specified for the field 'Assign/result' returned nothing (undefined).");

    const args = await runMachine(
      jsonata({ State0: { Type: "Task", Resource: LAMBDA_INVOKE, Arguments: { FunctionName: "{% $doesNotExist %}", Payload: {} }, End: true } }),
      {},
      { handlers: { [LAMBDA_INVOKE]: () => "never called" } },
    );
    expect(args.error).toBe("States.QueryEvaluationError");
    expect(chainOf(args)).toEqual(["1<0 ExecutionStarted", "2<0 TaskStateEntered", "3<0 EvaluationFailed", "4<3 ExecutionFailed"]);
    expect(detailsOf(eventsOf(args, "EvaluationFailed")[0]!)).toMatchObject({ location: "Arguments/FunctionName", state: "State0" });
  });

  it("after a Pass state the EvaluationFailed event follows the previous state's exit", async () => {
    const r = await runMachine(jsonata({
      Start: { Type: "Pass", Next: "Bad" },
      Bad: { Type: "Pass", Output: "{% $nothing %}", End: true },
    }));
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 PassStateEntered", "3<2 PassStateExited", "4<3 PassStateEntered", "5<3 EvaluationFailed", "6<5 ExecutionFailed",
    ]);
  });

  it("can be caught on a Task (Output evaluated after the result)", async () => {
    const r = await runMachine(
      jsonata({
        T: { Type: "Task", Resource: LAMBDA, Output: "{% $states.result.missing %}", Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Next: "C" }], End: true },
        C: { Type: "Pass", End: true },
      }),
      {},
      { handlers: { [LAMBDA]: () => ({}) } },
    );
    expect(r.status).toBe("SUCCEEDED");
    expect(r.output).toMatchObject({ Error: "States.QueryEvaluationError" });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
      "EvaluationFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
  });

  it("a runtime JSONata error (wrong types) is a QueryEvaluationError too", async () => {
    const r = await runMachine(jsonata({ P: { Type: "Pass", Output: "{% $states.input.a + 'x' %}", End: true } }), { a: 1 });
    expect(r).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
  });
});

describe("JSONata functions with injected randomness", () => {
  it("$uuid() comes from the run's random source", async () => {
    const r = await runMachine(jsonata({ P: { Type: "Pass", Output: "{% $uuid() %}", End: true } }), {}, { random: sequenceRandom() });
    // The first UUID named the execution.
    expect(r.output).toBe("00000000-0000-4000-8000-000000000002");
  });

  it("$now() is the virtual clock's time", async () => {
    const r = await runMachine(jsonata({
      W: { Type: "Wait", Seconds: 60, Next: "P" },
      P: { Type: "Pass", Output: "{% $now() %}", End: true },
    }));
    expect(r.output).toBe(new Date(T0 + 60_000).toISOString());
  });
});
