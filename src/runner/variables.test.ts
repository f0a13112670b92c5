import { describe, it, expect } from "vitest";
import { runMachine, taskError, eventsOf, detailsOf, LAMBDA, LAMBDA_INVOKE, T0 } from "./test-machine.js";

/** The assignedVariables of each StateExited event, by state name. */
function assignments(r: Awaited<ReturnType<typeof runMachine>>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const e of r.history ?? []) {
    if (!e.type.endsWith("StateExited")) continue;
    const d = detailsOf(e) as { name: string; assignedVariables?: Record<string, string> };
    if (d.assignedVariables) out[d.name] = d.assignedVariables;
  }
  return out;
}

describe("Assign (JSONPath)", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
  it("stores values for later states; StateExited lists them as JSON text", async () => {
    const r = await runMachine(
      {
        StartAt: "Set",
        States: {
          Set: { Type: "Pass", Assign: { productName: "product1", count: 42, available: true, tags: ["a"], none: null }, Next: "Use" },
          Use: { Type: "Pass", Parameters: { "name.$": "$productName", "count.$": "$count", "ok.$": "$available", "tags.$": "$tags" }, End: true },
        },
      },
    );
    expect(r.output).toEqual({ name: "product1", count: 42, ok: true, tags: ["a"] });
    const exited = eventsOf(r, "PassStateExited")[0]!;
    expect(detailsOf(exited)).toEqual({
      name: "Set",
      output: "{}",
      outputDetails: { truncated: false },
      assignedVariables: { productName: '"product1"', count: "42", available: "true", tags: '["a"]', none: "null" },
      assignedVariablesDetails: { truncated: false },
    });
    expect(detailsOf(eventsOf(r, "PassStateExited")[1]!)).not.toHaveProperty("assignedVariables");
  });

  // Recorded from AWS (conformance: assign/test_assign_reference_variables.py::test_assign_from_value[BASE_ASSIGN_FROM_RESULT]).
  it(".$ paths read the state's result", async () => {
    const r = await runMachine({
      StartAt: "State0",
      States: { State0: { Type: "Pass", Result: { answer: 42 }, Assign: { "theAnswer.$": "$.answer" }, End: true } },
    });
    expect(r.output).toEqual({ answer: 42 });
    expect(assignments(r)).toEqual({ State0: { theAnswer: "42" } });
  });

  it("on a Task, .$ paths read the result after ResultSelector, and $$ the context object", async () => {
    const r = await runMachine(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task", Resource: LAMBDA,
            ResultSelector: { "total.$": "$.sum" },
            ResultPath: "$.r",
            Assign: { "total.$": "$.total", "state.$": "$$.State.Name", "greeting.$": "States.Format('n={}', $.total)" },
            Next: "Use",
          },
          Use: { Type: "Pass", Parameters: { "t.$": "$total", "s.$": "$state", "g.$": "$greeting" }, End: true },
        },
      },
      {},
      { handlers: { [LAMBDA]: () => ({ sum: 9, noise: true }) } },
    );
    expect(r.output).toEqual({ t: 9, s: "T", g: "n=9" });
  });

  // Recorded from AWS (assign/test_assign_reference_variables.py::test_reference_assign[BASE_REFERENCE_IN_*]).
  it("variables can be read by Parameters, OutputPath, Choice rules, Wait paths and Fail paths", async () => {
    const outputPath = await runMachine({
      StartAt: "State0",
      States: {
        State0: { Type: "Pass", Result: { answer: 42 }, Assign: { "theAnswer.$": "$.answer" }, Next: "State1" },
        State1: { Type: "Pass", OutputPath: "$theAnswer", End: true },
      },
    });
    expect(outputPath.output).toBe(42);

    const choice = await runMachine({
      StartAt: "Setup",
      States: {
        Setup: { Type: "Pass", Assign: { guess: "the_guess", answer: "the_answer" }, Next: "CheckAnswer" },
        CheckAnswer: { Type: "Choice", Choices: [{ Variable: "$guess", StringEqualsPath: "$answer", Next: "CorrectAnswer" }], Default: "WrongAnswer" },
        CorrectAnswer: { Type: "Pass", Result: { state: "CORRECT" }, End: true },
        WrongAnswer: { Type: "Pass", Assign: { "guess.$": "$answer" }, Result: { state: "WRONG" }, Next: "CheckAnswer" },
      },
    });
    expect(choice.output).toEqual({ state: "CORRECT" });
    expect(eventsOf(choice, "ChoiceStateEntered")).toHaveLength(2);

    const wait = await runMachine({
      StartAt: "Start",
      States: {
        Start: { Type: "Pass", Assign: { waitTime: 3, startAt: "2024-01-01T00:01:00Z" }, Next: "WaitSecondsState" },
        WaitSecondsState: { Type: "Wait", SecondsPath: "$waitTime", Next: "WaitUntilState" },
        WaitUntilState: { Type: "Wait", TimestampPath: "$startAt", End: true },
      },
    });
    expect(eventsOf(wait, "WaitStateExited").map((e) => e.timestamp - T0)).toEqual([3000, 60_000]);

    const fail = await runMachine({
      StartAt: "Pass",
      States: {
        Pass: { Type: "Pass", Assign: { errorVar: "Exception", causeVar: "An Exception was encountered" }, Next: "Fail" },
        Fail: { Type: "Fail", CausePath: "$causeVar", ErrorPath: "$errorVar" },
      },
    });
    expect(fail).toMatchObject({ status: "FAILED", error: "Exception", cause: "An Exception was encountered" });
  });

  // Recorded from AWS (BASE_REFERENCE_IN_PARAMETERS): the literal "$result" is not a reference, and a
  // state's own Assign is not visible to its Parameters.
  it("a state's Parameters see the variables as they were before the state", async () => {
    const r = await runMachine({
      StartAt: "State0",
      States: {
        State0: { Type: "Pass", Parameters: { result: "$result" }, Assign: { result: "foobar" }, Next: "State1" },
        State1: { Type: "Pass", ResultPath: "$.result", Parameters: { "result.$": "$result" }, End: true },
      },
    });
    expect(r.output).toEqual({ result: { result: "foobar" } });
  });

  // Recorded from AWS (query_language/test_mixed_query_language.py::test_variable_sampling[JSONATA_ASSIGN_JSONPATH_REF]).
  it("all assignments of a state read the old values", async () => {
    const r = await runMachine({
      StartAt: "First",
      States: {
        First: { Type: "Pass", Assign: { theAnswerVar: 42 }, Next: "Second" },
        Second: { Type: "Pass", Assign: { theAnswerVar: 18, "oldAnswerVar.$": "$theAnswerVar" }, End: true },
      },
    });
    expect(assignments(r).Second).toEqual({ theAnswerVar: "18", oldAnswerVar: "42" });
  });

  it("so two variables can be swapped in one Assign", async () => {
    const r = await runMachine({
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Assign: { x: 1, y: 2 }, Next: "Swap" },
        Swap: { Type: "Pass", Assign: { "x.$": "$y", "y.$": "$x" }, Next: "Show" },
        Show: { Type: "Pass", Parameters: { "x.$": "$x", "y.$": "$y" }, End: true },
      },
    });
    expect(r.output).toEqual({ x: 2, y: 1 });
  });

  it("OutputPath in the assigning state sees the old value", async () => {
    const r = await runMachine({
      StartAt: "Init",
      States: {
        Init: { Type: "Pass", Assign: { v: "old" }, Next: "Update" },
        Update: { Type: "Pass", Assign: { v: "new" }, OutputPath: "$v", Next: "Show" },
        Show: { Type: "Pass", Parameters: { "before.$": "$", "after.$": "$v" }, End: true },
      },
    });
    expect(r.output).toEqual({ before: "old", after: "new" });
  });

  // Recorded from AWS (assign/test_assign_reference_variables.py::test_assign_in_wait_state).
  it("Wait states assign too", async () => {
    const r = await runMachine({ StartAt: "WaitState", States: { WaitState: { Type: "Wait", Seconds: 0, Assign: { foo: "oof" }, End: true } } });
    expect(assignments(r)).toEqual({ WaitState: { foo: '"oof"' } });
  });
});

