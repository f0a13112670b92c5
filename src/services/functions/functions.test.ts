import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { ACCOUNT, REGION, ROLE, arnOf, createTestLambda, helloZip, rejectionOf, zipOf, type TestLambda } from "./test-support.js";

let l: TestLambda;
beforeEach(async () => (l = await createTestLambda()));
afterEach(async () => l.close());

describe("CreateFunction", () => {
  it("creates a function from a zip and shows AWS's FunctionConfiguration", async () => {
    const zip = await helloZip();
    const out = await l.create("hello", { Timeout: 5, MemorySize: 256, Environment: { Variables: { AA: "1" } }, Description: "d" }, zip);
    expect(out).toEqual({
      FunctionName: "hello", FunctionArn: arnOf("hello"), Runtime: "nodejs20.x", Role: ROLE, Handler: "index.handler", CodeSize: zip.byteLength,
      Description: "d", Timeout: 5, MemorySize: 256, LastModified: "2026-01-01T00:00:00.000+0000",
      CodeSha256: createHash("sha256").update(zip).digest("base64"), Version: "$LATEST", Environment: { Variables: { AA: "1" } },
      TracingConfig: { Mode: "PassThrough" }, RevisionId: expect.any(String), State: "Active", LastUpdateStatus: "Successful",
      PackageType: "Zip", Architectures: ["x86_64"], EphemeralStorage: { Size: 512 }, SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
      LoggingConfig: { LogFormat: "Text", LogGroup: "/aws/lambda/hello" },
    });
    const sha = createHash("sha256").update(zip).digest("hex");
    expect(readFileSync(join(l.codeDir, sha, "index.mjs"), "utf8")).toContain("export const handler");
  });

  it("applies AWS's defaults and records the architecture", async () => {
    const out = await l.create("arm", { Architectures: ["arm64"] });
    expect(out).toMatchObject({ Timeout: 3, MemorySize: 128, Description: "", Architectures: ["arm64"] });
    expect(out.Environment).toBeUndefined();
  });

  it("refuses a second function of the same name (409)", async () => {
    await l.create("dup");
    const e = await rejectionOf(l.create("dup"));
    expect(e).toMatchObject({ code: "ResourceConflictException", status: 409, message: "Function already exist: dup" });
  });

  it("validates parameters with AWS's errors", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ Timeout: 901 }, "ValidationException", /Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900/],
      [{ Timeout: 0 }, "ValidationException", /at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1/],
      [{ MemorySize: 64 }, "ValidationException", /Value '64' at 'memorySize'.*greater than or equal to 128/],
      [{ MemorySize: 10241 }, "ValidationException", /at 'memorySize'.*less than or equal to 10240/],
      [{ Role: "not-a-role" }, "ValidationException", /Value 'not-a-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      [{ Runtime: "cobol85" }, "ValidationException", /Value 'cobol85' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set/],
      [{ Runtime: "java21" }, "InvalidParameterValueException", /The runtime parameter of java21 is not supported by Stepwise/],
      [{ Environment: { Variables: { AWS_REGION: "x" } } }, "InvalidParameterValueException", /reserved keys .*: AWS_REGION$/],
      [{ Environment: { Variables: { "1bad": "x" } } }, "ValidationException", /Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy/],
      [{ Environment: { Variables: { BIG: "x".repeat(5000) } } }, "InvalidParameterValueException", /exceeded the 4KB limit/],
      [{ Architectures: ["sparc"] }, "ValidationException", /at 'architectures'/],
      [{ Handler: undefined }, "InvalidParameterValueException", /Runtime and Handler are mandatory parameters for functions created with deployment packages/],
      [{ Description: "x".repeat(257) }, "ValidationException", /at 'description'.*less than or equal to 256/],
      [{ FunctionName: "bad name" }, "ValidationException", /Value 'bad name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      [{ FunctionName: "f:1" }, "InvalidParameterValueException", /qualifier/i],
      [{ PackageType: "Image", Code: { ImageUri: "x" } }, "InvalidParameterValueException", /no container runtime is available/],
      [{ Code: { S3Bucket: "b", S3Key: "k" } }, "InvalidParameterValueException", /no S3/],
      [{ Code: undefined }, "ValidationException", /^1 validation error detected: Value null at 'code' failed to satisfy constraint: Member must not be null$/],
      [{ Code: {} }, "InvalidParameterValueException", /^Please provide a source for function code\.$/],
      [{ Role: undefined }, "ValidationException", /Value null at 'role' failed to satisfy constraint: Member must not be null/],
      [{ Code: { ZipFile: Buffer.from("not a zip").toString("base64") } }, "InvalidParameterValueException",
        /^Could not unzip uploaded file\. Please check your file, then try to upload again\.$/],
    ];
    for (const [extra, code, message] of cases) {
      const e = await rejectionOf(l.create("v", extra));
      expect({ extra, code: e.code, status: e.status }).toEqual({ extra, code, status: 400 });
      expect(e.message).toMatch(message);
    }
    expect((await l.call("ListFunctions", {})).Functions).toEqual([]);
  });

  it("publishes version 1 with Publish, and keeps tags", async () => {
    const out = await l.create("pub", { Publish: true, Tags: { team: "a" } });
    expect(out).toMatchObject({ Version: "1", FunctionArn: `${arnOf("pub")}:1` });
    expect((await l.call("ListTags", { Resource: arnOf("pub") })).Tags).toEqual({ team: "a" });
  });
});

