import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { createHarness, passMachine, ROLE, smArn, T0, type Harness } from "./test-support.js";

let h: Harness;
beforeEach(async () => (h = await createHarness()));
afterEach(() => h.close());

const definition = JSON.stringify(passMachine());

describe("CreateStateMachine", () => {
  it("creates a STANDARD machine and answers its ARN and creation date in epoch seconds", async () => {
    const out = await h.call("CreateStateMachine", { name: "Hello", definition, roleArn: ROLE });
    expect(out).toEqual({ stateMachineArn: smArn("Hello"), creationDate: T0 / 1000 });
    const d = await h.call("DescribeStateMachine", { stateMachineArn: smArn("Hello") });
    expect(d).toMatchObject({
      stateMachineArn: smArn("Hello"), name: "Hello", status: "ACTIVE", definition, roleArn: ROLE, type: "STANDARD",
      creationDate: T0 / 1000, loggingConfiguration: { level: "OFF", includeExecutionData: false }, tracingConfiguration: { enabled: false },
    });
    expect(typeof d.revisionId).toBe("string");
  });

  it("creates machines, their executions and activities in the caller's region (the SigV4 scope's)", async () => {
    const paris = { region: "eu-west-3", accountId: "111122223333" };
    const out = await h.call("CreateStateMachine", { name: "Hello", definition, roleArn: ROLE }, paris);
    expect(out.stateMachineArn).toBe("arn:aws:states:eu-west-3:111122223333:stateMachine:Hello");
    const started = await h.call("StartExecution", { stateMachineArn: out.stateMachineArn, name: "e" }, paris);
    expect(started.executionArn).toBe("arn:aws:states:eu-west-3:111122223333:execution:Hello:e");
    expect(await h.call("CreateActivity", { name: "w" }, paris)).toMatchObject({ activityArn: "arn:aws:states:eu-west-3:111122223333:activity:w" });
    // The same name in the default region is another machine.
    expect((await h.call("CreateStateMachine", { name: "Hello", definition, roleArn: ROLE })).stateMachineArn).toBe(smArn("Hello"));
  });

  it("is idempotent for identical requests, ignoring roleArn and tags", async () => {
    const first = await h.call("CreateStateMachine", { name: "M", definition, roleArn: ROLE });
    h.clock.advance(5000);
    const again = await h.call("CreateStateMachine", {
      name: "M", definition, roleArn: "arn:aws:iam::123456789012:role/Other", tags: [{ key: "a", value: "b" }],
    });
    expect(again).toEqual(first);
    expect(await h.call("ListTagsForResource", { resourceArn: smArn("M") })).toEqual({ tags: [] });
  });

  it("refuses the same name with a different definition or type", async () => {
    await h.call("CreateStateMachine", { name: "M", definition, roleArn: ROLE });
    const other = JSON.stringify(passMachine({ other: 1 }));
    await expect(h.call("CreateStateMachine", { name: "M", definition: other, roleArn: ROLE })).rejects.toMatchObject({
      code: "StateMachineAlreadyExists", message: `State Machine Already Exists: '${smArn("M")}'`,
    });
    await expect(h.call("CreateStateMachine", { name: "M", definition, roleArn: ROLE, type: "EXPRESS" })).rejects.toMatchObject({
      code: "StateMachineAlreadyExists",
    });
  });

  it("refuses names AWS refuses", async () => {
    for (const name of ["", "a b", "a/b", "a:b", "x".repeat(81), "tab\tname", "a#b", "a*", "ctl\u007f", "{x}"]) {
      await expect(h.call("CreateStateMachine", { name, definition, roleArn: ROLE })).rejects.toMatchObject({
        code: "InvalidName", message: `Invalid Name: '${name}'`,
      });
    }
    await expect(h.call("CreateStateMachine", { name: "ok-name_1.x", definition, roleArn: ROLE })).resolves.toBeDefined();
  });

  it("answers InvalidDefinition with the validator's AWS-worded message", async () => {
    const bad = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } });
    await expect(h.call("CreateStateMachine", { name: "M", definition: bad, roleArn: ROLE })).rejects.toMatchObject({
      code: "InvalidDefinition",
      message: "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, " +
        "MISSING_END_STATE: Workflow has no terminal state at null'",
    });
    await expect(h.call("CreateStateMachine", { name: "M", definition: "{not json", roleArn: ROLE })).rejects.toMatchObject({
      code: "InvalidDefinition", message: expect.stringMatching(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/),
    });
  });

  it("refuses callbacks, .sync and activities in EXPRESS machines", async () => {
    const def = JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync", End: true } } });
    await expect(h.call("CreateStateMachine", { name: "X", definition: def, roleArn: ROLE, type: "EXPRESS" })).rejects.toMatchObject({
      code: "InvalidDefinition",
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/T/Resource'",
    });
    await expect(h.call("CreateStateMachine", { name: "S", definition: def, roleArn: ROLE })).resolves.toBeDefined();
  });

  it("checks the role ARN, the type and required members", async () => {
    await expect(h.call("CreateStateMachine", { name: "M", definition, roleArn: "not-an-arn" })).rejects.toMatchObject({ code: "InvalidArn" });
    await expect(h.call("CreateStateMachine", { name: "M", definition, roleArn: "arn:aws:iam::123456789012:user/bob" })).rejects.toMatchObject({
      code: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: user'",
    });
    await expect(h.call("CreateStateMachine", { name: "M", definition, roleArn: ROLE, type: "FAST" })).rejects.toMatchObject({
      code: "ValidationException",
      message: "1 validation error detected: Value 'FAST' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
    });
    await expect(h.call("CreateStateMachine", { name: "M", roleArn: ROLE })).rejects.toMatchObject({
      code: "ValidationException",
      message: "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null",
    });
  });

  it("stores tags, logging and tracing configurations", async () => {
    const logging = {
      level: "ERROR", includeExecutionData: true,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*" } }],
    };
    await h.call("CreateStateMachine", {
      name: "M", definition, roleArn: ROLE, loggingConfiguration: logging, tracingConfiguration: { enabled: true }, tags: [{ key: "team", value: "core" }],
    });
    const d = await h.call("DescribeStateMachine", { stateMachineArn: smArn("M") });
    expect(d.loggingConfiguration).toEqual(logging);
    expect(d.tracingConfiguration).toEqual({ enabled: true });
    expect(await h.call("ListTagsForResource", { resourceArn: smArn("M") })).toEqual({ tags: [{ key: "team", value: "core" }] });
    await expect(h.call("CreateStateMachine", { name: "N", definition, roleArn: ROLE, loggingConfiguration: { level: "ALL" } })).rejects.toMatchObject({
      code: "InvalidLoggingConfiguration",
    });
  });

  it("publishes version 1 with publish and versionDescription", async () => {
    const out = await h.call("CreateStateMachine", { name: "M", definition, roleArn: ROLE, publish: true, versionDescription: "first" });
    expect(out.stateMachineVersionArn).toBe(`${smArn("M")}:1`);
    const v = await h.call("DescribeStateMachine", { stateMachineArn: `${smArn("M")}:1` });
    expect(v).toMatchObject({ stateMachineArn: `${smArn("M")}:1`, name: "M", definition, description: "first", type: "STANDARD" });
    await expect(h.call("CreateStateMachine", { name: "N", definition, roleArn: ROLE, versionDescription: "x" })).rejects.toMatchObject({
      code: "ValidationException",
    });
  });
});

