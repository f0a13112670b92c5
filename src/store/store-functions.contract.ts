/** @module Store contract: Lambda functions, versions, aliases, code packages and the async invocation queue. */
import { expect, it } from "vitest";
import { AlreadyExists, InvalidCursor } from "./records.js";
import type { FunctionCodeRecord, FunctionInvocationRecord, FunctionRecord } from "./records-functions.js";
import { allPages, T0, type CurrentStore } from "./store-fixtures.contract.js";
import type { FunctionsStore } from "./store-functions.js";

export const functionArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export const code = (text: string): FunctionCodeRecord => ({ sha256: `sha-${text}`, zip: new Uint8Array(Buffer.from(`zip:${text}`)) });

export function fn(name: string, overrides: Partial<FunctionRecord> = {}): FunctionRecord {
  return {
    arn: functionArn(name), name, configuration: JSON.stringify({ Runtime: "nodejs20.x", Handler: "index.handler" }), codeSha256: "sha-a",
    codeSize: 5, revisionId: `${name}-r1`, reservedConcurrency: undefined, creationDate: T0, lastModified: T0, ...overrides,
  };
}

const invocation = (id: string, dueAt: number, functionName = "f"): FunctionInvocationRecord => ({
  id, functionArn: functionArn(functionName), qualifier: undefined, payload: `{"id":"${id}"}`, attempts: 0, dueAt, createdAt: T0,
});

async function versionOf(s: FunctionsStore, name: string, sha: string, revisionId: string) {
  return (await s.publishFunctionVersion({
    functionArn: functionArn(name), configuration: "{}", codeSha256: sha, codeSize: 5, revisionId, description: undefined, creationDate: T0,
  }))!;
}