describe("unpacking deployment packages safely", () => {
  it("keeps executable bits and symlinks that stay inside the package", async () => {
    const zip = await zipOf({ bootstrap: { content: "#!/bin/sh\n", mode: 0o100755 }, "lib/a.txt": "a", "link.txt": { content: "lib/a.txt", mode: 0o120777 } });
    await l.create("custom", { Runtime: "provided.al2023", Handler: "main" }, zip);
    const dir = join(l.codeDir, createHash("sha256").update(zip).digest("hex"));
    expect(statSync(join(dir, "bootstrap")).mode & 0o111).not.toBe(0);
    expect(statSync(join(dir, "lib/a.txt")).mode & 0o111).toBe(0);
    expect(readlinkSync(join(dir, "link.txt"))).toBe("lib/a.txt");
  });

  it("refuses entries and symlinks that leave the package", async () => {
    const escaping = (await zipOf({ "zz/evil.txt": "x" })).toString("latin1").replace(/zz\/evil\.txt/g, "../evil.txt");
    const e1 = await rejectionOf(l.create("evil", {}, Buffer.from(escaping, "latin1")));
    expect(e1.code).toBe("InvalidParameterValueException");
    const link = await zipOf({ "out.txt": { content: "../../etc/passwd", mode: 0o120777 } });
    const e2 = await rejectionOf(l.create("evil2", {}, link));
    expect(e2).toMatchObject({ code: "InvalidParameterValueException", message: expect.stringMatching(/symbolic link pointing outside/) });
    const absolute = await zipOf({ "abs.txt": { content: "/etc/passwd", mode: 0o120777 } });
    expect((await rejectionOf(l.create("evil3", {}, absolute))).code).toBe("InvalidParameterValueException");
    expect(existsSync(join(l.codeDir, "..", "evil.txt"))).toBe(false);
    expect((await l.call("ListFunctions", {})).Functions).toEqual([]);
  });

  it("refuses packages over 50 MB zipped with AWS's 413", async () => {
    const e = await rejectionOf(l.create("big", { Code: { ZipFile: "A".repeat(69_905_068) } }));
    expect(e).toMatchObject({ code: "RequestEntityTooLargeException", status: 413, message: "Request must be smaller than 69905067 bytes for the CreateFunction operation" });
  });
});

