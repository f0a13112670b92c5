/** @module The records of Lambda functions: $LATEST, published versions, aliases, code packages, queued async invocations. */

/** A function's `$LATEST`: its configuration (JSON text, the service's shape) and the code it runs. */
export interface FunctionRecord {
  /** Unqualified: arn:aws:lambda:REGION:ACCOUNT:function:NAME */
  readonly arn: string;
  readonly name: string;
  /** JSON text of the configuration (runtime, handler, role, timeout, memory, environment, ...), as the service keeps it. */
  readonly configuration: string;
  /** The code package (a FunctionCodeRecord's sha256). */
  readonly codeSha256: string;
  readonly codeSize: number;
  /** Changes on every update of the code or the configuration (AWS's RevisionId). */
  readonly revisionId: string;
  /** Reserved concurrency (PutFunctionConcurrency), if any. */
  readonly reservedConcurrency: number | undefined;
  /** ms since the epoch. */
  readonly creationDate: number;
  readonly lastModified: number;
}

/** A published version: an immutable copy of `$LATEST` at publication. */
export interface FunctionVersionRecord {
  /** `${functionArn}:${version}` */
  readonly arn: string;
  readonly functionArn: string;
  readonly version: number;
  readonly configuration: string;
  readonly codeSha256: string;
  readonly codeSize: number;
  readonly revisionId: string;
  readonly description: string | undefined;
  readonly creationDate: number;
}

export interface FunctionAliasRecord {
  /** `${functionArn}:${name}` */
  readonly arn: string;
  readonly functionArn: string;
  readonly name: string;
  /** "$LATEST" or a version number. */
  readonly functionVersion: string;
  readonly description: string | undefined;
  /** JSON text of AdditionalVersionWeights ({"2": 0.1}), or undefined. */
  readonly routingConfiguration: string | undefined;
  readonly revisionId: string;
  readonly creationDate: number;
  readonly updateDate: number;
}

/** A deployment package (the zip as uploaded), stored once per content and shared by functions and versions. */
export interface FunctionCodeRecord {
  /** Hex SHA-256 of the zip. */
  readonly sha256: string;
  readonly zip: Uint8Array;
}

/** Totals over the account's functions (GetAccountSettings, PutFunctionConcurrency's check). */
export interface FunctionTotals {
  readonly functionCount: number;
  /** Bytes of the zips of every function and version. */
  readonly totalCodeSize: number;
  /** Sum of the reserved concurrency of every function. */
  readonly reservedConcurrency: number;
}

/** An `Event` invocation waiting in the durable queue (claimed by one node at a time, retried with back-off). */
export interface FunctionInvocationRecord {
  /** The request id of the Invoke call. */
  readonly id: string;
  /** The unqualified function ARN. */
  readonly functionArn: string;
  /** The qualifier the caller gave ("$LATEST", a version, an alias), or undefined. */
  readonly qualifier: string | undefined;
  readonly payload: string;
  /** Attempts made so far (0 when queued). */
  readonly attempts: number;
  /** When it may be attempted (ms since the epoch). */
  readonly dueAt: number;
  readonly createdAt: number;
}
