/** @module A case's Lambda functions, run by the function runtime so its Lambda tasks call real code. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { JsonValue } from "../shared/json.js";
import type { FunctionRuntime, FunctionSpec } from "../runtime/index.js";
import { LambdaServiceError, lambdaTaskOf, runLambdaTask, type InvokeFunction } from "../integrations/index.js";
import type { TaskRequest } from "../runner/index.js";
import type { ConformanceCase } from "./types.js";

/** The runner's invokeTask for a case: its Lambda tasks call the case's functions; other tasks fall through. */
export function lambdaInvokerFor(c: ConformanceCase, runtime: FunctionRuntime): (request: TaskRequest) => Promise<JsonValue> | undefined {
  const specs = specsOf(c);
  const invoke: InvokeFunction = async (inv) => {
    const requestId = randomUUID();
    const spec = findSpec(specs, inv.functionName);
    if (!spec) {
      const { partition = "aws", region = "us-east-1", accountId = "123456789012" } = c.context;
      const arn = inv.functionName.startsWith("arn:") ? inv.functionName : `arn:${partition}:lambda:${region}:${accountId}:function:${inv.functionName}`;
      throw new LambdaServiceError("ResourceNotFoundException", `Function not found: ${arn}:${inv.qualifier ?? "$LATEST"}`, 404, requestId);
    }
    const result = await runtime.invoke(spec, inv.payload, { requestId });
    return {
      statusCode: 200, payload: result.payload, functionError: result.functionError, executedVersion: result.executedVersion, requestId,
      logResult: undefined,
    };
  };
  return (request) => {
    const task = lambdaTaskOf(request.resource, request.input);
    return task ? runLambdaTask(task, invoke) : undefined;
  };
}

function specsOf(c: ConformanceCase): FunctionSpec[] {
  return (c.lambdas ?? []).map((l) => {
    const codeDir = mkdtempSync(join(tmpdir(), "stepwise-conformance-fn-"));
    // The corpus deploys every function as handler.py (handler "handler.handler"); `file` names its source.
    writeFileSync(join(codeDir, "handler.py"), l.code);
    return {
      functionName: l.name, functionArn: l.arn, version: "$LATEST", runtime: l.runtime ?? "python3.12", handler: l.handler ?? "handler.handler",
      codeDir, revisionId: randomUUID(), memorySize: 128, timeoutSeconds: 60, environment: {}, region: c.context.region ?? "us-east-1",
      accountId: c.context.accountId ?? "123456789012", reservedConcurrency: undefined,
    };
  });
}

/** By name, ARN or ARN with a qualifier. */
function findSpec(specs: FunctionSpec[], name: string): FunctionSpec | undefined {
  const bare = name.replace(/:(\$LATEST|\d+)$/, "");
  return specs.find((s) => s.functionName === bare || s.functionArn === bare);
}
