/** @module Store contract: state machines, versions, aliases, tags and activities. */
import { expect, it } from "vitest";
import { AlreadyExists, InvalidCursor } from "./records.js";
import { activityArn, allPages, execution, machine, machineArn, start, T0, type CurrentStore } from "./store-fixtures.contract.js";

export function catalogContract(store: CurrentStore): void {
  it("creates, reads, updates and lists state machines", async () => {
    const s = store();
    const records = ["m3", "m1", "m4", "m0", "m2"].map((n) => machine(n));
    for (const r of records) await s.createStateMachine(r);
    expect(await s.getStateMachine(machineArn("m1"))).toEqual(records[1]);
    expect((await s.getStateMachine(machineArn("m1")))!.description).toBeUndefined();
    expect(await s.getStateMachine(machineArn("nope"))).toBeUndefined();

    const updated = machine("m1", { definition: "{}", revisionId: "m1-r2", updateDate: T0 + 5, description: "d", loggingConfiguration: '{"level":"ALL"}' });
    await s.updateStateMachine(updated);
    expect(await s.getStateMachine(machineArn("m1"))).toEqual(updated);

    const listed = await allPages((after) => s.listStateMachines({ limit: 2, after }), (m) => m.arn);
    expect(listed.map((m) => m.name)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    const one = await s.listStateMachines({ limit: 5 });
    expect(one.items).toHaveLength(5);
    expect(one.next).toBeUndefined();
  });

  it("refuses a second state machine with the same ARN", async () => {
    const s = store();
    await s.createStateMachine(machine("dup"));
    await expect(s.createStateMachine(machine("dup", { revisionId: "other" }))).rejects.toBeInstanceOf(AlreadyExists);
    expect((await s.getStateMachine(machineArn("dup")))!.revisionId).toBe("dup-r1");
  });

  it("numbers versions from 1, newest first, never reusing a deleted number", async () => {
    const s = store();
    await s.createStateMachine(machine("v"));
    const publish = (revisionId: string) => s.publishVersion({
      stateMachineArn: machineArn("v"), revisionId, definition: `{"r":"${revisionId}"}`, roleArn: "role", description: undefined, creationDate: T0,
    });
    const v1 = (await publish("a"))!;
    expect(v1).toEqual({ arn: `${machineArn("v")}:1`, stateMachineArn: machineArn("v"), version: 1, revisionId: "a", definition: '{"r":"a"}', roleArn: "role", description: undefined, creationDate: T0 });
    await publish("b");
    const v3 = (await publish("c"))!;
    await s.deleteVersion(v3.arn);
    expect(await s.getVersion(v3.arn)).toBeUndefined();
    const v4 = (await publish("d"))!;
    expect(v4.version).toBe(4);
    expect(await s.getVersion(v1.arn)).toEqual(v1);
    const listed = await allPages((after) => s.listVersions(machineArn("v"), { limit: 2, after }), (v) => v.arn);
    expect(listed.map((v) => v.version)).toEqual([4, 2, 1]);
    expect(await s.publishVersion({ ...v1, stateMachineArn: machineArn("missing") })).toBeUndefined();
  });

  it("puts (creates or replaces), lists and deletes aliases", async () => {
    const s = store();
    const alias = (name: string, m: string, description?: string) => ({
      arn: `${machineArn(m)}:${name}`, stateMachineArn: machineArn(m), name, description,
      routingConfiguration: JSON.stringify([{ stateMachineVersionArn: `${machineArn(m)}:1`, weight: 100 }]), creationDate: T0, updateDate: T0,
    });
    await s.putAlias(alias("prod", "a"));
    await s.putAlias(alias("beta", "a"));
    await s.putAlias(alias("prod", "b"));
    const changed = { ...alias("prod", "a", "now with a description"), updateDate: T0 + 1 };
    await s.putAlias(changed);
    expect(await s.getAlias(changed.arn)).toEqual(changed);
    const listed = await allPages((after) => s.listAliases(machineArn("a"), { limit: 1, after }), (a) => a.arn);
    expect(listed.map((a) => a.name)).toEqual(["beta", "prod"]);
    await s.deleteAlias(changed.arn);
    expect(await s.getAlias(changed.arn)).toBeUndefined();
    expect((await s.listAliases(machineArn("a"), { limit: 10 })).items.map((a) => a.name)).toEqual(["beta"]);
  });

  it("puts, replaces, lists (by key) and removes tags", async () => {
    const s = store();
    const arn = machineArn("tagged");
    await s.putTags([{ resourceArn: arn, key: "team", value: "a" }, { resourceArn: arn, key: "env", value: "dev" }]);
    await s.putTags([{ resourceArn: arn, key: "team", value: "b" }, { resourceArn: machineArn("other"), key: "x", value: "y" }]);
    expect(await s.listTags(arn)).toEqual([{ resourceArn: arn, key: "env", value: "dev" }, { resourceArn: arn, key: "team", value: "b" }]);
    await s.removeTags(arn, ["env", "absent"]);
    expect(await s.listTags(arn)).toEqual([{ resourceArn: arn, key: "team", value: "b" }]);
    expect(await s.listTags(machineArn("none"))).toEqual([]);
  });

  it("deletes a state machine with its versions, aliases and tags; its executions stay readable", async () => {
    const s = store();
    await s.createStateMachine(machine("gone"));
    await s.createStateMachine(machine("kept"));
    const v = (await s.publishVersion({ stateMachineArn: machineArn("gone"), revisionId: "r", definition: "{}", roleArn: "r", description: "d", creationDate: T0 }))!;
    await s.putAlias({ arn: `${machineArn("gone")}:live`, stateMachineArn: machineArn("gone"), name: "live", description: undefined, routingConfiguration: "[]", creationDate: T0, updateDate: T0 });
    await s.putTags([{ resourceArn: machineArn("gone"), key: "k", value: "v" }, { resourceArn: machineArn("kept"), key: "k", value: "v" }]);
    await start(s, execution("gone", "e1"));
    await s.deleteStateMachine(machineArn("gone"));
    expect(await s.getStateMachine(machineArn("gone"))).toBeUndefined();
    expect(await s.getVersion(v.arn)).toBeUndefined();
    expect(await s.getAlias(`${machineArn("gone")}:live`)).toBeUndefined();
    expect(await s.listTags(machineArn("gone"))).toEqual([]);
    expect(await s.listTags(machineArn("kept"))).toHaveLength(1);
    expect(await s.getStateMachine(machineArn("kept"))).toBeDefined();
    expect((await s.getExecution(execution("gone", "e1").arn))!.name).toBe("e1");
  });

  it("creates activities idempotently, lists and deletes them with their tags and waiting tasks", async () => {
    const s = store();
    const first = { arn: activityArn("work"), name: "work", creationDate: T0 };
    expect(await s.createActivity(first)).toEqual(first);
    expect(await s.createActivity({ ...first, creationDate: T0 + 99 })).toEqual(first);
    for (const n of ["c", "a", "b"]) await s.createActivity({ arn: activityArn(n), name: n, creationDate: T0 });
    expect(await s.getActivity(activityArn("a"))).toEqual({ arn: activityArn("a"), name: "a", creationDate: T0 });
    const listed = await allPages((after) => s.listActivities({ limit: 3, after }), (a) => a.arn);
    expect(listed.map((a) => a.name)).toEqual(["a", "b", "c", "work"]);

    await s.putTags([{ resourceArn: first.arn, key: "k", value: "v" }]);
    await start(s, execution("m", "e"), { activityTasksAdded: [{ token: "tok", activityArn: first.arn, input: "{}", createdAt: T0 }] });
    await s.deleteActivity(first.arn);
    expect(await s.getActivity(first.arn)).toBeUndefined();
    expect(await s.listTags(first.arn)).toEqual([]);
    expect(await s.takeActivityTask(first.arn)).toBeUndefined();
  });

  it("refuses cursors it did not hand out", async () => {
    const s = store();
    await expect(s.listStateMachines({ limit: 1, after: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(s.listExecutions({ stateMachineArn: machineArn("m") }, { limit: 1, after: Buffer.from('["x"]').toString("base64url") })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(s.listVersions(machineArn("m"), { limit: 1, after: Buffer.from('["1"]').toString("base64url") })).rejects.toBeInstanceOf(InvalidCursor);
  });
}