describe("Assign on Choice rules", () => {
  // Recorded from AWS (assign/test_assign_reference_variables.py::test_assign_in_choice_state[CORRECT]):
  // a rule's Assign applies when the rule matches; the state's Assign when Default is taken.
  const machine = {
    StartAt: "CheckInputState",
    States: {
      CheckInputState: {
        Type: "Choice",
        Choices: [
          { Variable: "$.input_value", IsPresent: false, Assign: { status: "UNKNOWN" }, Next: "FinalState" },
          { Variable: "$.input_value", NumericEquals: 42, Assign: { status: "CORRECT" }, Next: "FinalState" },
        ],
        Assign: { status: "INCORRECT", "guess.$": "$.input_value" },
        Default: "FinalState",
      },
      FinalState: { Type: "Pass", Parameters: { "result.$": "$status" }, End: true },
    },
  };

  it("the matching rule's Assign", async () => {
    const r = await runMachine(machine, { input_value: 42 });
    expect(r.output).toEqual({ result: "CORRECT" });
    expect(assignments(r)).toEqual({ CheckInputState: { status: '"CORRECT"' } });
    expect((await runMachine(machine, {})).output).toEqual({ result: "UNKNOWN" });
  });

  it("the state's Assign when Default is taken", async () => {
    const r = await runMachine(machine, { input_value: "42" });
    expect(r.output).toEqual({ result: "INCORRECT" });
    expect(assignments(r)).toEqual({ CheckInputState: { guess: '"42"', status: '"INCORRECT"' } });
  });

  // Recorded from AWS (assign/test_assign_base.py::test_assign_in_choice[CONDITION_TRUE]).
  it("JSONata rules assign too", async () => {
    const def = {
      QueryLanguage: "JSONata",
      StartAt: "ChoiceState",
      States: {
        ChoiceState: {
          Type: "Choice",
          Choices: [{ Condition: "{% $states.input.condition %}", Next: "ConditionTrue", Assign: { Assignment: "Condition assignment" } }],
          Default: "DefaultState",
          Assign: { Assignment: "Default Assignment" },
        },
        ConditionTrue: { Type: "Pass", Output: "{% $Assignment %}", End: true },
        DefaultState: { Type: "Fail", Cause: "{% $Assignment %}" },
      },
    };
    expect((await runMachine(def, { condition: true })).output).toBe("Condition assignment");
    expect(await runMachine(def, { condition: false })).toMatchObject({ status: "FAILED", cause: "Default Assignment" });
  });
});

