/**
 * @module A case's Lambda functions created through the Lambda API (for runs through the server):
 * each under a generated name, its code zipped as the corpus deploys it (handler.py).
 */
import { zipFiles } from "../services/index.js";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { Replacement } from "./placeholders.js";
import type { ConformanceCase } from "./types.js";

export interface CaseFunctions {
  /** Each function's real ARN and name with the case's (ARNs first, as ARNs contain names). */
  readonly replacements: readonly Replacement[];
  /** `text` with the case's function ARNs and names replaced by the real ones (definition, input). */
  toReal(text: string): string;
  /** Deletes the functions (errors ignored). */
  remove(): Promise<void>;
}

export interface FunctionTarget {
  readonly client: LambdaClient;
  readonly sdk: typeof import("@aws-sdk/client-lambda");
  readonly region: string;
  readonly accountId: string;
  readonly roleArn: string;
}

/** Creates every function of the case as `${prefix}-${i}`; on a failure, removes those already made and throws. */
export async function createCaseFunctions(c: ConformanceCase, prefix: string, target: FunctionTarget): Promise<CaseFunctions> {
  const { client, sdk } = target;
  const created: string[] = [];
  const arns: Replacement[] = [];
  const names: Replacement[] = [];
  const remove = async () => {
    await Promise.all(created.map((name) => client.send(new sdk.DeleteFunctionCommand({ FunctionName: name })).catch(() => undefined)));
  };
  try {
    for (const [i, lambda] of (c.lambdas ?? []).entries()) {
      const name = `${prefix}-${i}`;
      await client.send(new sdk.CreateFunctionCommand({
        FunctionName: name, Runtime: (lambda.runtime ?? "python3.12") as never, Handler: lambda.handler ?? "handler.handler",
        Role: target.roleArn, Code: { ZipFile: await zipFiles({ "handler.py": lambda.code }) }, Timeout: 60, MemorySize: 128,
      }));
      created.push(name);
      arns.push({ real: `arn:aws:lambda:${target.region}:${target.accountId}:function:${name}`, placeholder: lambda.arn });
      names.push({ real: name, placeholder: lambda.name });
    }
  } catch (e) {
    await remove();
    throw e;
  }
  const replacements = [...arns, ...names];
  return {
    replacements,
    toReal: (text) => replacements.reduce((out, { real, placeholder }) => out.split(placeholder).join(real), text),
    remove,
  };
}
