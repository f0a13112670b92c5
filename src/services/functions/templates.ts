/**
 * @module Built-in blueprints for `stepwise functions create --template NAME`: small, complete
 * functions to start from (files, runtime, handler, and an event to try them with).
 */

export interface FunctionTemplate {
  readonly name: string;
  readonly description: string;
  readonly runtime: string;
  readonly handler: string;
  /** Path in the package → content. */
  readonly files: Readonly<Record<string, string>>;
  /** An event the function handles (for `stepwise functions create` to suggest an invoke). */
  readonly sampleEvent: unknown;
}

const helloNode = `// Hello world: returns a greeting for event.name.
export const handler = async (event, context) => {
  console.log("event", JSON.stringify(event));
  const name = typeof event?.name === "string" ? event.name : "world";
  return { message: \`Hello, \${name}!\`, requestId: context.awsRequestId };
};
`;

const helloPython = `"""Hello world: returns a greeting for event["name"]."""
import json


def lambda_handler(event, context):
    print("event", json.dumps(event))
    name = event.get("name", "world") if isinstance(event, dict) else "world"
    return {"message": f"Hello, {name}!", "requestId": context.aws_request_id}
`;

const apiNode = `// An API handler (API Gateway HTTP API / function URL payload format 2.0, also REST API proxy events).
const json = (statusCode, body) => ({ statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const handler = async (event) => {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? "GET";
  const path = event.rawPath ?? event.path ?? "/";
  if (method === "GET" && path === "/hello") {
    const name = event.queryStringParameters?.name ?? "world";
    return json(200, { message: \`Hello, \${name}!\` });
  }
  if (method === "POST" && path === "/echo") {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
    try {
      return json(200, { received: JSON.parse(text || "null") });
    } catch {
      return json(400, { error: "The body is not JSON" });
    }
  }
  return json(404, { error: \`No route for \${method} \${path}\` });
};
`;

const sfnTaskNode = `// A Step Functions task: the state's input is the event, the return value is the task's result.
// Throw an error whose name is the ASL error to match in Retry / Catch (e.g. "OrderNotFound").
class OrderNotFound extends Error {
  constructor(message) {
    super(message);
    this.name = "OrderNotFound";
  }
}

export const handler = async (event) => {
  const { orderId, items = [] } = event ?? {};
  if (!orderId) throw new OrderNotFound("The input has no orderId");
  const total = items.reduce((sum, item) => sum + (item.price ?? 0) * (item.quantity ?? 1), 0);
  return { orderId, itemCount: items.length, total, status: total > 0 ? "PRICED" : "EMPTY" };
};
`;

export const FUNCTION_TEMPLATES: readonly FunctionTemplate[] = [
  {
    name: "hello-world-nodejs", description: "Node.js 20: returns a greeting", runtime: "nodejs20.x", handler: "index.handler",
    files: { "index.mjs": helloNode }, sampleEvent: { name: "Stepwise" },
  },
  {
    name: "hello-world-python", description: "Python 3.12: returns a greeting", runtime: "python3.12", handler: "lambda_function.lambda_handler",
    files: { "lambda_function.py": helloPython }, sampleEvent: { name: "Stepwise" },
  },
  {
    name: "api-nodejs", description: "Node.js 20: an HTTP API handler (GET /hello, POST /echo)", runtime: "nodejs20.x", handler: "index.handler",
    files: { "index.mjs": apiNode },
    sampleEvent: { version: "2.0", rawPath: "/hello", queryStringParameters: { name: "Stepwise" }, requestContext: { http: { method: "GET", path: "/hello" } } },
  },
  {
    name: "stepfunctions-task-nodejs", description: "Node.js 20: a Step Functions Task (prices an order; throws OrderNotFound)",
    runtime: "nodejs20.x", handler: "index.handler", files: { "index.mjs": sfnTaskNode },
    sampleEvent: { orderId: "o-1", items: [{ price: 2.5, quantity: 2 }, { price: 10 }] },
  },
];
