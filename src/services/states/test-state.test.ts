import { describe, it, expect, afterEach } from "vitest";
import { ACCOUNT, REGION, ROLE, createHarness, type Harness } from "./test-support.js";

let h: Harness;
afterEach(() => h.close());

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Work`;
const LAMBDA = "arn:aws:states:::lambda:invoke";

const test = (definition: unknown, extra: Record<string, unknown> = {}) =>
  h.call("TestState", { definition: JSON.stringify(definition), roleArn: ROLE, ...extra });
const debug = (definition: unknown, extra: Record<string, unknown> = {}) => test(definition, { inspectionLevel: "DEBUG", ...extra });

describe("TestState: data flow", () => {
  it("runs a Pass state and shows each processing step at DEBUG", async () => {
    h = await createHarness();
    const pass = { Type: "Pass", InputPath: "$.payload", Parameters: { "value.$": "$.n", fixed: 1 }, ResultPath: "$.result", OutputPath: "$.result", Next: "After" };
    expect(await debug(pass, { input: '{"payload":{"n":7},"other":true}' })).toEqual({
      output: '{"value":7,"fixed":1}',
      nextState: "After",
      status: "SUCCEEDED",
      inspectionData: {
        input: '{"payload":{"n":7},"other":true}',
        afterInputPath: '{"n":7}',
        afterParameters: '{"value":7,"fixed":1}',
        result: '{"value":7,"fixed":1}',
        afterResultSelector: '{"value":7,"fixed":1}',
        afterResultPath: '{"payload":{"n":7},"other":true,"result":{"value":7,"fixed":1}}',
      },
    });
    // INFO (the default) answers the output, status and next state only.
    expect(await test(pass, { input: '{"payload":{"n":7}}' })).toEqual({ output: '{"value":7,"fixed":1}', nextState: "After", status: "SUCCEEDED" });
  });

  it("runs a Task through the service's handlers, with ResultSelector", async () => {
    h = await createHarness({ handlers: { [FN]: (input) => ({ doubled: (input as { x: number }).x * 2, noise: "…" }) } });
    const task = { Type: "Task", Resource: FN, ResultSelector: { "d.$": "$.doubled" }, ResultPath: "$.out", End: true };
    const out = await debug(task, { input: '{"x":21}' });
    expect(out).toMatchObject({ status: "SUCCEEDED", output: '{"x":21,"out":{"d":42}}' });
    expect(out.nextState).toBeUndefined();
    expect(out.inspectionData).toMatchObject({ result: '{"doubled":42,"noise":"…"}', afterResultSelector: '{"d":42}' });
  });

  it("fails a Task whose resource nothing carries out, as an execution would", async () => {
    h = await createHarness();
    expect(await test({ Type: "Task", Resource: FN, End: true })).toEqual({
      status: "FAILED", error: "States.TaskFailed", cause: `No handler is registered for the resource '${FN}'.`,
    });
  });

  it("times a Task out after its TimeoutSeconds", async () => {
    h = await createHarness({ handlers: { [FN]: () => new Promise(() => undefined) } });
    const pending = test({ Type: "Task", Resource: FN, TimeoutSeconds: 5, End: true });
    await new Promise((r) => setTimeout(r, 5));
    h.clock.advance(5000);
    expect(await pending).toEqual({ status: "FAILED", error: "States.Timeout" });
  });

  it("evaluates JSONata Arguments, Output and Assign over the given variables", async () => {
    h = await createHarness();
    const task = {
      Type: "Task", QueryLanguage: "JSONata", Resource: LAMBDA, Arguments: { FunctionName: FN, Payload: "{% $states.input.n + $base %}" },
      Output: "{% $states.result.Payload * 10 %}", Assign: { last: "{% $states.result.Payload %}" }, Next: "N",
    };
    const out = await debug(task, {
      input: '{"n":2}', variables: '{"base":40}', mock: { result: '{"StatusCode":200,"Payload":42}' },
    });
    expect(out).toMatchObject({ status: "SUCCEEDED", output: "420", nextState: "N" });
    expect(out.inspectionData).toEqual({
      input: '{"n":2}', afterArguments: `{"FunctionName":"${FN}","Payload":42}`, result: '{"StatusCode":200,"Payload":42}', variables: '{"base":40,"last":42}',
    });
  });

  it("names a single state TestState (or TestState2 when it goes to a state of that name), and gives callbacks a token", async () => {
    h = await createHarness();
    const pass = { Type: "Pass", Parameters: { "me.$": "$$.State.Name" }, Next: "TestState" };
    expect(await test(pass)).toEqual({ status: "SUCCEEDED", output: '{"me":"TestState2"}', nextState: "TestState" });
    const callback = { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { "token.$": "$$.Task.Token" }, End: true };
    const out = await debug(callback, { mock: { result: '{"approved":true}' } });
    expect(out).toMatchObject({ status: "SUCCEEDED", output: '{"approved":true}' });
    expect(JSON.parse((out.inspectionData as Record<string, string>).afterParameters!).token).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads the context object, which a mocked test may set", async () => {
    h = await createHarness();
    const task = { Type: "Task", Resource: FN, Parameters: { "name.$": "$$.Execution.Name", "state.$": "$$.State.Name", "retry.$": "$$.State.RetryCount" }, End: true };
    const out = await debug(task, { mock: { result: "{}" }, context: '{"Execution":{"Name":"mine"}}', stateConfiguration: { retrierRetryCount: 2 } });
    expect(JSON.parse((out.inspectionData as Record<string, string>).afterParameters!)).toEqual({ name: "mine", state: "TestState", retry: 2 });
  });
});

describe("TestState: errors, Retry and Catch", () => {
  const retrying = {
    Type: "Task", Resource: LAMBDA, Parameters: { FunctionName: FN },
    Retry: [{ ErrorEquals: ["Other"], MaxAttempts: 1 }, { ErrorEquals: ["Lambda.ServiceException"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
    Catch: [{ ErrorEquals: ["Nope"], Next: "X" }, { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Recover" }],
    End: true,
  };
  const mock = { errorOutput: { error: "Lambda.ServiceException", cause: "down" } };

  it("answers RETRIABLE while the matching Retrier has attempts left, with its back-off", async () => {
    h = await createHarness();
    expect(await debug(retrying, { mock })).toEqual({
      status: "RETRIABLE", error: "Lambda.ServiceException", cause: "down",
      inspectionData: { input: "{}", afterInputPath: "{}", afterParameters: `{"FunctionName":"${FN}"}`, errorDetails: { retryIndex: 1, retryBackoffIntervalSeconds: 2 } },
    });
    const third = await debug(retrying, { mock, stateConfiguration: { retrierRetryCount: 2 } });
    expect(third).toMatchObject({ status: "RETRIABLE", inspectionData: { errorDetails: { retryIndex: 1, retryBackoffIntervalSeconds: 8 } } });
  });

  it("answers CAUGHT_ERROR once retries are spent, with the Catcher's output and next state", async () => {
    h = await createHarness();
    const out = await debug(retrying, { mock, input: '{"a":1}', stateConfiguration: { retrierRetryCount: 3 } });
    expect(out).toMatchObject({
      status: "CAUGHT_ERROR", error: "Lambda.ServiceException", cause: "down", nextState: "Recover",
      output: '{"a":1,"error":{"Error":"Lambda.ServiceException","Cause":"down"}}',
      inspectionData: { errorDetails: { catchIndex: 1 } },
    });
  });

  it("answers FAILED when nothing handles the error, and for Fail states", async () => {
    h = await createHarness();
    const { Retry: _r, Catch: _c, ...plain } = retrying;
    expect(await test(plain, { mock })).toEqual({ status: "FAILED", error: "Lambda.ServiceException", cause: "down" });
    expect(await test({ Type: "Fail", Error: "Custom", Cause: "because" })).toEqual({ status: "FAILED", error: "Custom", cause: "because" });
    const bad = await test({ Type: "Pass", InputPath: "$.missing", End: true });
    expect(bad).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(bad.cause).toMatch(/^An error occurred while executing the state 'TestState' \(entered at the event id #2\)\. Invalid path '\$\.missing'/);
  });

  it("takes Choice rules, the Default, or fails with States.NoChoiceMatched", async () => {
    h = await createHarness();
    const choice = { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: 10, Next: "Big" }], Default: "Small" };
    expect(await test(choice, { input: '{"n":11}' })).toEqual({ status: "SUCCEEDED", output: '{"n":11}', nextState: "Big" });
    expect(await test(choice, { input: '{"n":1}' })).toEqual({ status: "SUCCEEDED", output: '{"n":1}', nextState: "Small" });
    const { Default: _d, ...strict } = choice;
    expect(await test(strict, { input: '{"n":1}' })).toMatchObject({ status: "FAILED", error: "States.NoChoiceMatched" });
  });

  it("works out a Wait's time without waiting", async () => {
    h = await createHarness();
    const wait = { Type: "Wait", SecondsPath: "$.s", Next: "Later" };
    expect(await test(wait, { input: '{"s":3600}' })).toEqual({ status: "SUCCEEDED", output: '{"s":3600}', nextState: "Later" });
    expect(await test(wait, { input: '{"s":"x"}' })).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });
});

describe("TestState: Map and Parallel (mocked), and states of a whole machine", () => {
  const map = {
    Type: "Map", ItemsPath: "$.items", ItemSelector: { "v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index" }, MaxConcurrency: 2,
    ToleratedFailureCount: 1, ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
    Catch: [{ ErrorEquals: ["States.ExceedToleratedFailureThreshold"], Next: "TooMany" }], End: true,
  };

  it("shows the items, their selected inputs and the limits; the mock is the Map's result", async () => {
    h = await createHarness();
    const out = await debug(map, { input: '{"items":["a","b"]}', mock: { result: '["A","B"]' } });
    expect(out).toMatchObject({ status: "SUCCEEDED", output: '["A","B"]' });
    expect(out.inspectionData).toMatchObject({
      afterItemsPath: '["a","b"]', afterItemSelector: '[{"v":"a","i":0},{"v":"b","i":1}]', maxConcurrency: 2, toleratedFailureCount: 1,
    });
  });

  it("fails the Map when mapIterationFailureCount exceeds the tolerated failures", async () => {
    h = await createHarness();
    const extra = { input: '{"items":[1,2,3]}', mock: { result: "[]" } };
    expect(await test(map, { ...extra, stateConfiguration: { mapIterationFailureCount: 1 } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await test(map, { ...extra, stateConfiguration: { mapIterationFailureCount: 2 } })).toMatchObject({
      status: "CAUGHT_ERROR", error: "States.ExceedToleratedFailureThreshold", nextState: "TooMany",
    });
  });

  it("tests a state picked by stateName, even one inside a Parallel branch", async () => {
    h = await createHarness();
    const machine = {
      StartAt: "Par",
      States: {
        Par: { Type: "Parallel", End: true, Branches: [{ StartAt: "Inner", States: { Inner: { Type: "Pass", Result: { ok: 1 }, Next: "Last" }, Last: { Type: "Succeed" } } }] },
      },
    };
    expect(await test(machine, { stateName: "Inner" })).toEqual({ status: "SUCCEEDED", output: '{"ok":1}', nextState: "Last" });
    expect(await test(machine, { stateName: "Par", mock: { result: "[1]" } })).toEqual({ status: "SUCCEEDED", output: "[1]" });
    await expect(test(machine, { stateName: "Nope" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test(machine)).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test({ Type: "Pass", End: true }, { stateName: "Inner" })).rejects.toMatchObject({ code: "ValidationException" });
  });
});

describe("TestState: validation", () => {
  it("refuses a mock for states that do not invoke anything, and needs one for Map, Parallel, activities and callbacks", async () => {
    h = await createHarness();
    await expect(test({ Type: "Pass", End: true }, { mock: { result: "{}" } })).rejects.toMatchObject({
      code: "ValidationException", message: "State type 'Pass' is not supported when a mock is specified",
    });
    const activity = `arn:aws:states:${REGION}:${ACCOUNT}:activity:a`;
    for (const state of [
      { Type: "Map", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true },
      { Type: "Parallel", Branches: [{ StartAt: "P", States: { P: { Type: "Pass", End: true } } }], End: true },
      { Type: "Task", Resource: activity, End: true },
      { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", Parameters: { FunctionName: FN }, End: true },
    ]) {
      await expect(test(state)).rejects.toMatchObject({ code: "ValidationException", message: expect.stringContaining("only when a mock is specified") });
    }
    expect(await test({ Type: "Task", Resource: activity, End: true }, { mock: { result: '{"done":true}' } })).toMatchObject({ status: "SUCCEEDED" });
  });

  it("checks mocked results against the integration's response shape, as fieldValidationMode says", async () => {
    h = await createHarness();
    const lambda = { Type: "Task", Resource: LAMBDA, Parameters: { FunctionName: FN }, End: true };
    await expect(test(lambda, { mock: { result: '{"StatusCode":200,"Bogus":1}' } })).rejects.toMatchObject({
      code: "ValidationException", message: expect.stringContaining("'Bogus' is not a field of the response"),
    });
    await expect(test(lambda, { mock: { result: '{"StatusCode":"200"}', fieldValidationMode: "PRESENT" } })).rejects.toMatchObject({
      message: expect.stringContaining("'StatusCode' must be an integer"),
    });
    expect(await test(lambda, { mock: { result: '{"Bogus":1}', fieldValidationMode: "NONE" } })).toMatchObject({ status: "SUCCEEDED", output: '{"Bogus":1}' });
    const start = { Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: "x" }, End: true };
    await expect(test(start, { mock: { result: '{"ExecutionArn":"a"}' } })).rejects.toMatchObject({ message: expect.stringContaining("required field 'StartDate'") });
    expect(await test(start, { mock: { result: '{"ExecutionArn":"a"}', fieldValidationMode: "PRESENT" } })).toMatchObject({ status: "SUCCEEDED" });
  });

  it("answers InvalidDefinition, InvalidExecutionInput and ValidationException as AWS", async () => {
    h = await createHarness();
    await expect(h.call("TestState", { definition: "{nope", roleArn: ROLE })).rejects.toMatchObject({
      code: "InvalidDefinition", message: expect.stringMatching(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/),
    });
    await expect(test({ Type: "Task", End: true })).rejects.toMatchObject({ code: "InvalidDefinition", message: expect.stringContaining("at /") });
    await expect(test({ Type: "Pass", End: true }, { input: "{bad" })).rejects.toMatchObject({ code: "InvalidExecutionInput" });
    await expect(h.call("TestState", { definition: '{"Type":"Pass","End":true}' })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test({ Type: "Pass", End: true }, { context: "{}" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test({ Type: "Pass", End: true }, { variables: "[1]" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test({ Type: "Pass", End: true }, { inspectionLevel: "LOUD" })).rejects.toMatchObject({ code: "ValidationException" });
    const task = { Type: "Task", Resource: FN, End: true };
    await expect(test(task, { mock: { result: "{}", errorOutput: { error: "E" } } })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test(task, { mock: { errorOutput: { cause: "c" } } })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test(task, { mock: { result: "{x" } })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test(task, { mock: { result: "{}" }, stateConfiguration: { mapIterationFailureCount: 1 } })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(test({ Type: "Pass", End: true }, { roleArn: "arn:aws:iam::123456789012:user/x" })).rejects.toMatchObject({ code: "InvalidArn" });
    // Without a role, a mocked test still runs (AWS: the role is optional when a mock is given).
    expect(await h.call("TestState", { definition: JSON.stringify(task), mock: { result: '"r"' } })).toMatchObject({ status: "SUCCEEDED", output: '"r"' });
  });
});
