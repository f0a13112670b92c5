/** @module A function's configuration: what CreateFunction / UpdateFunctionConfiguration take, as stored, and as AWS shows it. */
import { ServiceError } from "../service-error.js";
import { invalidParameter, LambdaError, validationError } from "./errors.js";
import { compact, optionalEnum, optionalInteger, optionalList, optionalObject, optionalString, optionalStringMap, type Input } from "./input.js";
import { logGroupOf } from "./arns.js";

/** The runtimes Stepwise can run (src/runtime starts node, python3 or a custom `bootstrap`). */
export const RUNTIMES = [
  "nodejs18.x", "nodejs20.x", "nodejs22.x", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "provided.al2", "provided.al2023",
] as const;

/** Runtimes AWS knows that Stepwise cannot run (refused with a clear message, not a validation error). */
const OTHER_AWS_RUNTIMES = [
  "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs24.x", "java8", "java8.al2",
  "java11", "java17", "java21", "python2.7", "python3.6", "python3.7", "python3.8", "python3.14", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
  "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "provided",
];

/**
 * Keys Lambda sets itself and refuses in Environment.Variables.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
const RESERVED_KEYS = new Set([
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
const ENV_LIMIT = 4096;

/** The stored configuration (FunctionRecord.configuration, as JSON). Members are AWS's names. */
export interface FunctionConfig {
  readonly Runtime: string;
  readonly Handler: string;
  readonly Role: string;
  readonly Description: string;
  readonly Timeout: number;
  readonly MemorySize: number;
  readonly Environment: Readonly<Record<string, string>> | undefined;
  readonly Architectures: readonly string[];
  readonly TracingMode: string;
  readonly EphemeralStorageSize: number;
  readonly LogFormat: string;
  readonly LogGroup: string | undefined;
  readonly DeadLetterTargetArn: string | undefined;
  readonly KMSKeyArn: string | undefined;
}

export const DEFAULT_CONFIG: Omit<FunctionConfig, "Runtime" | "Handler" | "Role"> = {
  Description: "", Timeout: 3, MemorySize: 128, Environment: undefined, Architectures: ["x86_64"], TracingMode: "PassThrough",
  EphemeralStorageSize: 512, LogFormat: "Text", LogGroup: undefined, DeadLetterTargetArn: undefined, KMSKeyArn: undefined,
};