describe("Assign on Catch", () => {
  it("JSONPath: the catcher's Assign reads the error output; the state's own Assign does not apply", async () => {
    const r = await runMachine(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task", Resource: LAMBDA, Assign: { outcome: "success" },
            Catch: [{ ErrorEquals: ["States.ALL"], Assign: { "failedWith.$": "$.Error", "why.$": "$.Cause" }, ResultPath: null, Next: "Handle" }],
            End: true,
          },
          Handle: { Type: "Pass", Parameters: { "e.$": "$failedWith", "c.$": "$why", "in.$": "$" }, End: true },
        },
      },
      { orig: true },
      { handlers: { [LAMBDA]: () => { throw taskError("Oops", "bad things"); } } },
    );
    expect(r.output).toEqual({ e: "Oops", c: "bad things", in: { orig: true } });
    expect(assignments(r)).toEqual({ T: { failedWith: '"Oops"', why: '"bad things"' } });
  });

  // Recorded from AWS (states_variables/test_error_output.py::test_catch_error_variable_sampling
  // [TASK_CATCH_ERROR_VARIABLE_SAMPLING]).
  it("JSONata: $states.input and $states.errorOutput in the catcher's Assign", async () => {
    const cause = '{"errorMessage":"Some exception was raised.","errorType":"Exception"}';
    const r = await runMachine(
      {
        QueryLanguage: "JSONata",
        StartAt: "Task",
        States: {
          Task: {
            Type: "Task", Resource: LAMBDA_INVOKE,
            Arguments: { FunctionName: LAMBDA, Payload: { foo: "foobar" } },
            Catch: [{ ErrorEquals: ["States.ALL"], Assign: { inputVar: "{% $states.input %}", errorVar: "{% $states.errorOutput %}" }, Next: "Fallback" }],
            Assign: { inputVar: "{% $states.input %}", resultVar: "{% $states.result %}" },
            Next: "Finish",
          },
          Fallback: { Type: "Pass", Output: { error: "{% $errorVar %}", input: "{% $inputVar %}" }, End: true },
          Finish: { Type: "Pass", Output: { result: "{% $resultVar %}" }, End: true },
        },
      },
      { inputData: "dummy" },
      { handlers: { [LAMBDA_INVOKE]: () => { throw { error: "Exception", cause }; } } },
    );
    expect(r.output).toEqual({ error: { Error: "Exception", Cause: cause }, input: { inputData: "dummy" } });
    expect(assignments(r)).toEqual({
      Task: { errorVar: JSON.stringify({ Error: "Exception", Cause: cause }), inputVar: '{"inputData":"dummy"}' },
    });
  });
});

