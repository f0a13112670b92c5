import { describe, expect, it } from "vitest";
import { validateDefinition } from "./index.js";

// Valid definitions from the AWS Step Functions developer guide (state reference pages, error
// handling, intrinsic functions, variables, JSONata). Each must validate without an ERROR.
const EXAMPLES: Record<string, unknown> = {
  "Hello World": {
    Comment: "A Hello World example of the Amazon States Language using a Pass state",
    StartAt: "HelloWorld",
    States: { HelloWorld: { Type: "Pass", End: true } },
  },
  "Choice state": {
    StartAt: "ChoiceStateX",
    States: {
      ChoiceStateX: {
        Type: "Choice",
        Choices: [
          { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
          { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
          {
            And: [
              { Variable: "$.value", NumericGreaterThanEquals: 20 },
              { Variable: "$.value", NumericLessThan: 30 },
            ],
            Next: "ValueInTwenties",
          },
        ],
        Default: "DefaultState",
      },
      Public: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:Foo", Next: "NextState" },
      ValueIsZero: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:Zero", Next: "NextState" },
      ValueInTwenties: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:Bar", Next: "NextState" },
      NextState: { Type: "Succeed" },
      DefaultState: { Type: "Fail", Cause: "No Matches!" },
    },
  },
  "Parallel state": {
    Comment: "Parallel Example.",
    StartAt: "LookupCustomerInfo",
    States: {
      LookupCustomerInfo: {
        Type: "Parallel",
        End: true,
        Branches: [
          {
            StartAt: "LookupAddress",
            States: { LookupAddress: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:AddressFinder", End: true } },
          },
          {
            StartAt: "LookupPhone",
            States: { LookupPhone: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder", End: true } },
          },
        ],
      },
    },
  },
  "Wait states": {
    StartAt: "wait_ten_seconds",
    States: {
      wait_ten_seconds: { Type: "Wait", Seconds: 10, Next: "wait_until" },
      wait_until: { Type: "Wait", Timestamp: "2016-03-14T01:59:00Z", Next: "wait_path" },
      wait_path: { Type: "Wait", TimestampPath: "$.expirydate", Next: "wait_seconds_path" },
      wait_seconds_path: { Type: "Wait", SecondsPath: "$.waitSeconds", End: true },
    },
  },
  "Pass state with Result and ResultPath": {
    StartAt: "No-op",
    States: {
      "No-op": { Type: "Pass", Result: { "x-datum": 0.381018, "y-datum": 622.2269926397355 }, ResultPath: "$.coords", Next: "End" },
      End: { Type: "Succeed" },
    },
  },
  "Retry and Catch": {
    Comment: "A Hello World example of the Amazon States Language using an AWS Lambda function",
    StartAt: "HelloWorld",
    States: {
      HelloWorld: {
        Type: "Task",
        Resource: "arn:aws:lambda:us-east-1:123456789012:function:FailFunction",
        Retry: [
          { ErrorEquals: ["HandledError"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0 },
          { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2.0, MaxDelaySeconds: 60, JitterStrategy: "FULL" },
          { ErrorEquals: ["States.ALL"], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2.0 },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error-info", Next: "fallback" }],
        End: true,
      },
      fallback: { Type: "Pass", Result: "This is a fallback from any error code", End: true },
    },
  },
  "Lambda invoke with Parameters, ResultSelector, intrinsic functions": {
    StartAt: "Invoke",
    States: {
      Invoke: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: {
          FunctionName: "arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST",
          "Payload.$": "$",
          "greeting.$": "States.Format('Hello, my name is {}.', $.name)",
          "id.$": "States.UUID()",
          "arr.$": "States.Array('Foo', 2020, $.someJson, null)",
          "exec.$": "$$.Execution.Id",
        },
        ResultSelector: { "payload.$": "$.Payload", "status.$": "$.StatusCode" },
        ResultPath: "$.result",
        OutputPath: "$.result",
        TimeoutSeconds: 300,
        HeartbeatSeconds: 60,
        Next: "Fail on error",
      },
      "Fail on error": {
        Type: "Fail",
        ErrorPath: "$.result.payload.error",
        CausePath: "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)",
      },
    },
  },
  "Inline Map with ItemProcessor and ItemSelector": {
    StartAt: "ExampleMapState",
    States: {
      ExampleMapState: {
        Type: "Map",
        ItemsPath: "$.detail.shipped",
        MaxConcurrency: 0,
        ItemSelector: { "parcel.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "delivery-partner.$": "$.delivery-partner" },
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "CallLambda",
          States: {
            CallLambda: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              OutputPath: "$.Payload",
              Parameters: { "Payload.$": "$", FunctionName: "arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST" },
              End: true,
            },
          },
        },
        ResultPath: "$.detail.shipped",
        End: true,
      },
    },
  },
  "Distributed Map with batching and tolerated failures": {
    StartAt: "Map",
    States: {
      Map: {
        Type: "Map",
        Label: "ProcessItems",
        ItemsPath: "$.items",
        ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { "factor.$": "$.factor" } },
        MaxConcurrency: 1000,
        ToleratedFailurePercentage: 5,
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
          StartAt: "Process",
          States: { Process: { Type: "Pass", End: true } },
        },
        End: true,
      },
    },
  },
  "Legacy Map with Iterator and Parameters": {
    StartAt: "Validate-All",
    States: {
      "Validate-All": {
        Type: "Map",
        InputPath: "$.detail",
        ItemsPath: "$.shipped",
        MaxConcurrency: 0,
        Parameters: { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
        Iterator: { StartAt: "Validate", States: { Validate: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:ship-val", End: true } } },
        ResultPath: "$.detail.shipped",
        End: true,
      },
    },
  },
  "Variables in JSONPath": {
    StartAt: "Assign",
    States: {
      Assign: { Type: "Pass", Assign: { productName: "product1", count: 42, available: true }, Next: "Use" },
      Use: {
        Type: "Pass",
        Parameters: { "product.$": "$productName", "count.$": "$count" },
        Assign: { "product.$": "$.order.product", "currentPrice.$": "$.Payload.current_price" },
        End: true,
      },
    },
  },
  "JSONata machine": {
    Comment: "JSONata example",
    QueryLanguage: "JSONata",
    StartAt: "Get price",
    States: {
      "Get price": {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:GetPrice", Payload: { product: "{% $states.input.product %}" } },
        Assign: { currentPrice: "{% $states.result.Payload.current_price %}" },
        Output: "{% $states.result.Payload %}",
        Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1, JitterStrategy: "FULL" }],
        Catch: [{ ErrorEquals: ["States.ALL"], Output: { error: "{% $states.errorOutput.Error %}" }, Next: "Failed" }],
        TimeoutSeconds: "{% $states.input.timeout %}",
        Next: "Check price",
      },
      "Check price": {
        Type: "Choice",
        Choices: [{ Condition: "{% $currentPrice > 100 %}", Next: "Wait", Assign: { expensive: true } }],
        Default: "Done",
      },
      Wait: { Type: "Wait", Seconds: "{% $count($states.input.items) %}", Next: "Items" },
      Items: {
        Type: "Map",
        Items: "{% $states.input.items %}",
        ItemSelector: { item: "{% $states.context.Map.Item.Value %}", index: "{% $states.context.Map.Item.Index %}" },
        ItemProcessor: { StartAt: "Double", States: { Double: { Type: "Pass", Output: "{% $states.input.item * 2 %}", End: true } } },
        Output: { total: "{% $sum($states.result) %}" },
        Next: "Done",
      },
      Done: { Type: "Succeed", Output: "{% $states.input %}" },
      Failed: { Type: "Fail", Error: "{% 'PriceError' %}", Cause: "{% $string($states.input) %}" },
    },
  },
};

describe("valid AWS documentation examples", () => {
  for (const [name, definition] of Object.entries(EXAMPLES)) {
    it(`accepts: ${name}`, () => {
      expect(validateDefinition(definition).filter((d) => d.severity === "ERROR")).toEqual([]);
    });
  }
});