describe("DescribeStateMachine", () => {
  it("answers StateMachineDoesNotExist and InvalidArn as AWS", async () => {
    await expect(h.call("DescribeStateMachine", { stateMachineArn: smArn("nope") })).rejects.toMatchObject({
      code: "StateMachineDoesNotExist", message: `State Machine Does Not Exist: '${smArn("nope")}'`,
    });
    await expect(h.call("DescribeStateMachine", { stateMachineArn: "garbage" })).rejects.toMatchObject({
      code: "InvalidArn", message: "Invalid Arn: 'Invalid ARN prefix: garbage'",
    });
    await expect(h.call("DescribeStateMachine", { stateMachineArn: "arn:aws:states:us-east-1:123456789012:activity:a" })).rejects.toMatchObject({
      code: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: activity'",
    });
    await h.machine("M", passMachine());
    await expect(h.call("DescribeStateMachine", { stateMachineArn: `${smArn("M")}:3` })).rejects.toMatchObject({ code: "StateMachineDoesNotExist" });
  });
});

describe("UpdateStateMachine", () => {
  it("changes the definition and revision, and can publish", async () => {
    const arn = await h.machine("M", passMachine());
    const before = await h.call("DescribeStateMachine", { stateMachineArn: arn });
    h.clock.advance(1000);
    const next = JSON.stringify(passMachine({ v: 2 }));
    const out = await h.call("UpdateStateMachine", { stateMachineArn: arn, definition: next, publish: true, versionDescription: "v2" });
    expect(out).toMatchObject({ updateDate: T0 / 1000 + 1, stateMachineVersionArn: `${arn}:1` });
    expect(out.revisionId).not.toBe(before.revisionId);
    const after = await h.call("DescribeStateMachine", { stateMachineArn: arn });
    expect(after).toMatchObject({ definition: next, revisionId: out.revisionId });
    const roleOnly = await h.call("UpdateStateMachine", { stateMachineArn: arn, roleArn: "arn:aws:iam::123456789012:role/service-role/Other" });
    expect(roleOnly.revisionId).not.toBe(out.revisionId);
    expect(roleOnly.stateMachineVersionArn).toBeUndefined();
  });

  it("needs something to change, an existing unqualified machine and a valid definition", async () => {
    const arn = await h.machine("M", passMachine());
    await expect(h.call("UpdateStateMachine", { stateMachineArn: arn })).rejects.toMatchObject({ code: "MissingRequiredParameter" });
    await expect(h.call("UpdateStateMachine", { stateMachineArn: smArn("nope"), definition: "{}" })).rejects.toMatchObject({
      code: "StateMachineDoesNotExist",
    });
    await expect(h.call("UpdateStateMachine", { stateMachineArn: `${arn}:1`, roleArn: ROLE })).rejects.toMatchObject({
      code: "ValidationException", fields: { reason: "API_DOES_NOT_SUPPORT_LABELED_ARNS" },
    });
    await expect(h.call("UpdateStateMachine", { stateMachineArn: arn, definition: '{"StartAt":"X","States":{}}' })).rejects.toMatchObject({
      code: "InvalidDefinition",
    });
  });
});