describe("variable scopes", () => {
  // Recorded from AWS (assign/test_assign_base.py::test_base_parallel_cases[BASE_SCOPE_PARALLEL]).
  it("Parallel branches read outer variables; their assignments stay in the branch", async () => {
    const branch = (name: string) => ({ StartAt: name, States: { [name]: { Type: "Pass", Assign: { "innerX.$": "$x", "value.$": "$" }, End: true } } });
    const r = await runMachine({
      StartAt: "State0",
      States: {
        State0: { Type: "Pass", Assign: { x: 42 }, Next: "State1" },
        State1: { Type: "Parallel", Branches: [branch("Branch1"), branch("Branch21"), branch("Branch31")], Next: "After" },
        After: { Type: "Pass", Parameters: { "x.$": "$x", "innerSeen.$": "States.ArrayLength($)" }, End: true },
      },
    });
    expect(assignments(r)).toEqual({
      State0: { x: "42" },
      Branch1: { innerX: "42", value: "{}" },
      Branch21: { innerX: "42", value: "{}" },
      Branch31: { innerX: "42", value: "{}" },
    });
    expect(r.output).toEqual({ x: 42, innerSeen: 3 });
  });

  it("a branch's assignment is invisible outside it (JSONata $exists)", async () => {
    const r = await runMachine({
      QueryLanguage: "JSONata",
      StartAt: "P",
      States: {
        P: { Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Pass", Assign: { inner: 1 }, End: true } } }], Next: "After" },
        After: { Type: "Pass", Output: "{% $exists($inner) %}", End: true },
      },
    });
    expect(r.output).toBe(false);
  });

  // Recorded from AWS (assign/test_assign_base.py::test_base_cases[BASE_SCOPE_MAP]).
  it("Map iterations read outer variables; each iteration has its own scope", async () => {
    const r = await runMachine({
      StartAt: "State0",
      States: {
        State0: { Type: "Pass", Assign: { x: 42, items: [1, 2, 3] }, Next: "State1" },
        State1: {
          Type: "Map", ItemsPath: "$items", MaxConcurrency: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Inner",
            States: {
              Inner: { Type: "Pass", Assign: { "innerX.$": "$x" }, Next: "Seen" },
              Seen: { Type: "Pass", Parameters: { "item.$": "$", "x.$": "$innerX" }, End: true },
            },
          },
          Next: "State2",
        },
        State2: { Type: "Pass", Assign: { "final.$": "$x" }, End: true },
      },
    });
    expect(r.output).toEqual([{ item: 1, x: 42 }, { item: 2, x: 42 }, { item: 3, x: 42 }]);
    expect(assignments(r).State2).toEqual({ final: "42" });
  });

  it("an iteration does not see what an earlier iteration assigned", async () => {
    const r = await runMachine({
      QueryLanguage: "JSONata",
      StartAt: "M",
      States: {
        M: {
          Type: "Map", Items: [1, 2], MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: "Check",
            States: { Check: { Type: "Pass", Output: "{% $exists($mine) %}", Assign: { mine: "{% $states.input %}" }, End: true } },
          },
          End: true,
        },
      },
    });
    expect(r.output).toEqual([false, false]);
  });

  it("ItemSelector can read variables", async () => {
    const r = await runMachine({
      StartAt: "Set",
      States: {
        Set: { Type: "Pass", Assign: { prefix: "item-" }, Next: "M" },
        M: {
          Type: "Map", ItemsPath: "$.xs",
          ItemSelector: { "label.$": "States.Format('{}{}', $prefix, $$.Map.Item.Value)" },
          ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    }, { xs: ["a", "b"] });
    expect(r.output).toEqual([{ label: "item-a" }, { label: "item-b" }]);
  });

  it("a Map state's own Assign reads the results array", async () => {
    const r = await runMachine({
      StartAt: "M",
      States: {
        M: {
          Type: "Map", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
          Assign: { "count.$": "States.ArrayLength($)" }, ResultPath: null, Next: "Show",
        },
        Show: { Type: "Pass", Parameters: { "n.$": "$count" }, End: true },
      },
    }, [7, 8, 9]);
    expect(r.output).toEqual({ n: 3 });
  });
});
