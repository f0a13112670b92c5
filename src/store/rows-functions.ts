/** @module Rows of the function and log tables to records, shared by the SQL stores. */
import type { FunctionAliasRecord, FunctionInvocationRecord, FunctionRecord, FunctionVersionRecord } from "./records-functions.js";
import type { LogEventRecord, LogGroupRecord, LogStreamRecord } from "./records-logs.js";
import type { Row } from "./rows.js";

const str = (v: unknown): string => v as string;
const num = (v: unknown): number => Number(v);
const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : (v as string));
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

export const FUNCTION_COLUMNS = [
  "arn", "name", "configuration", "code_sha256", "code_size", "revision_id", "reserved_concurrency", "creation_date", "last_modified",
] as const;

export const functionValues = (f: FunctionRecord): (string | number | null)[] => [
  f.arn, f.name, f.configuration, f.codeSha256, f.codeSize, f.revisionId, f.reservedConcurrency ?? null, f.creationDate, f.lastModified,
];

export const toFunction = (r: Row): FunctionRecord => ({
  arn: str(r.arn), name: str(r.name), configuration: str(r.configuration), codeSha256: str(r.code_sha256), codeSize: num(r.code_size),
  revisionId: str(r.revision_id), reservedConcurrency: optNum(r.reserved_concurrency), creationDate: num(r.creation_date),
  lastModified: num(r.last_modified),
});

export const FUNCTION_VERSION_COLUMNS = [
  "arn", "function_arn", "version", "configuration", "code_sha256", "code_size", "revision_id", "description", "creation_date",
] as const;

export const functionVersionValues = (v: FunctionVersionRecord): (string | number | null)[] => [
  v.arn, v.functionArn, v.version, v.configuration, v.codeSha256, v.codeSize, v.revisionId, v.description ?? null, v.creationDate,
];

export const toFunctionVersion = (r: Row): FunctionVersionRecord => ({
  arn: str(r.arn), functionArn: str(r.function_arn), version: num(r.version), configuration: str(r.configuration),
  codeSha256: str(r.code_sha256), codeSize: num(r.code_size), revisionId: str(r.revision_id), description: optStr(r.description),
  creationDate: num(r.creation_date),
});

export const FUNCTION_ALIAS_COLUMNS = [
  "arn", "function_arn", "name", "function_version", "description", "routing_configuration", "revision_id", "creation_date", "update_date",
] as const;

export const functionAliasValues = (a: FunctionAliasRecord): (string | number | null)[] => [
  a.arn, a.functionArn, a.name, a.functionVersion, a.description ?? null, a.routingConfiguration ?? null, a.revisionId, a.creationDate, a.updateDate,
];

export const toFunctionAlias = (r: Row): FunctionAliasRecord => ({
  arn: str(r.arn), functionArn: str(r.function_arn), name: str(r.name), functionVersion: str(r.function_version),
  description: optStr(r.description), routingConfiguration: optStr(r.routing_configuration), revisionId: str(r.revision_id),
  creationDate: num(r.creation_date), updateDate: num(r.update_date),
});

export const toInvocation = (r: Row): FunctionInvocationRecord => ({
  id: str(r.id), functionArn: str(r.function_arn), qualifier: optStr(r.qualifier), payload: str(r.payload), attempts: num(r.attempts),
  dueAt: num(r.due_at), createdAt: num(r.created_at),
});

/** The UPSERT tail of putFunctionAlias (same on both stores). */
export const ALIAS_UPSERT = ` ON CONFLICT (arn) DO UPDATE SET function_arn = excluded.function_arn, name = excluded.name,
  function_version = excluded.function_version, description = excluded.description, routing_configuration = excluded.routing_configuration,
  revision_id = excluded.revision_id, creation_date = excluded.creation_date, update_date = excluded.update_date`;

/** Deletes one code package when neither a function nor a version uses it any more (`?` ×3: the sha256). */
export const PRUNE_CODE = `DELETE FROM function_code WHERE sha256 = ?
  AND NOT EXISTS (SELECT 1 FROM functions WHERE code_sha256 = ?) AND NOT EXISTS (SELECT 1 FROM function_versions WHERE code_sha256 = ?)`;

export const toLogGroup = (r: Row): LogGroupRecord => ({ name: str(r.name), creationTime: num(r.creation_time), storedBytes: num(r.stored_bytes) });

/** Streams keep -1 as "no event yet" in last_event_timestamp, so ordering by it needs no NULL handling. */
export const toLogStream = (r: Row): LogStreamRecord => ({
  groupName: str(r.group_name), name: str(r.name), creationTime: num(r.creation_time), firstEventTimestamp: optNum(r.first_event_timestamp),
  lastEventTimestamp: num(r.last_event_timestamp) < 0 ? undefined : num(r.last_event_timestamp), lastIngestionTime: optNum(r.last_ingestion_time),
  storedBytes: num(r.stored_bytes),
});

export const toLogEvent = (groupName: string) => (r: Row): LogEventRecord => ({
  groupName, streamName: str(r.stream_name), id: String(r.seq), timestamp: num(r.timestamp), ingestionTime: num(r.ingestion_time),
  message: str(r.message),
});

/** Per stream of a batch: how many bytes, the first and last timestamps. */
export function summarize(events: readonly { timestamp: number; message: string }[]): { bytes: number; first: number; last: number } {
  let bytes = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    bytes += Buffer.byteLength(e.message, "utf8");
    if (e.timestamp < first) first = e.timestamp;
    if (e.timestamp > last) last = e.timestamp;
  }
  return { bytes, first, last };
}
