import { describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { functionsCommand } from "./functions.js";
import type { LambdaClient } from "../functions/lambda-client.js";
import { detectRuntime } from "../functions/detect.js";

function fakeClient(existing: string[] = []) {
  const calls: { op: string; args: unknown[] }[] = [];
  const client: LambdaClient = {
    getFunction: async (name) => (calls.push({ op: "get", args: [name] }), existing.includes(name) ? { Configuration: {} } : undefined),
    createFunction: async (input) => (calls.push({ op: "create", args: [input] }), { FunctionName: input.FunctionName, Runtime: input.Runtime }),
    updateFunctionCode: async (name, zip) => (calls.push({ op: "code", args: [name, zip] }), { FunctionName: name }),
    updateFunctionConfiguration: async (name, input) => (calls.push({ op: "config", args: [name, input] }), { FunctionName: name }),
  };
  return { client, calls };
}

async function run(argv: string[], client: LambdaClient, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await functionsCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd }, { client, env: {} });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Entries of a base64 zip: path → [mode, content]. */
function entries(base64: string): Promise<Record<string, [number, string]>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(base64, "base64"), { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: Record<string, [number, string]> = {};
      zip!.on("entry", (entry: yauzl.Entry) => zip!.openReadStream(entry, async (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        for await (const c of stream!) chunks.push(c as Buffer);
        out[entry.fileName] = [(entry.externalFileAttributes >>> 16) & 0o170777, Buffer.concat(chunks).toString()];
        zip!.readEntry();
      }));
      zip!.on("end", () => resolve(out));
      zip!.readEntry();
    });
  });
}

describe("stepwise functions", () => {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-fn-cli-"));

  it("lists the templates", async () => {
    const { code, out } = await run(["templates"], fakeClient().client, dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^hello-world-nodejs\s+nodejs20\.x/m);
    expect(out).toMatch(/^hello-world-python\s+python3\.12/m);
    expect(out).toMatch(/^api-nodejs/m);
    expect(out).toMatch(/^stepfunctions-task-nodejs/m);
  });

  it("creates a function from a template, and saves its files when asked", async () => {
    const { client, calls } = fakeClient();
    const { code, out, err } = await run(["create", "greeter", "--template", "hello-world-python", "--save", "greeter-src"], client, dir);
    expect(code).toBe(0);
    const input = calls[0]!.args[0] as Record<string, unknown> & { Code: { ZipFile: string } };
    expect(input).toMatchObject({ FunctionName: "greeter", Runtime: "python3.12", Handler: "lambda_function.lambda_handler", Role: "arn:aws:iam::123456789012:role/stepwise-lambda" });
    const files = await entries(input.Code.ZipFile);
    expect(Object.keys(files)).toEqual(["lambda_function.py"]);
    expect(readFileSync(join(dir, "greeter-src", "lambda_function.py"), "utf8")).toBe(files["lambda_function.py"]![1]);
    expect(JSON.parse(out)).toMatchObject({ FunctionName: "greeter" });
    expect(err).toMatch(/lambda invoke --function-name greeter --cli-binary-format raw-in-base64-out/);
    await expect(run(["create", "x", "--template", "nope"], client, dir)).rejects.toThrow(/unknown template "nope"/);
    await expect(run(["create", "x"], client, dir)).rejects.toThrow(/needs --template/);
  });

  it("deploys a folder: creates it with a guessed runtime, or updates its code (and configuration)", async () => {
    const app = join(dir, "my app");
    mkdirSync(join(app, "lib"), { recursive: true });
    mkdirSync(join(app, ".git"));
    writeFileSync(join(app, "index.mjs"), "export const handler = async () => 1;");
    writeFileSync(join(app, "lib", "run.sh"), "#!/bin/sh");
    chmodSync(join(app, "lib", "run.sh"), 0o755);
    writeFileSync(join(app, ".git", "HEAD"), "x");
    symlinkSync("index.mjs", join(app, "alias.mjs"));
    const first = fakeClient();
    expect((await run(["deploy", "my app"], first.client, dir)).code).toBe(0);
    const input = first.calls[1]!.args[0] as Record<string, unknown> & { Code: { ZipFile: string } };
    expect(input).toMatchObject({ FunctionName: "my-app", Runtime: "nodejs20.x", Handler: "index.handler" });
    const files = await entries(input.Code.ZipFile);
    expect(Object.keys(files).sort()).toEqual(["alias.mjs", "index.mjs", "lib/run.sh"]);
    expect(files["lib/run.sh"]![0]).toBe(0o100755);
    expect(files["alias.mjs"]).toEqual([0o120777, "index.mjs"]);

    const again = fakeClient(["my-app"]);
    expect((await run(["deploy", "my app", "--timeout", "30"], again.client, dir)).code).toBe(0);
    expect(again.calls.map((c) => c.op)).toEqual(["get", "code", "config"]);
    expect(again.calls[2]!.args).toEqual(["my-app", { Timeout: 30 }]);
    expect((await entries(again.calls[1]!.args[1] as string))["index.mjs"]).toBeDefined();
    await expect(run(["deploy", "my app", "--memory", "lots"], again.client, dir)).rejects.toThrow(/--memory takes a whole number/);
  });

  it("guesses runtimes from a folder's files", async () => {
    const make = (name: string, files: string[]) => {
      const d = join(dir, name);
      mkdirSync(d);
      for (const f of files) writeFileSync(join(d, f), "");
      return d;
    };
    expect(await detectRuntime(make("py", ["lambda_function.py", "util.py"]))).toEqual({ runtime: "python3.12", handler: "lambda_function.lambda_handler" });
    expect(await detectRuntime(make("py2", ["app.py"]))).toEqual({ runtime: "python3.12", handler: "app.handler" });
    expect(await detectRuntime(make("custom", ["bootstrap", "index.js"]))).toEqual({ runtime: "provided.al2023", handler: "bootstrap" });
    expect(await detectRuntime(make("node", ["main.cjs"]))).toEqual({ runtime: "nodejs20.x", handler: "main.handler" });
    expect(await detectRuntime(make("none", ["README.md"]))).toBeUndefined();
    await expect(run(["deploy", "none"], fakeClient().client, dir)).rejects.toThrow(/give --runtime and --handler/);
  });
});
