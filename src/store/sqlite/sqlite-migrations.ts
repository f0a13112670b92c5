/** @module The SQLite schema, as migrations. Timestamps are ms since the epoch (INTEGER). */
import type { Migration } from "../migration.js";

/**
 * Executions carry an integer id that the history, timers, outbox and tokens reference (ARNs are long);
 * their input and their definition (deduplicated by hash) live in side tables so the row every
 * transition rewrites stays small; the engine's snapshot had one too until migration 4 moved it into
 * the row. Each listing has an index matching its WHERE and ORDER BY exactly, so pages are index ranges.
 */
const initial = `
CREATE TABLE state_machines (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, role_arn TEXT NOT NULL,
  creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL, revision_id TEXT NOT NULL, status TEXT NOT NULL,
  last_version INTEGER NOT NULL DEFAULT 0, description TEXT, logging_configuration TEXT, tracing_configuration TEXT,
  definition TEXT NOT NULL
);
CREATE TABLE state_machine_versions (
  arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, version INTEGER NOT NULL, revision_id TEXT NOT NULL,
  role_arn TEXT NOT NULL, description TEXT, creation_date INTEGER NOT NULL, definition TEXT NOT NULL,
  UNIQUE (state_machine_arn, version)
);
CREATE TABLE state_machine_aliases (
  arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
  routing_configuration TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL
);
CREATE INDEX state_machine_aliases_by_machine ON state_machine_aliases (state_machine_arn, arn);
CREATE TABLE tags (resource_arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (resource_arn, key));

CREATE TABLE definitions (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE executions (
  id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL, start_date INTEGER NOT NULL, stop_date INTEGER, last_event_id INTEGER NOT NULL,
  definition_id INTEGER NOT NULL, role_arn TEXT NOT NULL, version_arn TEXT, alias_arn TEXT, map_run_arn TEXT,
  parent_execution_arn TEXT, redrive_count INTEGER NOT NULL, redrive_date INTEGER, trace_header TEXT,
  error TEXT, cause TEXT, output TEXT,
  UNIQUE (state_machine_arn, name)
);
CREATE INDEX executions_by_start ON executions (start_date, arn);
CREATE INDEX executions_by_status ON executions (status, start_date, arn);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date, arn);
CREATE INDEX executions_by_machine_status ON executions (state_machine_arn, status, start_date, arn);
CREATE INDEX executions_by_version ON executions (version_arn, start_date, arn) WHERE version_arn IS NOT NULL;
CREATE INDEX executions_by_version_status ON executions (version_arn, status, start_date, arn) WHERE version_arn IS NOT NULL;
CREATE INDEX executions_by_alias ON executions (alias_arn, start_date, arn) WHERE alias_arn IS NOT NULL;
CREATE INDEX executions_by_alias_status ON executions (alias_arn, status, start_date, arn) WHERE alias_arn IS NOT NULL;
CREATE INDEX executions_by_map_run ON executions (map_run_arn, start_date, arn) WHERE map_run_arn IS NOT NULL;
CREATE INDEX executions_by_map_run_status ON executions (map_run_arn, status, start_date, arn) WHERE map_run_arn IS NOT NULL;
CREATE TABLE execution_inputs (execution_id INTEGER PRIMARY KEY, input TEXT NOT NULL);
CREATE TABLE snapshots (execution_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE events (
  execution_id INTEGER NOT NULL, id INTEGER NOT NULL, previous_event_id INTEGER NOT NULL, type TEXT NOT NULL,
  timestamp INTEGER NOT NULL, details TEXT NOT NULL, PRIMARY KEY (execution_id, id)
);

CREATE TABLE timers (
  execution_id INTEGER NOT NULL, id TEXT NOT NULL, due_at INTEGER NOT NULL, payload TEXT NOT NULL,
  PRIMARY KEY (execution_id, id)
);
CREATE INDEX timers_by_due ON timers (due_at, execution_id, id);
CREATE TABLE outbox (
  execution_id INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, created_at INTEGER NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL, PRIMARY KEY (execution_id, id)
);
CREATE INDEX outbox_by_created ON outbox (created_at, execution_id, id);
CREATE INDEX outbox_by_claim ON outbox (claimed_until, created_at, execution_id, id);
CREATE TABLE task_tokens (
  token TEXT PRIMARY KEY, execution_id INTEGER NOT NULL, heartbeat_due_at INTEGER, payload TEXT NOT NULL
);

CREATE TABLE activities (arn TEXT PRIMARY KEY, name TEXT NOT NULL, creation_date INTEGER NOT NULL);
CREATE TABLE activity_tasks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, activity_arn TEXT NOT NULL,
  created_at INTEGER NOT NULL, input TEXT NOT NULL
);
CREATE INDEX activity_tasks_by_activity ON activity_tasks (activity_arn, created_at, seq);
`;

