/** @module SQL both stores share (written with `?` placeholders; PostgreSQL numbers them). */
import { decodeCursor, pageSize } from "./cursor.js";
import type { ExecutionFilter } from "./records.js";
import type { ListOptions } from "./store.js";
import { SUMMARY_COLUMNS, type Row } from "./rows.js";

export interface Query {
  readonly sql: string;
  readonly params: (string | number)[];
  /** The page size; the query fetches one more row to know whether a next page exists. */
  readonly size: number;
}

/** Scopes in order of preference; each has an index (scope, start_date, arn) and (scope, status, start_date, arn). */
const SCOPES = [
  ["stateMachineArn", "state_machine_arn"],
  ["stateMachineVersionArn", "version_arn"],
  ["stateMachineAliasArn", "alias_arn"],
  ["mapRunArn", "map_run_arn"],
] as const;

/**
 * Newest first: ORDER BY start_date DESC, arn DESC over the index of the filter, the cursor a row-value
 * bound `(start_date, arn) < (?, ?)`, so a page costs one index range whatever the table's size.
 */
export function listExecutionsQuery(filter: ExecutionFilter, options: ListOptions): Query {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const [key, column] of SCOPES) {
    const value = filter[key];
    if (value !== undefined) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (filter.status !== undefined) {
    where.push("status = ?");
    params.push(filter.status);
  }
  if (options.after !== undefined) {
    const [startDate, arn] = decodeCursor(options.after, ["n", "s"]);
    where.push("(start_date, arn) < (?, ?)");
    params.push(startDate!, arn!);
  }
  const size = pageSize(options.limit);
  params.push(size + 1);
  const sql = `SELECT ${SUMMARY_COLUMNS.join(", ")} FROM executions${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
    ORDER BY start_date DESC, arn DESC LIMIT ?`;
  return { sql, params, size };
}

export const executionKey = (r: Row): [number, string] => [Number(r.start_date), r.arn as string];

/** Events of one execution (by its internal id), a page from the cursor on. */
export function listEventsQuery(executionId: number, options: ListOptions & { reverse?: boolean }): Query {
  const size = pageSize(options.limit);
  const after = options.after === undefined ? undefined : (decodeCursor(options.after, ["n"])[0] as number);
  const [op, order] = options.reverse ? ["<", "DESC"] : [">", "ASC"];
  const bound = after === undefined ? "" : ` AND id ${op} ?`;
  const params = after === undefined ? [executionId, size + 1] : [executionId, after, size + 1];
  return {
    sql: `SELECT id, previous_event_id, type, timestamp, details FROM events WHERE execution_id = ?${bound} ORDER BY id ${order} LIMIT ?`,
    params, size,
  };
}

/** A page of `table` by one unique text key (ascending), optionally within `scope` column = value. */
export function listByKeyQuery(table: string, key: string, options: ListOptions, scope?: { column: string; value: string }): Query {
  const size = pageSize(options.limit);
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (scope) {
    where.push(`${scope.column} = ?`);
    params.push(scope.value);
  }
  if (options.after !== undefined) {
    where.push(`${key} > ?`);
    params.push(decodeCursor(options.after, ["s"])[0]!);
  }
  params.push(size + 1);
  return { sql: `SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${key} LIMIT ?`, params, size };
}

/** Versions of a machine, highest first. */
export function listVersionsQuery(stateMachineArn: string, options: ListOptions): Query {
  const size = pageSize(options.limit);
  const after = options.after === undefined ? undefined : decodeCursor(options.after, ["n"])[0]!;
  return {
    sql: `SELECT * FROM state_machine_versions WHERE state_machine_arn = ?${after === undefined ? "" : " AND version < ?"} ORDER BY version DESC LIMIT ?`,
    params: after === undefined ? [stateMachineArn, size + 1] : [stateMachineArn, after, size + 1],
    size,
  };
}

/**
 * The SELECT of one whole execution (summary columns, payloads, definition), by ARN or by id. The
 * columns are named: SQLite's row also holds the engine's snapshot, which only getSnapshot reads.
 */
export const EXECUTION_SELECT = `SELECT ${SUMMARY_COLUMNS.map((c) => `e.${c}`).join(", ")}, e.output, e.error, e.cause, e.trace_header,
  i.input, d.body AS definition FROM executions e
  JOIN execution_inputs i ON i.execution_id = e.id JOIN definitions d ON d.id = e.definition_id`;

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2, ...` (our SQL has no `?` in literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
