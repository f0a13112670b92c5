import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { createHarness, passMachine, smArn, T0, type Harness } from "./test-support.js";
import { pickVersion } from "./lookup.js";

let h: Harness;
let arn: string;
beforeEach(async () => {
  h = await createHarness();
  arn = await h.machine("M", passMachine({ v: 1 }));
});
afterEach(() => h.close());

async function publishTwo(): Promise<[string, string]> {
  const v1 = await h.call("PublishStateMachineVersion", { stateMachineArn: arn, description: "one" });
  await h.call("UpdateStateMachine", { stateMachineArn: arn, definition: JSON.stringify(passMachine({ v: 2 })) });
  const v2 = await h.call("PublishStateMachineVersion", { stateMachineArn: arn });
  return [v1.stateMachineVersionArn as string, v2.stateMachineVersionArn as string];
}

describe("versions", () => {
  it("publishes versions, idempotently for an unchanged revision", async () => {
    const v1 = await h.call("PublishStateMachineVersion", { stateMachineArn: arn, description: "one" });
    expect(v1).toEqual({ creationDate: T0 / 1000, stateMachineVersionArn: `${arn}:1` });
    expect(await h.call("PublishStateMachineVersion", { stateMachineArn: arn })).toEqual(v1);
    await h.call("UpdateStateMachine", { stateMachineArn: arn, definition: JSON.stringify(passMachine({ v: 2 })) });
    expect((await h.call("PublishStateMachineVersion", { stateMachineArn: arn })).stateMachineVersionArn).toBe(`${arn}:2`);
    const list = await h.call("ListStateMachineVersions", { stateMachineArn: arn });
    expect(list).toEqual({
      stateMachineVersions: [
        { stateMachineVersionArn: `${arn}:2`, creationDate: T0 / 1000 },
        { stateMachineVersionArn: `${arn}:1`, creationDate: T0 / 1000 },
      ],
    });
    const page = await h.call("ListStateMachineVersions", { stateMachineArn: arn, maxResults: 1 });
    expect(page.nextToken).toBeDefined();
    const rest = await h.call("ListStateMachineVersions", { stateMachineArn: arn, maxResults: 1, nextToken: page.nextToken });
    expect(rest).toEqual({ stateMachineVersions: [{ stateMachineVersionArn: `${arn}:1`, creationDate: T0 / 1000 }] });
  });

  it("refuses a stale revisionId with ConflictException, and accepts INITIAL on a never-updated machine", async () => {
    await expect(h.call("PublishStateMachineVersion", { stateMachineArn: arn, revisionId: "old" })).rejects.toMatchObject({ code: "ConflictException" });
    expect(await h.call("PublishStateMachineVersion", { stateMachineArn: arn, revisionId: "INITIAL" })).toMatchObject({
      stateMachineVersionArn: `${arn}:1`,
    });
    await expect(h.call("PublishStateMachineVersion", { stateMachineArn: smArn("nope") })).rejects.toMatchObject({
      code: "StateMachineDoesNotExist",
    });
  });

  it("describes a version with its own definition and deletes it unless an alias routes to it", async () => {
    const [v1, v2] = await publishTwo();
    expect(await h.call("DescribeStateMachine", { stateMachineArn: v1 })).toMatchObject({
      stateMachineArn: v1, definition: JSON.stringify(passMachine({ v: 1 })), description: "one",
    });
    await h.call("CreateStateMachineAlias", { name: "live", routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] });
    await expect(h.call("DeleteStateMachineVersion", { stateMachineVersionArn: v2 })).rejects.toMatchObject({
      code: "ConflictException",
      message: `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${arn}:live]`,
    });
    expect(await h.call("DeleteStateMachineVersion", { stateMachineVersionArn: v1 })).toEqual({});
    await expect(h.call("DescribeStateMachine", { stateMachineArn: v1 })).rejects.toMatchObject({ code: "StateMachineDoesNotExist" });
    await expect(h.call("DeleteStateMachineVersion", { stateMachineVersionArn: arn })).rejects.toMatchObject({ code: "InvalidArn" });
  });
});