export function functionsContract(store: CurrentStore): void {
  it("creates, reads, lists and refuses a second function of the same ARN", async () => {
    const s = store().functions;
    for (const n of ["f3", "f1", "f2"]) await s.createFunction(fn(n), code("a"));
    expect(await s.getFunction(functionArn("f1"))).toEqual(fn("f1"));
    expect(await s.getFunction(functionArn("nope"))).toBeUndefined();
    await expect(s.createFunction(fn("f1", { revisionId: "other" }), code("a"))).rejects.toBeInstanceOf(AlreadyExists);
    const listed = await allPages((after) => s.listFunctions({ limit: 2, after }), (f) => f.arn);
    expect(listed.map((f) => f.name)).toEqual(["f1", "f2", "f3"]);
    await expect(s.listFunctions({ limit: 2, after: "garbage" })).rejects.toBeInstanceOf(InvalidCursor);
    expect(await s.getFunctionCode("sha-a")).toEqual(code("a"));
  });

  it("updates only from the expected revision, and drops code nothing uses", async () => {
    const s = store().functions;
    await s.createFunction(fn("f"), code("a"));
    const next = fn("f", { revisionId: "r2", codeSha256: "sha-b", codeSize: 6, lastModified: T0 + 1 });
    expect(await s.updateFunction(next, "wrong", code("b"))).toBe(false);
    expect(await s.getFunctionCode("sha-b")).toBeUndefined();
    expect(await s.updateFunction(next, "f-r1", code("b"))).toBe(true);
    expect(await s.getFunction(functionArn("f"))).toEqual(next);
    expect(await s.getFunctionCode("sha-a")).toBeUndefined();
    expect(await s.getFunctionCode("sha-b")).toEqual(code("b"));
    expect(await s.updateFunction(fn("gone"), "gone-r1")).toBe(false);
    expect(await s.setFunctionConcurrency(functionArn("f"), 5)).toBe(true);
    expect((await s.getFunction(functionArn("f")))!.reservedConcurrency).toBe(5);
    expect(await s.setFunctionConcurrency(functionArn("f"), undefined)).toBe(true);
    expect((await s.getFunction(functionArn("f")))!.reservedConcurrency).toBeUndefined();
    expect(await s.setFunctionConcurrency(functionArn("gone"), 1)).toBe(false);
  });

  it("publishes versions from 1, never reusing a number, keeping their code while used", async () => {
    const s = store().functions;
    await s.createFunction(fn("f"), code("a"));
    const v1 = await versionOf(s, "f", "sha-a", "v1");
    expect(v1).toMatchObject({ arn: `${functionArn("f")}:1`, version: 1, codeSha256: "sha-a", revisionId: "v1" });
    await s.updateFunction(fn("f", { codeSha256: "sha-b", revisionId: "r2" }), "f-r1", code("b"));
    expect(await s.getFunctionCode("sha-a")).toEqual(code("a"));
    const v2 = await versionOf(s, "f", "sha-b", "v2");
    const v3 = await versionOf(s, "f", "sha-b", "v3");
    expect(await s.lastFunctionVersion(functionArn("f"))).toEqual(v3);
    await s.deleteFunctionVersion(v3.arn);
    expect((await versionOf(s, "f", "sha-b", "v4")).version).toBe(4);
    const listed = await allPages((after) => s.listFunctionVersions(functionArn("f"), { limit: 2, after }), (v) => v.arn);
    expect(listed.map((v) => v.version)).toEqual([1, 2, 4]);
    expect(await s.getFunctionVersion(v2.arn)).toEqual(v2);
    await s.deleteFunctionVersion(v1.arn);
    expect(await s.getFunctionCode("sha-a")).toBeUndefined();
    expect(await s.publishFunctionVersion({ ...v1, functionArn: functionArn("missing") })).toBeUndefined();
    expect(await s.lastFunctionVersion(functionArn("missing"))).toBeUndefined();
  });

  it("puts, lists and deletes aliases; deleting a function removes everything of it", async () => {
    const whole = store();
    const s = whole.functions;
    await s.createFunction(fn("f"), code("a"));
    await s.createFunction(fn("g"), code("a"));
    await versionOf(s, "f", "sha-a", "v1");
    const alias = (name: string, functionVersion = "1") => ({
      arn: `${functionArn("f")}:${name}`, functionArn: functionArn("f"), name, functionVersion, description: undefined,
      routingConfiguration: undefined, revisionId: `${name}-1`, creationDate: T0, updateDate: T0,
    });
    await s.putFunctionAlias(alias("prod"));
    await s.putFunctionAlias(alias("beta"));
    await s.putFunctionAlias({ ...alias("prod", "$LATEST"), description: "d", routingConfiguration: '{"1":0.5}', revisionId: "prod-2" });
    expect(await s.getFunctionAlias(alias("prod").arn)).toEqual({ ...alias("prod", "$LATEST"), description: "d", routingConfiguration: '{"1":0.5}', revisionId: "prod-2" });
    const listed = await allPages((after) => s.listFunctionAliases(functionArn("f"), { limit: 1, after }), (a) => a.arn);
    expect(listed.map((a) => a.name)).toEqual(["beta", "prod"]);
    await s.deleteFunctionAlias(alias("beta").arn);
    expect(await s.getFunctionAlias(alias("beta").arn)).toBeUndefined();

    await whole.putTags([{ resourceArn: functionArn("f"), key: "k", value: "v" }]);
    await s.enqueueInvocation(invocation("i1", T0, "f"));
    await s.deleteFunction(functionArn("f"));
    expect(await s.getFunction(functionArn("f"))).toBeUndefined();
    expect(await s.getFunctionVersion(`${functionArn("f")}:1`)).toBeUndefined();
    expect(await s.getFunctionAlias(alias("prod").arn)).toBeUndefined();
    expect(await whole.listTags(functionArn("f"))).toEqual([]);
    expect(await s.nextInvocationDue()).toBeUndefined();
    expect(await s.getFunctionCode("sha-a")).toEqual(code("a"));
    await s.deleteFunction(functionArn("g"));
    expect(await s.getFunctionCode("sha-a")).toBeUndefined();
  });

  it("adds up functions, code sizes and reserved concurrency", async () => {
    const s = store().functions;
    expect(await s.functionTotals()).toEqual({ functionCount: 0, totalCodeSize: 0, reservedConcurrency: 0 });
    await s.createFunction(fn("a", { codeSize: 10, reservedConcurrency: 3 }), code("a"));
    await s.createFunction(fn("b", { codeSize: 20 }), code("a"));
    await s.setFunctionConcurrency(functionArn("b"), 4);
    await versionOf(s, "a", "sha-a", "v1");
    expect(await s.functionTotals()).toEqual({ functionCount: 2, totalCodeSize: 35, reservedConcurrency: 7 });
  });

  it("leases due invocations to one claimer at a time and hands them on when the lease runs out", async () => {
    const s = store().functions;
    await s.enqueueInvocation(invocation("b", T0 + 10));
    await s.enqueueInvocation(invocation("a", T0 + 10));
    await s.enqueueInvocation(invocation("later", T0 + 1000));
    expect(await s.nextInvocationDue()).toBe(T0 + 10);
    expect(await s.claimInvocations(T0, 60_000, 10)).toEqual([]);
    const claimed = await s.claimInvocations(T0 + 10, 60_000, 10);
    expect(claimed).toEqual([invocation("a", T0 + 10), invocation("b", T0 + 10)]);
    expect(await s.claimInvocations(T0 + 20, 60_000, 10)).toEqual([]);
    expect(await s.nextInvocationDue()).toBe(T0 + 1000);
    await s.retryInvocation("a", T0 + 50, 1);
    await s.deleteInvocation("b");
    expect(await s.claimInvocations(T0 + 1000, 60_000, 1)).toEqual([{ ...invocation("a", T0 + 50), attempts: 1 }]);
    expect(await s.claimInvocations(T0 + 1000, 60_000, 10)).toEqual([invocation("later", T0 + 1000)]);
    await s.deleteInvocation("later");
    // The lease of "a" (taken at T0 + 1000) ran out: someone else gets it.
    expect((await s.claimInvocations(T0 + 60_999, 60_000, 10)).map((i) => i.id)).toEqual([]);
    expect((await s.claimInvocations(T0 + 61_000, 60_000, 10)).map((i) => i.id)).toEqual(["a"]);
  });

  it("never hands one invocation to two concurrent claimers", async () => {
    const s = store().functions;
    for (let i = 0; i < 20; i++) await s.enqueueInvocation(invocation(`i${String(i).padStart(2, "0")}`, T0));
    const batches = await Promise.all(Array.from({ length: 8 }, () => s.claimInvocations(T0, 60_000, 3)));
    const ids = [...batches.flat(), ...(await s.claimInvocations(T0, 60_000, 100))].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(20);
  });
}
