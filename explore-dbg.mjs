import { spawn } from "node:child_process";
import { SFNClient, CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const child = spawn(process.execPath, ["/work/main/bin/stepwise.mjs", "serve", "--port", "0", "--store", "sqlite:/tmp/dbg/crash/s.db", "--tasks", "/tmp/dbg/crash/tasks.mjs"], { stdio: ["ignore", "pipe", "inherit"] });
let out = ""; const url = await new Promise((r) => child.stdout.on("data", (c) => { out += c; const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out); if (m) r(m[1]); }));
const client = new SFNClient({ endpoint: url, region: "us-east-1", disableHostPrefix: true, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
const def = {
  StartAt: "Pause",
  States: {
    Pause: { Type: "Wait", SecondsPath: "$.wait", Next: "Flaky" },
    Flaky: { Type: "Task", Resource: "arn:aws:states:::stepwise:flaky", Retry: [{ ErrorEquals: ["Flaky.Error"], IntervalSeconds: 1, BackoffRate: 1.5, MaxAttempts: 4 }], ResultPath: "$.flaky", Next: "Fan" },
    Fan: { Type: "Map", ItemsPath: "$.items", MaxConcurrency: 2, ItemSelector: { "value.$": "$$.Map.Item.Value" },
      ItemProcessor: { StartAt: "Double", States: { Double: { Type: "Task", Resource: "arn:aws:states:::stepwise:double", End: true } } }, ResultPath: "$.doubled", Next: "Ask" },
    Ask: { Type: "Task", Resource: "arn:aws:states:::stepwise:crash.waitForTaskToken", Parameters: { "id.$": "$.id", "token.$": "$$.Task.Token" }, ResultPath: "$.reply", End: true },
  },
};
const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "crash" + Date.now(), definition: JSON.stringify(def), roleArn: "arn:aws:iam::123456789012:role/r" }));
const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ id: "e1", wait: 1, failures: 2, items: [1, 2, 3] }) }));
let token;
for (;;) { await new Promise((r) => setTimeout(r, 200)); const h = await client.send(new GetExecutionHistoryCommand({ executionArn })); const s = h.events.filter(e => e.type === "TaskScheduled" && e.taskScheduledEventDetails.resource.includes("crash")); if (s.length) { token = JSON.parse(s[0].taskScheduledEventDetails.parameters).token; break; } }
await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: "e1" }) }));
await new Promise((r) => setTimeout(r, 300));
console.log(await client.send(new DescribeExecutionCommand({ executionArn })));
const h = await client.send(new GetExecutionHistoryCommand({ executionArn }));
for (const e of h.events) { const { timestamp, type, id, previousEventId, ...d } = e; console.log(id, previousEventId, type, JSON.stringify(d).slice(0, 250)); }
child.kill("SIGKILL");
