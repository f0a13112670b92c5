import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arnOf, createTestLambda, rejectionOf, type TestLambda } from "./test-support.js";

let l: TestLambda;
beforeEach(async () => (l = await createTestLambda()));
afterEach(async () => l.close());

describe("concurrency", () => {
  it("puts, gets and deletes reserved concurrency, keeping 100 unreserved", async () => {
    await l.create("a");
    await l.create("b");
    expect(await l.call("GetFunctionConcurrency", { FunctionName: "a" })).toEqual({});
    expect(await l.call("PutFunctionConcurrency", { FunctionName: "a", ReservedConcurrentExecutions: 800 })).toEqual({ ReservedConcurrentExecutions: 800 });
    expect(await l.call("GetFunctionConcurrency", { FunctionName: "a" })).toEqual({ ReservedConcurrentExecutions: 800 });
    const over = await rejectionOf(l.call("PutFunctionConcurrency", { FunctionName: "b", ReservedConcurrentExecutions: 101 }));
    expect(over).toMatchObject({
      code: "InvalidParameterValueException",
      message: "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    });
    await l.call("PutFunctionConcurrency", { FunctionName: "a", ReservedConcurrentExecutions: 900 });
    const settings = await l.call("GetAccountSettings", {});
    expect(settings.AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 100 });
    expect(settings.AccountUsage).toMatchObject({ FunctionCount: 2 });
    await l.call("DeleteFunctionConcurrency", { FunctionName: "a" });
    expect(await l.call("GetFunctionConcurrency", { FunctionName: "a" })).toEqual({});
    expect((await rejectionOf(l.call("PutFunctionConcurrency", { FunctionName: "a", ReservedConcurrentExecutions: -1 }))).code).toBe("ValidationException");
    expect((await rejectionOf(l.call("PutFunctionConcurrency", { FunctionName: "nope", ReservedConcurrentExecutions: 1 }))).status).toBe(404);
  });
});

describe("tags", () => {
  it("tags, lists and untags functions by ARN", async () => {
    await l.create("t", { Tags: { a: "1" } });
    await l.call("TagResource", { Resource: arnOf("t"), Tags: { b: "2", a: "3" } });
    expect(await l.call("ListTags", { Resource: arnOf("t") })).toEqual({ Tags: { a: "3", b: "2" } });
    await l.call("UntagResource", { Resource: arnOf("t"), TagKeys: ["a"] });
    expect(await l.call("ListTags", { Resource: arnOf("t") })).toEqual({ Tags: { b: "2" } });
    expect((await rejectionOf(l.call("ListTags", { Resource: arnOf("nope") }))).code).toBe("ResourceNotFoundException");
    expect((await rejectionOf(l.call("ListTags", { Resource: "t" }))).code).toBe("ValidationException");
    expect((await rejectionOf(l.call("TagResource", { Resource: `${arnOf("t")}:1`, Tags: { x: "y" } }))).code).toBe("InvalidParameterValueException");
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    const tooMany = await rejectionOf(l.call("TagResource", { Resource: arnOf("t"), Tags: many }));
    expect(tooMany).toMatchObject({ code: "InvalidParameterValueException", message: "Number of tags exceeds resource tag limit." });
  });
});
