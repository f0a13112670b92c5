import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arnOf, createTestLambda, rejectionOf, zipOf, type TestLambda } from "./test-support.js";

let l: TestLambda;
beforeEach(async () => (l = await createTestLambda()));
afterEach(async () => l.close());

const updateCode = async (name: string, body: string) =>
  l.call("UpdateFunctionCode", { FunctionName: name, ZipFile: (await zipOf({ "index.mjs": body })).toString("base64") });

describe("PublishVersion and ListVersionsByFunction", () => {
  it("publishes numbered immutable versions, and nothing new when $LATEST is unchanged", async () => {
    await l.create("f", { Description: "latest" });
    const v1 = await l.call("PublishVersion", { FunctionName: "f", Description: "first" });
    expect(v1).toMatchObject({ Version: "1", FunctionArn: `${arnOf("f")}:1`, Description: "first" });
    expect(await l.call("PublishVersion", { FunctionName: "f" })).toMatchObject({ Version: "1" });
    await updateCode("f", "export const handler = async () => 2;");
    const v2 = await l.call("PublishVersion", { FunctionName: "f" });
    expect(v2).toMatchObject({ Version: "2", Description: "latest" });
    expect(v2.CodeSha256).not.toBe(v1.CodeSha256);
    await l.call("UpdateFunctionConfiguration", { FunctionName: "f", Timeout: 30 });
    expect(await l.call("GetFunctionConfiguration", { FunctionName: "f", Qualifier: "2" })).toMatchObject({ Timeout: 3, Version: "2" });
    const listed = await l.call("ListVersionsByFunction", { FunctionName: "f" });
    expect((listed.Versions as { Version: string; FunctionArn: string }[]).map((v) => [v.Version, v.FunctionArn])).toEqual([
      ["$LATEST", `${arnOf("f")}:$LATEST`], ["1", `${arnOf("f")}:1`], ["2", `${arnOf("f")}:2`],
    ]);
    const paged = await l.call("ListVersionsByFunction", { FunctionName: "f", MaxItems: 1 });
    expect((paged.Versions as unknown[]).length).toBe(2);
    const rest = await l.call("ListVersionsByFunction", { FunctionName: "f", MaxItems: 1, Marker: paged.NextMarker });
    expect((rest.Versions as { Version: string }[]).map((v) => v.Version)).toEqual(["2"]);
  });

  it("checks RevisionId and CodeSha256 preconditions", async () => {
    const created = await l.create("f");
    expect((await rejectionOf(l.call("PublishVersion", { FunctionName: "f", RevisionId: "old" }))).code).toBe("PreconditionFailedException");
    expect((await rejectionOf(l.call("PublishVersion", { FunctionName: "f", CodeSha256: "abc" }))).code).toBe("InvalidParameterValueException");
    expect(await l.call("PublishVersion", { FunctionName: "f", CodeSha256: created.CodeSha256, RevisionId: created.RevisionId })).toMatchObject({ Version: "1" });
  });
});

describe("aliases", () => {
  it("creates, reads, updates, lists and deletes aliases with AWS's shapes and errors", async () => {
    await l.create("f");
    await l.call("PublishVersion", { FunctionName: "f" });
    await updateCode("f", "export const handler = async () => 2;");
    await l.call("PublishVersion", { FunctionName: "f" });
    const prod = await l.call("CreateAlias", { FunctionName: "f", Name: "prod", FunctionVersion: "1", Description: "live" });
    expect(prod).toEqual({ AliasArn: `${arnOf("f")}:prod`, Name: "prod", FunctionVersion: "1", Description: "live", RevisionId: expect.any(String) });
    const dup = await rejectionOf(l.call("CreateAlias", { FunctionName: "f", Name: "prod", FunctionVersion: "1" }));
    expect(dup).toMatchObject({ code: "ResourceConflictException", status: 409, message: `Alias already exists: ${arnOf("f")}:prod` });
    const missingVersion = await rejectionOf(l.call("CreateAlias", { FunctionName: "f", Name: "x", FunctionVersion: "9" }));
    expect(missingVersion).toMatchObject({ code: "ResourceNotFoundException", message: `Function not found: ${arnOf("f")}:9` });
    expect((await rejectionOf(l.call("CreateAlias", { FunctionName: "f", Name: "123", FunctionVersion: "1" }))).code).toBe("ValidationException");

    const canary = await l.call("UpdateAlias", { FunctionName: "f", Name: "prod", RoutingConfig: { AdditionalVersionWeights: { "2": 0.25 } } });
    expect(canary).toMatchObject({ FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.25 } }, Description: "live" });
    expect(canary.RevisionId).not.toBe(prod.RevisionId);
    const stale = await rejectionOf(l.call("UpdateAlias", { FunctionName: "f", Name: "prod", RevisionId: prod.RevisionId }));
    expect(stale.code).toBe("PreconditionFailedException");
    expect((await rejectionOf(l.call("UpdateAlias", { FunctionName: "f", Name: "prod", FunctionVersion: "2" }))).code).toBe("InvalidParameterValueException");
    const latestRouting = await rejectionOf(l.call("CreateAlias", { FunctionName: "f", Name: "x", FunctionVersion: "$LATEST", RoutingConfig: { AdditionalVersionWeights: { "1": 0.5 } } }));
    expect(latestRouting.message).toBe("$LATEST is not supported for an alias pointing to more than 1 version");

    await l.call("CreateAlias", { FunctionName: "f", Name: "beta", FunctionVersion: "$LATEST" });
    expect(await l.call("GetAlias", { FunctionName: "f", Name: "beta" })).toMatchObject({ FunctionVersion: "$LATEST" });
    const all = await l.call("ListAliases", { FunctionName: "f" });
    expect((all.Aliases as { Name: string }[]).map((a) => a.Name)).toEqual(["beta", "prod"]);
    const ofOne = await l.call("ListAliases", { FunctionName: "f", FunctionVersion: "1" });
    expect((ofOne.Aliases as { Name: string }[]).map((a) => a.Name)).toEqual(["prod"]);
    await l.call("DeleteAlias", { FunctionName: "f", Name: "beta" });
    await l.call("DeleteAlias", { FunctionName: "f", Name: "beta" });
    const gone = await rejectionOf(l.call("GetAlias", { FunctionName: "f", Name: "beta" }));
    expect(gone).toMatchObject({ code: "ResourceNotFoundException", status: 404, message: `Alias not found: ${arnOf("f")}:beta` });
  });

  it("GetFunction through an alias shows the version it points at", async () => {
    await l.create("f");
    await l.call("PublishVersion", { FunctionName: "f" });
    await l.call("CreateAlias", { FunctionName: "f", Name: "live", FunctionVersion: "1" });
    const got = await l.call("GetFunction", { FunctionName: "f:live" });
    expect(got.Configuration).toMatchObject({ Version: "1", FunctionArn: `${arnOf("f")}:live` });
    const mismatch = await rejectionOf(l.call("GetFunction", { FunctionName: "f:live", Qualifier: "1" }));
    expect(mismatch).toMatchObject({ code: "InvalidParameterValueException", message: "The derived qualifier from the function name does not match the specified qualifier." });
  });
});