function checkRuntime(runtime: string): string {
  if ((RUNTIMES as readonly string[]).includes(runtime)) return runtime;
  if (OTHER_AWS_RUNTIMES.includes(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported by Stepwise. Supported runtimes: ${RUNTIMES.join(", ")}.`);
  }
  throw validationError("runtime", runtime, `Member must satisfy enum value set: [${[...RUNTIMES, ...OTHER_AWS_RUNTIMES].join(", ")}]`);
}

function readEnvironment(input: Input): Record<string, string> | undefined {
  const environment = optionalObject(input, "Environment");
  if (environment === undefined) return undefined;
  const variables = optionalStringMap(environment, "Variables") ?? {};
  for (const key of Object.keys(variables)) {
    if (!ENV_KEY.test(key)) {
      // The values are sensitive: AWS's message leaves the value out.
      throw new ServiceError(LambdaError.Validation, "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
        + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
    }
  }
  const reserved = Object.keys(variables).filter((k) => RESERVED_KEYS.has(k));
  if (reserved.length > 0) {
    throw invalidParameter("Lambda was unable to configure your environment variables because the environment variables you have provided "
      + `contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`);
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured, "utf8") > ENV_LIMIT) {
    throw invalidParameter("Lambda was unable to configure your environment variables because the environment variables you have provided "
      + `exceeded the 4KB limit. String measured: ${measured}`);
  }
  return variables;
}

/**
 * The configuration members of CreateFunction / UpdateFunctionConfiguration over `base` (defaults
 * for a new function, the current configuration for an update). Only members present change.
 */
export function readConfig(input: Input, base: Omit<FunctionConfig, "Runtime" | "Handler" | "Role"> & Partial<FunctionConfig>): Partial<FunctionConfig> {
  const runtime = optionalString(input, "Runtime");
  const role = optionalString(input, "Role", { pattern: ROLE, patternText: "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+" });
  const handler = optionalString(input, "Handler", { max: 128, pattern: /^[^\s]+$/, patternText: "[^\\s]+" });
  const description = optionalString(input, "Description", { max: 256 });
  const timeout = optionalInteger(input, "Timeout", 1, 900);
  const memorySize = optionalInteger(input, "MemorySize", 128, 10240);
  const tracing = optionalObject(input, "TracingConfig");
  const tracingMode = tracing && optionalEnum(tracing, "Mode", ["Active", "PassThrough"]);
  const storage = optionalObject(input, "EphemeralStorage");
  const storageSize = storage && optionalInteger(storage, "Size", 512, 10240);
  const logging = optionalObject(input, "LoggingConfig");
  const logFormat = logging && optionalEnum(logging, "LogFormat", ["Text", "JSON"]);
  const logGroup = logging && optionalString(logging, "LogGroup", { min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, patternText: "[\\.\\-_/#A-Za-z0-9]+" });
  const deadLetter = optionalObject(input, "DeadLetterConfig");
  const layers = optionalList(input, "Layers");
  if (layers && layers.length > 0) throw invalidParameter("Layers are not supported by Stepwise: include the layer's files in the deployment package.");
  return compact({
    ...base,
    Runtime: runtime === undefined ? base.Runtime : checkRuntime(runtime),
    Handler: handler ?? base.Handler,
    Role: role ?? base.Role,
    Description: description ?? base.Description,
    Timeout: timeout ?? base.Timeout,
    MemorySize: memorySize ?? base.MemorySize,
    Environment: input.Environment === undefined ? base.Environment : readEnvironment(input),
    TracingMode: tracingMode ?? base.TracingMode,
    EphemeralStorageSize: storageSize ?? base.EphemeralStorageSize,
    LogFormat: logFormat ?? base.LogFormat,
    LogGroup: logGroup ?? base.LogGroup,
    DeadLetterTargetArn: deadLetter === undefined ? base.DeadLetterTargetArn : optionalString(deadLetter, "TargetArn"),
    KMSKeyArn: input.KMSKeyArn === undefined ? base.KMSKeyArn : optionalString(input, "KMSKeyArn"),
  }) as Partial<FunctionConfig>;
}

/** Architectures: one of x86_64 or arm64 (recorded; the sandbox runs on this machine's architecture). */
export function readArchitectures(input: Input): string[] | undefined {
  const list = optionalList(input, "Architectures");
  if (list === undefined) return undefined;
  if (list.length !== 1) throw validationError("architectures", list, "Member must have length less than or equal to 1");
  if (list[0] !== "x86_64" && list[0] !== "arm64") {
    throw validationError("architectures", list, "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
  }
  return [list[0]];
}

export const parseConfig = (text: string): FunctionConfig => JSON.parse(text) as FunctionConfig;

/** What FunctionConfiguration shows besides the configuration itself. */
export interface ConfigurationFacts {
  readonly name: string;
  /** Qualified for versions (…:function:f:1), unqualified for $LATEST. */
  readonly arn: string;
  readonly version: string;
  readonly config: FunctionConfig;
  /** Hex SHA-256 of the zip (shown as base64, as AWS does). */
  readonly codeSha256: string;
  readonly codeSize: number;
  readonly revisionId: string;
  readonly lastModified: string;
}

/** AWS's FunctionConfiguration. State is Active at once: Stepwise has nothing to provision. */
export function renderConfiguration(f: ConfigurationFacts): Record<string, unknown> {
  const c = f.config;
  return compact({
    FunctionName: f.name, FunctionArn: f.arn, Runtime: c.Runtime, Role: c.Role, Handler: c.Handler, CodeSize: f.codeSize,
    Description: c.Description, Timeout: c.Timeout, MemorySize: c.MemorySize, LastModified: f.lastModified,
    CodeSha256: Buffer.from(f.codeSha256, "hex").toString("base64"), Version: f.version,
    Environment: c.Environment === undefined ? undefined : { Variables: { ...c.Environment } },
    TracingConfig: { Mode: c.TracingMode }, RevisionId: f.revisionId,
    DeadLetterConfig: c.DeadLetterTargetArn === undefined ? undefined : { TargetArn: c.DeadLetterTargetArn }, KMSKeyArn: c.KMSKeyArn,
    State: "Active", LastUpdateStatus: "Successful", PackageType: "Zip", Architectures: [...c.Architectures],
    EphemeralStorage: { Size: c.EphemeralStorageSize }, SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: c.LogFormat, LogGroup: c.LogGroup ?? logGroupOf(f.name) },
  });
}
