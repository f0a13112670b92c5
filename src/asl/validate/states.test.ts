import { describe, expect, it } from "vitest";
import { err, errorsOf, machine, schema, single } from "./test-support.js";

describe("a state's Type and fields", () => {
  it("requires a Type of the eight", () => {
    expect(errorsOf(machine({ S: { End: true } }))).toEqual([schema("These fields are required: [Type]", "/States/S")]);
    expect(errorsOf(single({ Type: "Sleep" }))).toEqual([
      schema("Value should be one of the following: [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]", "/States/S/Type"),
    ]);
    expect(errorsOf(single({ Type: 3 }))).toEqual([schema("Expected value of type [STRING]", "/States/S/Type")]);
  });

  it("wants a state to be an object", () => {
    expect(errorsOf(machine({ S: "Pass" }))).toContainEqual(schema("Expected value of type [OBJECT]", "/States/S"));
  });

  it("rejects a field the type does not take, at the state (measured AWS wording)", () => {
    expect(errorsOf(single({ Type: "Pass", Foo: 1 }))).toEqual([schema("Field 'Foo' is not supported", "/States/S")]);
    expect(errorsOf(single({ Type: "Pass", TimeoutSeconds: 5 }))).toEqual([schema("Field 'TimeoutSeconds' is not supported", "/States/S")]);
    expect(errorsOf(single({ Type: "Wait", Seconds: 1, Retry: [{ ErrorEquals: ["States.ALL"] }] }))).toEqual([
      schema("Field 'Retry' is not supported", "/States/S"),
    ]);
    expect(errorsOf(machine({ S: { Type: "Succeed", Next: "S" } }))).toEqual([schema("Field 'Next' is not supported", "/States/S")]);
    expect(errorsOf(machine({ S: { Type: "Fail", End: true } }))).toEqual([schema("Field 'End' is not supported", "/States/S")]);
  });

  it("reports several unsupported fields in the order they appear", () => {
    const def = single({ Type: "Pass", TimeoutSeconds: 5, Catch: [], Retry: [] });
    expect(errorsOf(def).map((d) => d.message)).toEqual([
      "Field 'TimeoutSeconds' is not supported",
      "Field 'Catch' is not supported",
      "Field 'Retry' is not supported",
    ]);
  });

  it("rejects TimeoutSeconds on Map and Parallel, accepts it on Task", () => {
    const branch = { StartAt: "W", States: { W: { Type: "Succeed" } } };
    expect(errorsOf(single({ Type: "Parallel", TimeoutSeconds: 5, Branches: [branch] }))).toEqual([
      schema("Field 'TimeoutSeconds' is not supported", "/States/S"),
    ]);
    expect(errorsOf(single({ Type: "Map", TimeoutSeconds: 5, ItemProcessor: { StartAt: "I", States: { I: { Type: "Succeed" } } } }))).toEqual([
      schema("Field 'TimeoutSeconds' is not supported", "/States/S"),
    ]);
    expect(errorsOf(single({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 5 }))).toEqual([]);
  });

  it("checks Comment is a string", () => {
    expect(errorsOf(single({ Type: "Pass", Comment: 1 }))).toEqual([schema("Expected value of type [STRING]", "/States/S/Comment")]);
  });
});

describe("Next and End", () => {
  it("wants exactly one of Next or End: true", () => {
    expect(errorsOf(machine({ S: { Type: "Pass" }, E: { Type: "Succeed" } }))).toContainEqual(
      schema("This object should have only one of the following fields: [Next, End]", "/States/S"),
    );
    expect(errorsOf(machine({ S: { Type: "Pass", Next: "E", End: true }, E: { Type: "Succeed" } }))).toEqual([
      schema("There should only be one of the following fields: [Next, End]", "/States/S"),
    ]);
    expect(errorsOf(machine({ S: { Type: "Pass", End: false }, E: { Type: "Succeed" } }))).toContainEqual(
      schema("This object should have only one of the following fields: [Next, End]", "/States/S"),
    );
  });

  it("checks their types", () => {
    expect(errorsOf(single({ Type: "Pass", End: "yes" }))).toContainEqual(schema("Expected value of type [BOOLEAN]", "/States/S/End"));
    expect(errorsOf(machine({ S: { Type: "Pass", Next: 1 }, E: { Type: "Succeed" } }))).toContainEqual(
      schema("Expected value of type [STRING]", "/States/S/Next"),
    );
  });
});

