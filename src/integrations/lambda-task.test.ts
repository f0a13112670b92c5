import { describe, it, expect } from "vitest";
import { lambdaTaskOf, runLambdaTask } from "./lambda-task.js";
import { LambdaServiceError, type InvokeFunction, type LambdaInvocation } from "./lambda-types.js";

const echo: InvokeFunction = async (inv) => ({
  statusCode: 200, payload: `{"got": ${inv.payload}}`, functionError: undefined, executedVersion: "$LATEST", requestId: "req-1", logResult: undefined,
});

describe("Lambda tasks", () => {
  it("ignores resources that are not Lambda", () => {
    expect(lambdaTaskOf("arn:aws:states:::sqs:sendMessage", {})).toBeUndefined();
    expect(lambdaTaskOf("my-handler", {})).toBeUndefined();
  });

  it("passes a function ARN's input as the payload and returns the raw result", async () => {
    const task = lambdaTaskOf("arn:aws:lambda:us-east-1:111111111111:function:f", { a: 1 })!;
    expect(task.invocation).toMatchObject({ functionName: "arn:aws:lambda:us-east-1:111111111111:function:f", payload: '{"a":1}' });
    expect(await runLambdaTask(task, echo)).toEqual({ got: { a: 1 } });
  });

  it("wraps lambda:invoke results as AWS does, Content-Length counting the payload's bytes", async () => {
    const task = lambdaTaskOf("arn:aws:states:::lambda:invoke", { FunctionName: "f", Payload: { x: "é" } })!;
    const result = (await runLambdaTask(task, echo)) as Record<string, any>;
    expect(result.Payload).toEqual({ got: { x: "é" } });
    expect(result.StatusCode).toBe(200);
    expect(result.ExecutedVersion).toBe("$LATEST");
    expect(result.SdkResponseMetadata).toEqual({ RequestId: "req-1" });
    expect(result.SdkHttpMetadata.HttpHeaders["Content-Length"]).toBe(String(Buffer.byteLength('{"got": {"x":"é"}}')));
    expect(result.SdkHttpMetadata.AllHttpHeaders["x-amzn-RequestId"]).toEqual(["req-1"]);
  });

  it("reads the qualifier, invocation type and log type of lambda:invoke", () => {
    const task = lambdaTaskOf("arn:aws:states:::lambda:invoke", { FunctionName: "f", Qualifier: "live", InvocationType: "Event", LogType: "Tail" })!;
    const inv: LambdaInvocation = task.invocation;
    expect(inv).toMatchObject({ qualifier: "live", invocationType: "Event", logType: "Tail", payload: "{}" });
  });

  it("maps a function error to its errorType and the error payload as cause", async () => {
    const failing: InvokeFunction = async () => ({
      statusCode: 200, payload: '{"errorMessage": "boom", "errorType": "ValueError"}', functionError: "Unhandled",
      executedVersion: "$LATEST", requestId: "r", logResult: undefined,
    });
    const task = lambdaTaskOf("arn:aws:states:::lambda:invoke", { FunctionName: "f" })!;
    // lambda:invoke re-serialises the error payload compactly; a function ARN task passes it on as it came.
    await expect(runLambdaTask(task, failing)).rejects.toEqual({ error: "ValueError", cause: '{"errorMessage":"boom","errorType":"ValueError"}' });
    const legacy = lambdaTaskOf("arn:aws:lambda:us-east-1:1:function:f", {})!;
    await expect(runLambdaTask(legacy, failing)).rejects.toEqual({ error: "ValueError", cause: '{"errorMessage": "boom", "errorType": "ValueError"}' });
  });

  it("maps a service error to Lambda.<Code> with the Java SDK's message", async () => {
    const missing: InvokeFunction = async () => {
      throw new LambdaServiceError("ResourceNotFoundException", "Function not found: arn:aws:lambda:r:1:function:nope:$LATEST", 404, "rid");
    };
    const task = lambdaTaskOf("arn:aws:states:::lambda:invoke", { FunctionName: "nope" })!;
    await expect(runLambdaTask(task, missing)).rejects.toEqual({
      error: "Lambda.ResourceNotFoundException",
      cause: "Function not found: arn:aws:lambda:r:1:function:nope:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: rid; Proxy: null)",
    });
  });
});