describe("DeleteStateMachine and ListStateMachines", () => {
  it("lists by page with opaque tokens and deletes", async () => {
    for (const name of ["a", "b", "c"]) await h.machine(name, passMachine());
    const p1 = await h.call("ListStateMachines", { maxResults: 2 });
    expect((p1.stateMachines as { name: string }[]).map((m) => m.name)).toEqual(["a", "b"]);
    expect(p1.stateMachines).toContainEqual({ stateMachineArn: smArn("a"), name: "a", type: "STANDARD", creationDate: T0 / 1000 });
    const p2 = await h.call("ListStateMachines", { maxResults: 2, nextToken: p1.nextToken });
    expect(p2).toEqual({ stateMachines: [{ stateMachineArn: smArn("c"), name: "c", type: "STANDARD", creationDate: T0 / 1000 }] });
    await expect(h.call("ListStateMachines", { nextToken: "bogus" })).rejects.toMatchObject({ code: "InvalidToken" });
    await expect(h.call("ListStateMachines", { maxResults: 1001 })).rejects.toMatchObject({
      code: "ValidationException",
      message: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
    expect(await h.call("DeleteStateMachine", { stateMachineArn: smArn("b") })).toEqual({});
    expect(await h.call("DeleteStateMachine", { stateMachineArn: smArn("b") })).toEqual({});
    const all = await h.call("ListStateMachines");
    expect((all.stateMachines as { name: string }[]).map((m) => m.name)).toEqual(["a", "c"]);
    await expect(h.call("DeleteStateMachine", { stateMachineArn: `${smArn("a")}:1` })).rejects.toMatchObject({ code: "ValidationException" });
  });

  it("refuses a token from another listing", async () => {
    for (const name of ["a", "b"]) await h.machine(name, passMachine());
    const p1 = await h.call("ListStateMachines", { maxResults: 1 });
    await expect(h.call("ListActivities", { nextToken: p1.nextToken })).rejects.toMatchObject({ code: "InvalidToken" });
  });
});

describe("ValidateStateMachineDefinition", () => {
  it("answers OK, or FAIL with diagnostics (no location when AWS has none)", async () => {
    expect(await h.call("ValidateStateMachineDefinition", { definition })).toEqual({ result: "OK", diagnostics: [], truncated: false });
    const bad = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } });
    const out = await h.call("ValidateStateMachineDefinition", { definition: bad });
    expect(out).toEqual({
      result: "FAIL",
      diagnostics: [
        { severity: "ERROR", code: "MISSING_TRANSITION_TARGET", message: "Missing 'Next' target: B", location: "/States/A/Next" },
        { severity: "ERROR", code: "MISSING_END_STATE", message: "Workflow has no terminal state" },
      ],
      truncated: false,
    });
    const one = await h.call("ValidateStateMachineDefinition", { definition: bad, maxResults: 1 });
    expect(one).toMatchObject({ result: "FAIL", truncated: true });
    expect(one.diagnostics).toHaveLength(1);
  });

  it("shows warnings only when asked, and applies the EXPRESS rules for type EXPRESS", async () => {
    const warn = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { "x.$": "$.a" }, End: true } } });
    expect(await h.call("ValidateStateMachineDefinition", { definition: warn })).toMatchObject({ result: "OK", diagnostics: [] });
    const w = await h.call("ValidateStateMachineDefinition", { definition: warn, severity: "WARNING" });
    expect(w).toMatchObject({ result: "OK", diagnostics: [{ severity: "WARNING", code: "PASS_RESULT_IS_STATIC" }] });
    const cb = JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", End: true } } });
    expect(await h.call("ValidateStateMachineDefinition", { definition: cb })).toMatchObject({ result: "OK" });
    expect(await h.call("ValidateStateMachineDefinition", { definition: cb, type: "EXPRESS" })).toMatchObject({
      result: "FAIL", diagnostics: [{ code: "SCHEMA_VALIDATION_FAILED", location: "/States/T/Resource" }],
    });
  });
});

describe("tags", () => {
  it("tags, untags and lists; unknown resources are ResourceNotFound", async () => {
    const arn = await h.machine("M", passMachine());
    await h.call("TagResource", { resourceArn: arn, tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }] });
    await h.call("TagResource", { resourceArn: arn, tags: [{ key: "a", value: "3" }] });
    await h.call("UntagResource", { resourceArn: arn, tagKeys: ["b"] });
    expect(await h.call("ListTagsForResource", { resourceArn: arn })).toEqual({ tags: [{ key: "a", value: "3" }] });
    await expect(h.call("TagResource", { resourceArn: smArn("nope"), tags: [] })).rejects.toMatchObject({
      code: "ResourceNotFound", message: `Resource not found: '${smArn("nope")}'`, fields: { resourceName: smArn("nope") },
    });
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    await expect(h.call("TagResource", { resourceArn: arn, tags: many })).rejects.toMatchObject({ code: "TooManyTags" });
  });

  it("tags activities", async () => {
    const { activityArn } = await h.call("CreateActivity", { name: "act", tags: [{ key: "k", value: "v" }] });
    expect(await h.call("ListTagsForResource", { resourceArn: activityArn })).toEqual({ tags: [{ key: "k", value: "v" }] });
  });
});