describe("Task", () => {
  const task = (extra: Record<string, unknown>) => single({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", ...extra });

  it("requires a Resource that is an ARN", () => {
    expect(errorsOf(single({ Type: "Task" }))).toEqual([schema("These fields are required: [Resource]", "/States/S")]);
    expect(errorsOf(single({ Type: "Task", Resource: "lambda" }))).toEqual([
      err("INVALID_RESOURCE", "Invalid resource: lambda (a Task's Resource is an ARN)", "/States/S/Resource"),
    ]);
  });

  it("checks timeouts and heartbeats", () => {
    expect(errorsOf(task({ TimeoutSeconds: 0 }))).toEqual([schema("Minimum value is 1", "/States/S/TimeoutSeconds")]);
    expect(errorsOf(task({ TimeoutSeconds: "10" }))).toEqual([schema("Expected value of type [INTEGER]", "/States/S/TimeoutSeconds")]);
    expect(errorsOf(task({ TimeoutSeconds: 10, TimeoutSecondsPath: "$.t" }))).toEqual([
      schema("There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", "/States/S"),
    ]);
    expect(errorsOf(task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }))).toEqual([
      schema("HeartbeatSeconds must be smaller than TimeoutSeconds", "/States/S/HeartbeatSeconds"),
    ]);
    expect(errorsOf(task({ TimeoutSecondsPath: "$.t[*]" }))).toEqual([schema("Value is not a Reference Path", "/States/S/TimeoutSecondsPath")]);
    expect(errorsOf(task({ TimeoutSeconds: 10, HeartbeatSeconds: 5 }))).toEqual([]);
  });

  it("checks Credentials", () => {
    expect(errorsOf(task({ Credentials: { RoleArn: "arn:aws:iam::1:role/r" } }))).toEqual([]);
    expect(errorsOf(task({ Credentials: { "RoleArn.$": "$.role" } }))).toEqual([]);
    expect(errorsOf(task({ Credentials: {} }))).toEqual([schema("These fields are required: [RoleArn]", "/States/S/Credentials")]);
    expect(errorsOf(task({ Credentials: { Role: "x", RoleArn: "y" } }))).toEqual([schema("Field 'Role' is not supported", "/States/S/Credentials")]);
  });
});

describe("Wait", () => {
  it("wants exactly one of Seconds, SecondsPath, Timestamp, TimestampPath", () => {
    expect(errorsOf(single({ Type: "Wait" }))).toEqual([
      schema("This object should have only one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]", "/States/S"),
    ]);
    expect(errorsOf(single({ Type: "Wait", Seconds: 1, Timestamp: "2016-03-14T01:59:00Z" }))).toEqual([
      schema("There should only be one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]", "/States/S"),
    ]);
  });

  it("checks each form", () => {
    expect(errorsOf(single({ Type: "Wait", Seconds: -1 }))).toEqual([schema("Minimum value is 0", "/States/S/Seconds")]);
    expect(errorsOf(single({ Type: "Wait", Seconds: 0 }))).toEqual([]);
    expect(errorsOf(single({ Type: "Wait", Timestamp: "2016-03-14 01:59:00Z" }))).toEqual([
      schema("String does not match RFC3339 timestamp", "/States/S/Timestamp"),
    ]);
    expect(errorsOf(single({ Type: "Wait", Timestamp: "2016-02-30T01:59:00Z" }))).toEqual([
      schema("String does not match RFC3339 timestamp", "/States/S/Timestamp"),
    ]);
    expect(errorsOf(single({ Type: "Wait", Timestamp: "2016-03-14T01:59:00.123+02:00" }))).toEqual([]);
    expect(errorsOf(single({ Type: "Wait", SecondsPath: "$.s" }))).toEqual([]);
    expect(errorsOf(single({ Type: "Wait", TimestampPath: "no path" })).map((d) => d.location)).toEqual(["/States/S/TimestampPath"]);
  });
});

describe("Fail", () => {
  it("takes Error/Cause or their paths, not both", () => {
    expect(errorsOf(machine({ F: { Type: "Fail", Error: "E", Cause: "C" } }))).toEqual([]);
    expect(errorsOf(machine({ F: { Type: "Fail", Error: "E", ErrorPath: "$.e" } }))).toEqual([
      schema("There should only be one of the following fields: [Error, ErrorPath]", "/States/F"),
    ]);
    expect(errorsOf(machine({ F: { Type: "Fail", Cause: 5 } }))).toEqual([schema("Expected value of type [STRING]", "/States/F/Cause")]);
  });

  it("takes a path or an intrinsic function in ErrorPath and CausePath", () => {
    const def = machine({ F: { Type: "Fail", ErrorPath: "$.error", CausePath: "States.Format('caused by {}', $.cause)" } });
    expect(errorsOf(def)).toEqual([]);
    expect(errorsOf(machine({ F: { Type: "Fail", CausePath: "States.Nope(" } })).map((d) => d.location)).toEqual(["/States/F/CausePath"]);
  });
});