describe("aliases", () => {
  it("creates, describes, updates, lists and deletes", async () => {
    const [v1, v2] = await publishTwo();
    const routing = [{ stateMachineVersionArn: v1, weight: 30 }, { stateMachineVersionArn: v2, weight: 70 }];
    const created = await h.call("CreateStateMachineAlias", { name: "prod", description: "d", routingConfiguration: routing });
    expect(created).toEqual({ stateMachineAliasArn: `${arn}:prod`, creationDate: T0 / 1000 });
    expect(await h.call("CreateStateMachineAlias", { name: "prod", description: "d", routingConfiguration: routing })).toEqual(created);
    await expect(h.call("CreateStateMachineAlias", { name: "prod", routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }))
      .rejects.toMatchObject({ code: "ConflictException" });
    expect(await h.call("DescribeStateMachineAlias", { stateMachineAliasArn: `${arn}:prod` })).toEqual({
      stateMachineAliasArn: `${arn}:prod`, name: "prod", description: "d", routingConfiguration: routing,
      creationDate: T0 / 1000, updateDate: T0 / 1000,
    });
    h.clock.advance(2000);
    expect(await h.call("UpdateStateMachineAlias", {
      stateMachineAliasArn: `${arn}:prod`, routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
    })).toEqual({ updateDate: T0 / 1000 + 2 });
    expect(await h.call("DescribeStateMachineAlias", { stateMachineAliasArn: `${arn}:prod` })).toMatchObject({
      description: "d", routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
    });
    await h.call("CreateStateMachineAlias", { name: "beta", routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] });
    expect(await h.call("ListStateMachineAliases", { stateMachineArn: arn })).toEqual({
      stateMachineAliases: [
        { stateMachineAliasArn: `${arn}:beta`, creationDate: T0 / 1000 + 2 },
        { stateMachineAliasArn: `${arn}:prod`, creationDate: T0 / 1000 },
      ],
    });
    expect(await h.call("DeleteStateMachineAlias", { stateMachineAliasArn: `${arn}:beta` })).toEqual({});
    await expect(h.call("DescribeStateMachineAlias", { stateMachineAliasArn: `${arn}:beta` })).rejects.toMatchObject({
      code: "ResourceNotFound", message: `Resource not found: '${arn}:beta'`,
    });
  });

  it("checks names and routing configurations", async () => {
    const [v1, v2] = await publishTwo();
    const create = (name: string, routingConfiguration: unknown) => h.call("CreateStateMachineAlias", { name, routingConfiguration });
    await expect(create("123", [{ stateMachineVersionArn: v1, weight: 100 }])).rejects.toMatchObject({ code: "InvalidName" });
    await expect(create("a b", [{ stateMachineVersionArn: v1, weight: 100 }])).rejects.toMatchObject({ code: "InvalidName" });
    await expect(create("x", [{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: v2, weight: 40 }])).rejects.toMatchObject({
      code: "ValidationException", fields: { reason: "INVALID_ROUTING_CONFIGURATION" },
    });
    await expect(create("x", [{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: v1, weight: 50 }])).rejects.toMatchObject({
      fields: { reason: "INVALID_ROUTING_CONFIGURATION" },
    });
    const three = [v1, v2, v1].map((v) => ({ stateMachineVersionArn: v, weight: 0 }));
    await expect(create("x", three)).rejects.toMatchObject({ code: "ValidationException" });
    await expect(create("x", [{ stateMachineVersionArn: arn, weight: 100 }])).rejects.toMatchObject({ code: "InvalidArn" });
    await expect(create("x", [{ stateMachineVersionArn: `${arn}:9`, weight: 100 }])).rejects.toMatchObject({ code: "ResourceNotFound" });
    const other = await h.machine("Other", passMachine());
    const ov = (await h.call("PublishStateMachineVersion", { stateMachineArn: other })).stateMachineVersionArn;
    await expect(create("x", [{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: ov, weight: 50 }])).rejects.toMatchObject({
      fields: { reason: "INVALID_ROUTING_CONFIGURATION" },
    });
  });

  it("routes executions started on the alias by weight, recording version and alias", async () => {
    const [v1, v2] = await publishTwo();
    const alias = (await h.call("CreateStateMachineAlias", {
      name: "split", routingConfiguration: [{ stateMachineVersionArn: v1, weight: 25 }, { stateMachineVersionArn: v2, weight: 75 }],
    })).stateMachineAliasArn as string;
    h.random.floats.push(0.1, 0.9);
    const e1 = await h.call("StartExecution", { stateMachineArn: alias, name: "a" });
    const e2 = await h.call("StartExecution", { stateMachineArn: alias, name: "b" });
    await h.idle();
    const d1 = await h.call("DescribeExecution", { executionArn: e1.executionArn });
    const d2 = await h.call("DescribeExecution", { executionArn: e2.executionArn });
    expect(d1).toMatchObject({ stateMachineArn: arn, stateMachineVersionArn: v1, stateMachineAliasArn: alias, output: '{"v":1}' });
    expect(d2).toMatchObject({ stateMachineVersionArn: v2, stateMachineAliasArn: alias, output: '{"v":2}' });
    const byAlias = await h.call("ListExecutions", { stateMachineArn: alias });
    expect((byAlias.executions as unknown[]).length).toBe(2);
    const byV1 = await h.call("ListExecutions", { stateMachineArn: v1 });
    expect((byV1.executions as { name: string }[]).map((e) => e.name)).toEqual(["a"]);
    const forExec = await h.call("DescribeStateMachineForExecution", { executionArn: e1.executionArn });
    expect(forExec).toMatchObject({ stateMachineArn: arn, definition: JSON.stringify(passMachine({ v: 1 })) });
  });

  it("picks versions by cumulative weight", () => {
    const routes = [{ stateMachineVersionArn: "a", weight: 25 }, { stateMachineVersionArn: "b", weight: 75 }];
    expect(pickVersion(routes, 0)).toBe("a");
    expect(pickVersion(routes, 0.2499)).toBe("a");
    expect(pickVersion(routes, 0.25)).toBe("b");
    expect(pickVersion(routes, 0.9999)).toBe("b");
    expect(pickVersion([{ stateMachineVersionArn: "a", weight: 100 }, { stateMachineVersionArn: "b", weight: 0 }], 0.9999)).toBe("a");
  });
});
