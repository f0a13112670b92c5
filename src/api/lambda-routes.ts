/** @module Lambda's operations on the wire (restJson1, the AWS Lambda 2015-03-31 model): methods, paths, bindings, limits. */
import { ServiceError, type OperationTable } from "../services/index.js";
import type { ApiRequest } from "./exchange.js";
import type { Protocol } from "./protocol.js";
import { restJsonProtocol, type RestRoute } from "./rest-json.js";

const F = "/2015-03-31/functions/{FunctionName}";

/** CreateFunction / UpdateFunctionCode carry a 50 MB zip as base64: AWS's limit is on the request. */
const CODE_REQUEST_BYTES = 69_905_067;
/** Invoke's synchronous payload limit. */
const INVOKE_REQUEST_BYTES = 6_291_456;

const tooLarge = (code: string, operation: string) => (limit: number) =>
  new ServiceError(code, `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413);

export const LAMBDA_ROUTES: readonly RestRoute[] = [
  { operation: "CreateFunction", method: "POST", path: "/2015-03-31/functions", status: 201,
    maxBodyBytes: CODE_REQUEST_BYTES, tooLarge: tooLarge("RequestEntityTooLargeException", "CreateFunction") },
  { operation: "ListFunctions", method: "GET", path: "/2015-03-31/functions", status: 200,
    query: { MasterRegion: "MasterRegion", FunctionVersion: "FunctionVersion", Marker: "Marker", MaxItems: "MaxItems" } },
  { operation: "GetFunction", method: "GET", path: F, status: 200, query: { Qualifier: "Qualifier" } },
  { operation: "DeleteFunction", method: "DELETE", path: F, status: 204, query: { Qualifier: "Qualifier" } },
  { operation: "GetFunctionConfiguration", method: "GET", path: `${F}/configuration`, status: 200, query: { Qualifier: "Qualifier" } },
  { operation: "UpdateFunctionConfiguration", method: "PUT", path: `${F}/configuration`, status: 200 },
  { operation: "UpdateFunctionCode", method: "PUT", path: `${F}/code`, status: 200,
    maxBodyBytes: CODE_REQUEST_BYTES, tooLarge: tooLarge("RequestEntityTooLargeException", "UpdateFunctionCode") },
  {
    operation: "Invoke", method: "POST", path: `${F}/invocations`, status: 200, query: { Qualifier: "Qualifier" },
    headers: { "x-amz-invocation-type": "InvocationType", "x-amz-log-type": "LogType", "x-amz-client-context": "ClientContext" },
    payload: "Payload", responsePayload: "Payload", responseStatus: "StatusCode",
    responseHeaders: { FunctionError: "X-Amz-Function-Error", LogResult: "X-Amz-Log-Result", ExecutedVersion: "X-Amz-Executed-Version" },
    maxBodyBytes: INVOKE_REQUEST_BYTES, tooLarge: tooLarge("RequestTooLargeException", "InvokeFunction"),
  },
  { operation: "InvokeAsync", method: "POST", path: "/2014-11-13/functions/{FunctionName}/invoke-async", status: 202, payload: "InvokeArgs",
    maxBodyBytes: 262_144, tooLarge: tooLarge("RequestTooLargeException", "InvokeAsync") },
  { operation: "PublishVersion", method: "POST", path: `${F}/versions`, status: 201 },
  { operation: "ListVersionsByFunction", method: "GET", path: `${F}/versions`, status: 200, query: { Marker: "Marker", MaxItems: "MaxItems" } },
  { operation: "CreateAlias", method: "POST", path: `${F}/aliases`, status: 201 },
  { operation: "ListAliases", method: "GET", path: `${F}/aliases`, status: 200,
    query: { FunctionVersion: "FunctionVersion", Marker: "Marker", MaxItems: "MaxItems" } },
  { operation: "GetAlias", method: "GET", path: `${F}/aliases/{Name}`, status: 200 },
  { operation: "UpdateAlias", method: "PUT", path: `${F}/aliases/{Name}`, status: 200 },
  { operation: "DeleteAlias", method: "DELETE", path: `${F}/aliases/{Name}`, status: 204 },
  { operation: "PutFunctionConcurrency", method: "PUT", path: "/2017-10-31/functions/{FunctionName}/concurrency", status: 200 },
  { operation: "DeleteFunctionConcurrency", method: "DELETE", path: "/2017-10-31/functions/{FunctionName}/concurrency", status: 204 },
  { operation: "GetFunctionConcurrency", method: "GET", path: "/2019-09-30/functions/{FunctionName}/concurrency", status: 200 },
  { operation: "TagResource", method: "POST", path: "/2017-03-31/tags/{Resource}", status: 204 },
  { operation: "UntagResource", method: "DELETE", path: "/2017-03-31/tags/{Resource}", status: 204, listQuery: { tagKeys: "TagKeys" } },
  { operation: "ListTags", method: "GET", path: "/2017-03-31/tags/{Resource}", status: 200 },
  { operation: "GetAccountSettings", method: "GET", path: "/2016-08-19/account-settings", status: 200 },
  // Stepwise's own: GetFunction's Code.Location, the deployment package as uploaded.
  { operation: "StepwiseGetCodePackage", method: "GET", path: "/_stepwise/lambda/code/{Sha256}", status: 200,
    responsePayload: "ZipFile", responseContentType: "application/zip" },
];

/** Lambda's error shapes that spell their message member `Message` (the rest use `message`). */
export const LAMBDA_CAPITAL_MESSAGE: ReadonlySet<string> = new Set([
  "ResourceNotFoundException", "ServiceException", "CodeSigningConfigNotFoundException", "CodeVerificationFailedException",
  "InvalidCodeSignatureException", "ResourceInUseException", "SnapStartException", "SnapStartNotReadyException", "SnapStartTimeoutException",
  "InvalidRuntimeException", "InvalidZipFileException", "EC2AccessDeniedException", "EC2ThrottledException", "EC2UnexpectedException",
  "ENILimitReachedException", "EFSIOException", "EFSMountConnectivityException", "EFSMountFailureException", "EFSMountTimeoutException",
  "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException", "KMSNotFoundException", "SubnetIPAddressLimitReachedException",
  "InvalidSecurityGroupIDException", "InvalidSubnetIDException",
]);

/** GetFunction's Code.Location is a path on this server: made absolute with the request's Host. */
function shapeOutput(operation: string, output: Record<string, unknown>, request: ApiRequest): Record<string, unknown> {
  const code = output.Code as { Location?: unknown } | undefined;
  if (operation !== "GetFunction" || typeof code?.Location !== "string" || !code.Location.startsWith("/")) return output;
  const host = request.headers["host"] ?? "localhost";
  return { ...output, Code: { ...code, Location: `http://${host}${code.Location}` } };
}

/** The Lambda API (restJson1, signing name `lambda`) over the functions service's operations. */
export function lambdaProtocol(operations: OperationTable): Protocol {
  return restJsonProtocol({
    name: "restJson1 Lambda", signingName: "lambda", routes: LAMBDA_ROUTES, operations, capitalMessage: LAMBDA_CAPITAL_MESSAGE,
    badBody: (message) => new ServiceError("InvalidRequestContentException", message, 400), shapeOutput,
  });
}
