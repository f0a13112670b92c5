import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { JsonValue } from "../shared/json.js";
import { silentLogger } from "../api/index.js";
import { createApiExecutor, createInProcessExecutor, type ApiExecutor } from "./executors.js";
import type { ConformanceCase } from "./types.js";

const contextFor = (type: "STANDARD" | "EXPRESS") => ({
  stateMachineName: "<ArnPart_0idx>",
  stateMachineArn: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
  stateMachineType: type,
  executionName: type === "EXPRESS" ? "<SyncExecArn_Part1_0idx>" : "<ExecArnPart_0idx>",
  executionArn: type === "EXPRESS"
    ? "arn:<partition>:states:<region>:111111111111:express:<ArnPart_0idx>:<SyncExecArn_Part1_0idx>:<SyncExecArn_Part2_0idx>"
    : "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
  roleArn: "snf_role_arn",
  accountId: "111111111111",
  region: "<region>",
  partition: "<partition>",
} as const);

const makeCase = (id: string, definition: JsonValue, type: "STANDARD" | "EXPRESS" = "STANDARD", input = "{}"): ConformanceCase => ({
  id, category: "test", features: [], definition, input, context: contextFor(type), expected: { status: "SUCCEEDED" },
});

/** Names and ARNs from the context object: the same in the placeholder world, whichever way the case runs. */
const whoAmI = {
  StartAt: "Who",
  States: {
    Who: {
      Type: "Pass",
      Parameters: {
        "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "role.$": "$$.Execution.RoleArn",
        "machine.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name", "input.$": "$",
      },
      Next: "Wait",
    },
    Wait: { Type: "Wait", Seconds: 0, Next: "Fail" },
    Fail: { Type: "Fail", ErrorPath: "$.name", CausePath: "States.Format('{} of {}', $.id, $.machine)" },
  },
};
const succeed = { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "id.$": "$$.Execution.Id", "in.$": "$.a" }, End: true } } };

describe("createApiExecutor", () => {
  let api: ApiExecutor;
  beforeAll(async () => {
    api = await createApiExecutor({ timeoutMs: 5000, jobs: 2, logger: silentLogger });
  });
  afterAll(() => api?.close());

  it("gives the in-process runner's results for Standard and Express executions", async () => {
    const cases = [
      makeCase("standard-fail", whoAmI),
      makeCase("express-fail", whoAmI, "EXPRESS"),
      makeCase("standard-ok", succeed, "STANDARD", '{"a": [1, "x"]}'),
      makeCase("express-ok", succeed, "EXPRESS", '{"a": {"b": null}}'),
    ];
    const inProcess = createInProcessExecutor(5000);
    const viaApi = await Promise.all(cases.map((c) => api.execute(c)));
    const local = await Promise.all(cases.map((c) => inProcess.execute(c)));
    expect(viaApi).toEqual(local);
    expect(viaApi[0]).toEqual({
      kind: "result",
      actual: {
        status: "FAILED", error: "<ExecArnPart_0idx>",
        cause: `${contextFor("STANDARD").executionArn} of ${contextFor("STANDARD").stateMachineArn}`,
      },
    });
    expect(viaApi[3]).toEqual({ kind: "result", actual: { status: "SUCCEEDED", output: { id: contextFor("EXPRESS").executionArn, in: { b: null } } } });
  });

  it("creates a case's Lambda functions with the Lambda API and maps their names and ARNs back", async () => {
    const lambda = {
      name: "<lambda_function_name>", arn: "arn:<partition>:lambda:<region>:111111111111:function:<lambda_function_name>",
      runtime: "python3.12", handler: "handler.handler", file: "id_function.py", code: "def handler(event, context):\n    return event\n",
    };
    const definition = {
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { "FunctionName.$": "$.fn", "Payload.$": "$" }, ResultSelector: { "echo.$": "$.Payload" }, Next: "Missing" },
        Missing: {
          Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "other_<lambda_function_name>" },
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.missing", Next: "Done" }], End: true,
        },
        Done: { Type: "Pass", End: true },
      },
    };
    const c = { ...makeCase("lambda", definition, "STANDARD", JSON.stringify({ fn: lambda.arn })), lambdas: [lambda] };
    const r = await api.execute(c);
    expect(r).toMatchObject({
      kind: "result",
      actual: {
        status: "SUCCEEDED",
        output: {
          echo: { fn: lambda.arn },
          missing: { Error: "Lambda.ResourceNotFoundException", Cause: expect.stringContaining(`Function not found: arn:<partition>:lambda:<region>:111111111111:function:other_<lambda_function_name>:$LATEST`) },
        },
      },
    });
  });

  it("reports a definition the API refuses as invalid", async () => {
    const r = await api.execute(makeCase("bad", { StartAt: "Nowhere", States: { P: { Type: "Pass", End: true } } }));
    expect(r).toMatchObject({ kind: "invalid", message: expect.stringContaining("InvalidDefinition") });
  });

  it("gives up on an execution that outlives the timeout", async () => {
    const quick = await createApiExecutor({ timeoutMs: 200, jobs: 1, logger: silentLogger });
    try {
      const r = await quick.execute(makeCase("slow", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 30, End: true } } }));
      expect(r).toEqual({ kind: "timeout", timeoutMs: 200 });
    } finally {
      await quick.close();
    }
  });
});
