import { describe, it, expect } from "vitest";
import {
  placeholderConflict, placeholderReplacements, statesArnPrefix, toPlaceholders, valueToPlaceholders, type RealNames,
} from "./placeholders.js";
import { toActualFromApi } from "./api-executor.js";
import { skipReason } from "./run-case.js";
import type { ConformanceCase } from "./types.js";
import { STANDARD_CONTEXT } from "./test-support.js";

const standardContext = STANDARD_CONTEXT;

const expressContext = {
  ...standardContext,
  stateMachineType: "EXPRESS",
  executionName: "<ExpressExecArn_Part1_0idx>",
  executionArn: "arn:<partition>:states:<region>:111111111111:express:<ArnPart_0idx>:<ExpressExecArn_Part1_0idx>:<ExpressExecArn_Part2_0idx>",
  roleArn: "sfn_role_arn",
} as const;

const real: RealNames = {
  stateMachineName: "conf-x1-sm-7",
  stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:conf-x1-sm-7",
  executionName: "conf-x1-ex-7",
  executionArn: "arn:aws:states:us-east-1:111111111111:execution:conf-x1-sm-7:conf-x1-ex-7",
  roleArn: "arn:aws:iam::111111111111:role/stepwise-conformance",
};

const expressArn = "arn:aws:states:us-east-1:111111111111:express:conf-x1-sm-7:conf-x1-ex-7:0b7c6a6e-1f3e-4c55-9b8e-2f4f1c9d0a11";

describe("placeholderReplacements", () => {
  it("maps whole ARNs first, then the ARN scope, then the bare names", () => {
    expect(placeholderReplacements(real, standardContext)).toEqual([
      { real: real.executionArn, placeholder: standardContext.executionArn },
      { real: real.stateMachineArn, placeholder: standardContext.stateMachineArn },
      { real: real.roleArn, placeholder: "snf_role_arn" },
      { real: "arn:aws:states:us-east-1:111111111111:", placeholder: "arn:<partition>:states:<region>:111111111111:" },
      { real: "conf-x1-ex-7", placeholder: "<ExecArnPart_0idx>" },
      { real: "conf-x1-sm-7", placeholder: "<ArnPart_0idx>" },
    ]);
  });

  it("turns the context object of a Standard execution into the case's placeholders", () => {
    const r = placeholderReplacements(real, standardContext);
    const context = {
      Execution: { Id: real.executionArn, Name: real.executionName, RoleArn: real.roleArn, StartTime: "2024-01-01T00:00:00Z" },
      StateMachine: { Id: real.stateMachineArn, Name: real.stateMachineName },
    };
    expect(valueToPlaceholders(context, r)).toEqual({
      Execution: { Id: standardContext.executionArn, Name: "<ExecArnPart_0idx>", RoleArn: "snf_role_arn", StartTime: "2024-01-01T00:00:00Z" },
      StateMachine: { Id: standardContext.stateMachineArn, Name: "<ArnPart_0idx>" },
    });
    expect(context.Execution.Id).toBe(real.executionArn);
  });

  it("maps the Express form of the execution ARN, UUID included", () => {
    const r = placeholderReplacements({ ...real, executionArn: expressArn }, expressContext);
    expect(toPlaceholders(`${expressArn} ran ${real.executionName} of ${real.stateMachineName} as ${real.roleArn}`, r)).toBe(
      `${expressContext.executionArn} ran <ExpressExecArn_Part1_0idx> of <ArnPart_0idx> as sfn_role_arn`,
    );
  });

  it("maps ARNs built from the machine's, such as map runs, through the scope and the name", () => {
    const r = placeholderReplacements(real, standardContext);
    const mapRun = "arn:aws:states:us-east-1:111111111111:mapRun:conf-x1-sm-7/Map:8c0c6c8e-6a8e-4c8e-9c1c-1c9a5e2f4b7d";
    expect(toPlaceholders(mapRun, r)).toBe(
      "arn:<partition>:states:<region>:111111111111:mapRun:<ArnPart_0idx>/Map:8c0c6c8e-6a8e-4c8e-9c1c-1c9a5e2f4b7d",
    );
  });

  it("maps object keys, array items and every occurrence, and leaves other values alone", () => {
    const r = placeholderReplacements(real, standardContext);
    expect(valueToPlaceholders({ [real.executionName]: [real.executionName, 1, null, true, `${real.executionName}+${real.executionName}`] }, r))
      .toEqual({ "<ExecArnPart_0idx>": ["<ExecArnPart_0idx>", 1, null, true, "<ExecArnPart_0idx>+<ExecArnPart_0idx>"] });
  });

  it("leaves out what the context does not name", () => {
    const r = placeholderReplacements(real, { stateMachineName: "<StateMachineName>" });
    expect(r).toEqual([{ real: "conf-x1-sm-7", placeholder: "<StateMachineName>" }]);
    expect(toPlaceholders(real.executionArn, r)).toBe("arn:aws:states:us-east-1:111111111111:execution:<StateMachineName>:conf-x1-ex-7");
  });
});

describe("toActualFromApi", () => {
  it("parses the output and maps output, error and cause; absent fields stay absent", () => {
    const r = placeholderReplacements(real, standardContext);
    expect(toActualFromApi({ status: "SUCCEEDED", output: JSON.stringify({ id: real.executionArn }) }, r))
      .toEqual({ status: "SUCCEEDED", output: { id: standardContext.executionArn } });
    expect(toActualFromApi({ status: "FAILED", error: `E.${real.stateMachineName}`, cause: `in ${real.executionArn}` }, r))
      .toEqual({ status: "FAILED", error: "E.<ArnPart_0idx>", cause: `in ${standardContext.executionArn}` });
    expect(toActualFromApi({ status: "SUCCEEDED", output: "null" }, r)).toEqual({ status: "SUCCEEDED", output: null });
  });
});

describe("statesArnPrefix", () => {
  it("is the partition, region and account part of a Step Functions ARN", () => {
    expect(statesArnPrefix(real.stateMachineArn)).toBe("arn:aws:states:us-east-1:111111111111:");
    expect(statesArnPrefix(real.roleArn)).toBeUndefined();
    expect(statesArnPrefix("nope")).toBeUndefined();
  });
});

describe("placeholderConflict", () => {
  const pass = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
  const makeCase = (over: Partial<ConformanceCase>): ConformanceCase => ({
    id: "t", category: "c", features: ["pass"], definition: pass, input: "{}", context: standardContext, expected: { status: "SUCCEEDED" }, ...over,
  });

  it("finds a case whose definition or input names its own placeholders", () => {
    expect(placeholderConflict(JSON.stringify(pass), "{}", standardContext)).toBeUndefined();
    expect(placeholderConflict(JSON.stringify(pass), JSON.stringify({ arn: standardContext.stateMachineArn }), standardContext))
      .toMatch(/input names the case's own state machine ARN/);
    const named = { StartAt: "P", States: { P: { Type: "Pass", Result: "<ExecArnPart_0idx>", End: true } } };
    expect(placeholderConflict(JSON.stringify(named), "{}", standardContext)).toMatch(/definition names the case's own execution name/);
  });

  it("makes such a case a skip with a reason through the API only", () => {
    const c = makeCase({ input: JSON.stringify({ role: "snf_role_arn" }) });
    expect(skipReason(c, { lambdas: false })).toBeUndefined();
    expect(skipReason(c, { lambdas: false, viaApi: true })).toMatch(/role ARN snf_role_arn/);
    expect(skipReason(makeCase({}), { lambdas: false, viaApi: true })).toBeUndefined();
  });
});
