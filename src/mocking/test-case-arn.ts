/** @module The `#TestCase` suffix Step Functions Local accepts on StartExecution's stateMachineArn. */

/**
 * Splits `arn:aws:states:us-east-1:123456789012:stateMachine:Name#HappyPath` into the state machine
 * ARN and the test case name (undefined without a `#`). State machine names cannot contain `#`.
 */
export function splitTestCaseArn(stateMachineArn: string): { readonly stateMachineArn: string; readonly testCaseName: string | undefined } {
  const hash = stateMachineArn.indexOf("#");
  if (hash < 0) return { stateMachineArn, testCaseName: undefined };
  return { stateMachineArn: stateMachineArn.slice(0, hash), testCaseName: stateMachineArn.slice(hash + 1) };
}
