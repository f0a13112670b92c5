/** @module Test support: a Standard execution's context as the corpus records it (placeholders for names and ARNs). */
export const STANDARD_CONTEXT = {
  stateMachineName: "<ArnPart_0idx>",
  stateMachineArn: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
  stateMachineType: "STANDARD",
  executionName: "<ExecArnPart_0idx>",
  executionArn: "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
  roleArn: "snf_role_arn",
  accountId: "111111111111",
  region: "<region>",
  partition: "<partition>",
} as const;