/**
 * Lambda functions (the zip of each code package once, by its SHA-256), the durable queue of `Event`
 * invocations (due_at doubles as the lease), and CloudWatch Logs. Streams keep -1 in
 * last_event_timestamp until their first event, so DescribeLogStreams orders by an index.
 */
const functionsAndLogs = `
CREATE TABLE function_code (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, zip BLOB NOT NULL);
CREATE TABLE functions (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL, configuration TEXT NOT NULL, code_sha256 TEXT NOT NULL, code_size INTEGER NOT NULL,
  revision_id TEXT NOT NULL, reserved_concurrency INTEGER, creation_date INTEGER NOT NULL, last_modified INTEGER NOT NULL,
  last_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX functions_by_code ON functions (code_sha256);
CREATE TABLE function_versions (
  arn TEXT PRIMARY KEY, function_arn TEXT NOT NULL, version INTEGER NOT NULL, configuration TEXT NOT NULL, code_sha256 TEXT NOT NULL,
  code_size INTEGER NOT NULL, revision_id TEXT NOT NULL, description TEXT, creation_date INTEGER NOT NULL,
  UNIQUE (function_arn, version)
);
CREATE INDEX function_versions_by_code ON function_versions (code_sha256);
CREATE TABLE function_aliases (
  arn TEXT PRIMARY KEY, function_arn TEXT NOT NULL, name TEXT NOT NULL, function_version TEXT NOT NULL, description TEXT,
  routing_configuration TEXT, revision_id TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL
);
CREATE INDEX function_aliases_by_function ON function_aliases (function_arn, arn);
CREATE TABLE function_invocations (
  id TEXT PRIMARY KEY, function_arn TEXT NOT NULL, qualifier TEXT, payload TEXT NOT NULL, attempts INTEGER NOT NULL,
  due_at INTEGER NOT NULL, created_at INTEGER NOT NULL
);
CREATE INDEX function_invocations_by_due ON function_invocations (due_at, id);
CREATE INDEX function_invocations_by_function ON function_invocations (function_arn);

CREATE TABLE log_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, creation_time INTEGER NOT NULL, stored_bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE log_streams (
  id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL, creation_time INTEGER NOT NULL,
  first_event_timestamp INTEGER, last_event_timestamp INTEGER NOT NULL DEFAULT -1, last_ingestion_time INTEGER,
  stored_bytes INTEGER NOT NULL DEFAULT 0, UNIQUE (group_id, name)
);
CREATE INDEX log_streams_by_last_event ON log_streams (group_id, last_event_timestamp, name);
CREATE TABLE log_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL, timestamp INTEGER NOT NULL,
  ingestion_time INTEGER NOT NULL, message TEXT NOT NULL
);
CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, seq);
CREATE INDEX log_events_by_stream ON log_events (stream_id, timestamp, seq);
`;

/**
 * A transition's history events as one row (a JSON array of [id, previousEventId, type, timestamp,
 * details]): one B-tree entry instead of one per event, the largest share of a Task transition's
 * write. Rows written before this stay in `events`; listEvents reads both.
 */
const eventBatches = `
CREATE TABLE event_batches (
  execution_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (execution_id, first_id)
);
`;

/**
 * The engine's snapshot moves into its execution's row: a transition already rewrites that row (its
 * last_event_id), so the snapshot comes along in the same statement and page instead of a second
 * table's. It is the last column, so reads of the other columns never touch its overflow pages.
 */
const snapshotInExecution = `
ALTER TABLE executions ADD COLUMN snapshot TEXT;
UPDATE executions SET snapshot = s.body FROM snapshots s WHERE s.execution_id = executions.id;
DROP TABLE snapshots;
`;

/**
 * The engine's replay log: a transition of an execution with a large state writes its input here
 * instead of the whole snapshot again (the next snapshot drops the entries). Large snapshots leave the
 * execution row (sqlite-snapshots.ts), which every transition rewrites whole.
 */
const replayLog = `
CREATE TABLE replay_log (
  execution_id INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;
CREATE TABLE large_snapshots (execution_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial schema", sql: initial },
  { version: 2, name: "functions and logs", sql: functionsAndLogs },
  { version: 3, name: "history events a transition at a time", sql: eventBatches },
  { version: 4, name: "snapshot in the execution row", sql: snapshotInExecution },
  { version: 5, name: "replay log and large snapshots", sql: replayLog },
];
