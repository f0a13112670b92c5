/**
 * @module `stepwise functions`: Lambda functions on a running Stepwise from built-in templates
 * (`create --template`) or a local folder (`deploy DIR`), and the template list.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { FUNCTION_TEMPLATES, RUNTIMES, zipFiles } from "../../services/index.js";
import { detectRuntime, nameFromFolder } from "../functions/detect.js";
import { createLambdaClient, type LambdaClient } from "../functions/lambda-client.js";
import { zipFolder } from "../functions/zip-folder.js";
import { CliError, ExitCode, type CliIO } from "../io.js";

export const FUNCTIONS_USAGE = `usage:
  stepwise functions templates                      list the built-in templates
  stepwise functions create NAME --template T       create function NAME from template T on a running Stepwise
      [--save DIR]                                  ... and write the template's files to DIR (to edit, then deploy)
  stepwise functions deploy DIR [--name NAME]       zip DIR and create the function, or update its code when it exists
      [--runtime R] [--handler H]                   (default: guessed from DIR: bootstrap, index.mjs, lambda_function.py ...)
      [--timeout S] [--memory MB]

common options:
  --endpoint URL    the Stepwise server (STEPWISE_ENDPOINT, default http://127.0.0.1:8083)
  --role ARN        the execution role recorded on new functions (default arn:aws:iam::123456789012:role/stepwise-lambda)

runtimes: ${RUNTIMES.join(", ")}`;

const OPTIONS = {
  template: { type: "string" }, save: { type: "string" }, name: { type: "string" }, runtime: { type: "string" }, handler: { type: "string" },
  timeout: { type: "string" }, memory: { type: "string" }, endpoint: { type: "string" }, role: { type: "string" }, help: { type: "boolean", short: "h" },
} as const;

const DEFAULT_ROLE = "arn:aws:iam::123456789012:role/stepwise-lambda";

export interface FunctionsCommandDeps {
  readonly env?: NodeJS.ProcessEnv;
  /** For tests: talk to a client instead of the endpoint. */
  readonly client?: LambdaClient;
}

export async function functionsCommand(argv: readonly string[], io: CliIO, deps: FunctionsCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  const [sub, ...rest] = positionals;
  if (values.help || sub === undefined || sub === "help") {
    io.out(FUNCTIONS_USAGE);
    return ExitCode.OK;
  }
  const env = deps.env ?? process.env;
  const client = () => deps.client ?? createLambdaClient(values.endpoint ?? env.STEPWISE_ENDPOINT ?? "http://127.0.0.1:8083");
  const role = values.role ?? DEFAULT_ROLE;
  switch (sub) {
    case "templates":
      for (const t of FUNCTION_TEMPLATES) io.out(`${t.name.padEnd(28)}${t.runtime.padEnd(14)}${t.description}`);
      return ExitCode.OK;
    case "create": {
      if (rest.length !== 1) throw new CliError("functions create takes one function NAME");
      if (values.template === undefined) throw new CliError(`functions create needs --template (one of: ${FUNCTION_TEMPLATES.map((t) => t.name).join(", ")})`);
      const template = FUNCTION_TEMPLATES.find((t) => t.name === values.template);
      if (!template) throw new CliError(`unknown template "${values.template}" (one of: ${FUNCTION_TEMPLATES.map((t) => t.name).join(", ")})`);
      if (values.save !== undefined) await saveFiles(resolve(io.cwd, values.save), template.files);
      const created = await client().createFunction({
        FunctionName: rest[0], Runtime: template.runtime, Handler: template.handler, Role: role, Description: `From the ${template.name} template`,
        Code: { ZipFile: (await zipFiles(template.files)).toString("base64") },
      });
      io.out(JSON.stringify(summary(created), null, 2));
      io.err(`try it: aws --endpoint-url <endpoint> lambda invoke --function-name ${rest[0]} --cli-binary-format raw-in-base64-out --payload '${JSON.stringify(template.sampleEvent)}' out.json`);
      return ExitCode.OK;
    }
    case "deploy": {
      if (rest.length !== 1) throw new CliError("functions deploy takes one folder");
      const dir = resolve(io.cwd, rest[0]!);
      const name = values.name ?? nameFromFolder(dir);
      let zip: Buffer;
      try {
        zip = await zipFolder(dir);
      } catch (e) {
        throw new CliError(`cannot read the folder ${rest[0]}: ${(e as Error).message}`);
      }
      const lambda = client();
      const config = {
        ...(values.runtime ? { Runtime: values.runtime } : {}), ...(values.handler ? { Handler: values.handler } : {}),
        ...(values.timeout ? { Timeout: integer(values.timeout, "--timeout") } : {}), ...(values.memory ? { MemorySize: integer(values.memory, "--memory") } : {}),
      };
      if (await lambda.getFunction(name)) {
        let result = await lambda.updateFunctionCode(name, zip.toString("base64"));
        if (Object.keys(config).length > 0) result = await lambda.updateFunctionConfiguration(name, config);
        io.out(JSON.stringify(summary(result), null, 2));
        return ExitCode.OK;
      }
      const detected = await detectRuntime(dir);
      const runtime = values.runtime ?? detected?.runtime;
      const handler = values.handler ?? detected?.handler;
      if (!runtime || !handler) throw new CliError(`cannot tell the runtime and handler of ${rest[0]}: give --runtime and --handler`);
      const created = await lambda.createFunction({ FunctionName: name, Role: role, ...config, Runtime: runtime, Handler: handler, Code: { ZipFile: zip.toString("base64") } });
      io.out(JSON.stringify(summary(created), null, 2));
      return ExitCode.OK;
    }
    default:
      throw new CliError(`unknown functions command "${sub}" (templates, create, deploy)`);
  }
}

const summary = (c: Record<string, unknown>) => ({
  FunctionName: c.FunctionName, FunctionArn: c.FunctionArn, Runtime: c.Runtime, Handler: c.Handler, CodeSha256: c.CodeSha256,
  CodeSize: c.CodeSize, Version: c.Version, RevisionId: c.RevisionId,
});

function integer(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} takes a whole number, not ${JSON.stringify(text)}`);
  return Number(text);
}

async function saveFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, { flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "EEXIST") throw new CliError(`${target} exists already: choose another --save folder`);
      throw e;
    });
  }
}
