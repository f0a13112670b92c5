/** End-to-end: state machine CRUD and definition validation through the real AWS SDK v3. */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import {
  CreateStateMachineCommand, DeleteStateMachineCommand, DescribeStateMachineCommand, InvalidDefinition, ListStateMachinesCommand,
  StateMachineDoesNotExist, UpdateStateMachineCommand, ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { ACCOUNT, REGION, ROLE_ARN, startTestStepwise, type TestStepwise } from "./helpers/stepwise.js";

const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, End: true } } });
const PASS_2 = JSON.stringify({ Comment: "v2", StartAt: "P", States: { P: { Type: "Pass", End: true } } });

let sw: TestStepwise;
beforeAll(async () => {
  sw = await startTestStepwise();
});
afterAll(async () => {
  expect(sw.logs.filter((l) => l.startsWith("ERROR"))).toEqual([]);
  await sw.close();
});

describe("state machines (SDK)", () => {
  it("creates, describes, lists, updates and deletes a state machine", async () => {
    const before = Date.now();
    const created = await sw.client.send(new CreateStateMachineCommand({ name: "crud", definition: PASS, roleArn: ROLE_ARN }));
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:crud`;
    expect(created.stateMachineArn).toBe(arn);
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(created.creationDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(created.creationDate!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const described = await sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ stateMachineArn: arn, name: "crud", status: "ACTIVE", definition: PASS, roleArn: ROLE_ARN, type: "STANDARD" });
    expect(described.creationDate?.getTime()).toBe(created.creationDate?.getTime());

    const listed = await sw.client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.stateMachineArn)).toContain(arn);
    expect(listed.stateMachines?.find((m) => m.stateMachineArn === arn)).toMatchObject({ name: "crud", type: "STANDARD" });

    const updated = await sw.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: PASS_2 }));
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect((await sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(PASS_2);

    await sw.client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("is idempotent for identical creates and refuses a different definition under the same name", async () => {
    const first = await sw.client.send(new CreateStateMachineCommand({ name: "twice", definition: PASS, roleArn: ROLE_ARN }));
    const again = await sw.client.send(new CreateStateMachineCommand({ name: "twice", definition: PASS, roleArn: ROLE_ARN }));
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    await expect(sw.client.send(new CreateStateMachineCommand({ name: "twice", definition: PASS_2, roleArn: ROLE_ARN }))).rejects.toMatchObject({
      name: "StateMachineAlreadyExists", $metadata: { httpStatusCode: 400 },
    });
  });

  it("pages ListStateMachines with maxResults and nextToken", async () => {
    for (const n of ["page-a", "page-b", "page-c"]) {
      await sw.client.send(new CreateStateMachineCommand({ name: n, definition: PASS, roleArn: ROLE_ARN }));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sw.client.send(new ListStateMachinesCommand({ maxResults: 1, ...(nextToken ? { nextToken } : {}) }));
      expect(page.stateMachines?.length).toBeLessThanOrEqual(1);
      seen.push(...(page.stateMachines ?? []).map((m) => m.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(expect.arrayContaining(["page-a", "page-b", "page-c"]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers InvalidDefinition with AWS's message for broken definitions", async () => {
    const missingTarget = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } });
    const error = await sw.client.send(new CreateStateMachineCommand({ name: "bad", definition: missingTarget, roleArn: ROLE_ARN })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinition);
    expect((error as InvalidDefinition).$metadata.httpStatusCode).toBe(400);
    expect((error as InvalidDefinition).message).toMatch(/^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/);

    const notJson = await sw.client.send(new CreateStateMachineCommand({ name: "bad2", definition: "{ not json", roleArn: ROLE_ARN })).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(InvalidDefinition);
    expect((notJson as Error).message).toContain("INVALID_JSON_DESCRIPTION");

    const arn = (await sw.client.send(new CreateStateMachineCommand({ name: "good", definition: PASS, roleArn: ROLE_ARN }))).stateMachineArn!;
    await expect(sw.client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: missingTarget }))).rejects.toBeInstanceOf(InvalidDefinition);
  });

  it("checks names and ARNs", async () => {
    await expect(sw.client.send(new CreateStateMachineCommand({ name: "has space", definition: PASS, roleArn: ROLE_ARN }))).rejects.toMatchObject({ name: "InvalidName" });
    await expect(sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: "not-an-arn" }))).rejects.toMatchObject({ name: "InvalidArn" });
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:nope`;
    await expect(sw.client.send(new DescribeStateMachineCommand({ stateMachineArn: missing }))).rejects.toMatchObject({
      name: "StateMachineDoesNotExist", message: `State Machine Does Not Exist: '${missing}'`,
    });
  });

  it("validates definitions with ValidateStateMachineDefinition", async () => {
    const ok = await sw.client.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    expect(ok.result).toBe("OK");
    expect(ok.diagnostics).toEqual([]);
    const bad = await sw.client.send(new ValidateStateMachineDefinitionCommand({
      definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } }),
    }));
    expect(bad.result).toBe("FAIL");
    expect(bad.diagnostics?.[0]).toMatchObject({ severity: "ERROR", code: "MISSING_TRANSITION_TARGET" });
  });
});
