/** @module The store's Lambda operations: functions, versions, aliases, code packages and the async invocation queue. */
import type { Page } from "./records.js";
import type {
  FunctionAliasRecord, FunctionCodeRecord, FunctionInvocationRecord, FunctionRecord, FunctionTotals, FunctionVersionRecord,
} from "./records-functions.js";
import type { ListOptions } from "./store.js";

export interface FunctionsStore {
  /** Creates `$LATEST` and stores its code (once per sha256). Throws AlreadyExists when the ARN exists. */
  createFunction(record: FunctionRecord, code: FunctionCodeRecord): Promise<void>;
  /**
   * Replaces `$LATEST` if its revision is still `expectedRevisionId`; false (nothing written) when it moved
   * on or the function is gone. `code`, when given, is stored first; a package nothing uses any more is removed.
   */
  updateFunction(record: FunctionRecord, expectedRevisionId: string, code?: FunctionCodeRecord): Promise<boolean>;
  /** Sets (or, undefined, removes) the reserved concurrency; false when the function does not exist. */
  setFunctionConcurrency(arn: string, reservedConcurrency: number | undefined): Promise<boolean>;
  getFunction(arn: string): Promise<FunctionRecord | undefined>;
  /** By ARN. */
  listFunctions(options: ListOptions): Promise<Page<FunctionRecord>>;
  /** Deletes the function, its versions, aliases, tags, queued invocations and the code nothing else uses. */
  deleteFunction(arn: string): Promise<void>;
  /**
   * Publishes the next version: numbers start at 1 and are never reused (AWS). The ARN is
   * `${functionArn}:${version}`. Undefined when the function does not exist.
   */
  publishFunctionVersion(record: Omit<FunctionVersionRecord, "arn" | "version">): Promise<FunctionVersionRecord | undefined>;
  getFunctionVersion(arn: string): Promise<FunctionVersionRecord | undefined>;
  /** The highest version, if any (PublishVersion publishes nothing new when `$LATEST` has not changed since). */
  lastFunctionVersion(functionArn: string): Promise<FunctionVersionRecord | undefined>;
  /** Lowest version first, as ListVersionsByFunction. */
  listFunctionVersions(functionArn: string, options: ListOptions): Promise<Page<FunctionVersionRecord>>;
  /** Deletes the version and the code nothing else uses. */
  deleteFunctionVersion(arn: string): Promise<void>;
  /** Creates or replaces the alias. */
  putFunctionAlias(record: FunctionAliasRecord): Promise<void>;
  getFunctionAlias(arn: string): Promise<FunctionAliasRecord | undefined>;
  /** By ARN. */
  listFunctionAliases(functionArn: string, options: ListOptions): Promise<Page<FunctionAliasRecord>>;
  deleteFunctionAlias(arn: string): Promise<void>;
  getFunctionCode(sha256: string): Promise<FunctionCodeRecord | undefined>;
  functionTotals(): Promise<FunctionTotals>;

  /** Queues an `Event` invocation. */
  enqueueInvocation(record: FunctionInvocationRecord): Promise<void>;
  /**
   * Leases up to `limit` due invocations (dueAt <= now) to the caller, oldest first: each becomes due
   * again only at `now + leaseMs` (so a node that dies mid-invocation hands it on). Concurrent callers
   * never get the same invocation while its lease runs. Returns them as they were before the lease.
   */
  claimInvocations(now: number, leaseMs: number, limit: number): Promise<readonly FunctionInvocationRecord[]>;
  /** Schedules another attempt (ends the lease). */
  retryInvocation(id: string, dueAt: number, attempts: number): Promise<void>;
  /** The invocation is done (succeeded, or given up). */
  deleteInvocation(id: string): Promise<void>;
  /** When the next invocation is due (leased ones included), to know how long to sleep. */
  nextInvocationDue(): Promise<number | undefined>;
}