describe("reading, updating, listing and deleting", () => {
  it("GetFunction shows configuration, code location, tags and concurrency; GetFunctionConfiguration the configuration", async () => {
    const created = await l.create("g", { Tags: { k: "v" } });
    await l.call("PutFunctionConcurrency", { FunctionName: "g", ReservedConcurrentExecutions: 5 });
    const got = await l.call("GetFunction", { FunctionName: "g" });
    expect(got.Configuration).toEqual(created);
    expect(got.Code).toEqual({ RepositoryType: "S3", Location: expect.stringMatching(/^\/_stepwise\/lambda\/code\/[0-9a-f]{64}\.zip$/) });
    expect(got.Tags).toEqual({ k: "v" });
    expect(got.Concurrency).toEqual({ ReservedConcurrentExecutions: 5 });
    expect(await l.call("GetFunctionConfiguration", { FunctionName: arnOf("g") })).toEqual(created);
    expect(await l.call("GetFunctionConfiguration", { FunctionName: `${ACCOUNT}:function:g` })).toEqual(created);
    const missing = await rejectionOf(l.call("GetFunction", { FunctionName: "nope" }));
    expect(missing).toMatchObject({ code: "ResourceNotFoundException", status: 404, message: `Function not found: ${arnOf("nope")}` });
    const other = await rejectionOf(l.call("GetFunction", { FunctionName: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:g` }));
    expect(other.message).toBe(`Function not found: arn:aws:lambda:eu-west-1:${ACCOUNT}:function:g`);
    const zip = await l.call("StepwiseGetCodePackage", { Sha256: (got.Code as { Location: string }).Location.split("/").pop()! });
    expect(Buffer.from(zip.ZipFile as Uint8Array)).toEqual(await helloZip());
  });

  it("updates code and configuration, with new revisions, evicting warm sandboxes", async () => {
    const created = await l.create("u");
    const zip = await zipOf({ "index.mjs": "export const handler = async () => 2;" });
    const code = await l.call("UpdateFunctionCode", { FunctionName: "u", ZipFile: zip.toString("base64"), RevisionId: created.RevisionId });
    expect(code.CodeSha256).toBe(createHash("sha256").update(zip).digest("base64"));
    expect(code.RevisionId).not.toBe(created.RevisionId);
    const stale = await rejectionOf(l.call("UpdateFunctionConfiguration", { FunctionName: "u", Timeout: 10, RevisionId: created.RevisionId }));
    expect(stale).toMatchObject({ code: "PreconditionFailedException", status: 412 });
    const config = await l.call("UpdateFunctionConfiguration", { FunctionName: "u", Timeout: 10, Environment: { Variables: { BB: "2" } }, Handler: "main.go" });
    expect(config).toMatchObject({ Timeout: 10, Environment: { Variables: { BB: "2" } }, Handler: "main.go", CodeSha256: code.CodeSha256, MemorySize: 128 });
    expect(l.runtime.evictions).toEqual([{ arn: arnOf("u"), version: "$LATEST" }, { arn: arnOf("u"), version: "$LATEST" }]);
    const dry = await l.call("UpdateFunctionCode", { FunctionName: "u", ZipFile: (await helloZip()).toString("base64"), DryRun: true });
    expect(dry.CodeSha256).not.toBe(code.CodeSha256);
    expect((await l.call("GetFunctionConfiguration", { FunctionName: "u" })).CodeSha256).toBe(code.CodeSha256);
  });

  it("lists functions in pages (and versions with FunctionVersion ALL)", async () => {
    for (const n of ["c", "a", "b"]) await l.create(n);
    await l.call("PublishVersion", { FunctionName: "a" });
    const first = await l.call("ListFunctions", { MaxItems: "2" });
    expect((first.Functions as { FunctionName: string }[]).map((f) => f.FunctionName)).toEqual(["a", "b"]);
    const second = await l.call("ListFunctions", { MaxItems: 2, Marker: first.NextMarker });
    expect((second.Functions as { FunctionName: string }[]).map((f) => f.FunctionName)).toEqual(["c"]);
    expect(second.NextMarker).toBeUndefined();
    const all = await l.call("ListFunctions", { FunctionVersion: "ALL" });
    expect((all.Functions as { Version: string; FunctionName: string }[]).map((f) => `${f.FunctionName}:${f.Version}`)).toEqual(["a:$LATEST", "a:1", "b:$LATEST", "c:$LATEST"]);
    expect((await rejectionOf(l.call("ListFunctions", { Marker: "junk" }))).code).toBe("InvalidParameterValueException");
  });

  it("deletes a function with everything of it, or one version", async () => {
    await l.create("d");
    await l.call("PublishVersion", { FunctionName: "d" });
    await l.call("CreateAlias", { FunctionName: "d", Name: "live", FunctionVersion: "1" });
    const used = await rejectionOf(l.call("DeleteFunction", { FunctionName: "d", Qualifier: "1" }));
    expect(used).toMatchObject({ code: "ResourceConflictException", message: "Unable to delete version because the following aliases reference it: [live]" });
    expect((await rejectionOf(l.call("DeleteFunction", { FunctionName: "d", Qualifier: "$LATEST" }))).code).toBe("InvalidParameterValueException");
    await l.call("DeleteAlias", { FunctionName: "d", Name: "live" });
    await l.call("DeleteFunction", { FunctionName: "d:1" });
    expect((await rejectionOf(l.call("GetFunction", { FunctionName: "d", Qualifier: "1" }))).code).toBe("ResourceNotFoundException");
    await l.call("DeleteFunction", { FunctionName: "d" });
    expect((await rejectionOf(l.call("GetFunction", { FunctionName: "d" }))).code).toBe("ResourceNotFoundException");
    expect(l.runtime.evictions).toEqual([{ arn: arnOf("d"), version: "1" }, { arn: arnOf("d"), version: undefined }]);
    expect(REGION).toBe("us-east-1");
  });
});
