/** @module The PostgreSQL schema, as migrations: the SQLite schema's twin (BIGINT ms timestamps, "C" collation keys). */
import type { Migration } from "../migration.js";

/**
 * Same tables and indexes as the SQLite schema (see sqlite-migrations.ts). Text keys use the "C"
 * collation: byte order like SQLite, cheaper comparisons, and the same page order on both stores.
 */
const initial = `
CREATE TABLE state_machines (
  arn TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, type TEXT NOT NULL, role_arn TEXT NOT NULL,
  creation_date BIGINT NOT NULL, update_date BIGINT NOT NULL, revision_id TEXT NOT NULL, status TEXT COLLATE "C" NOT NULL,
  last_version BIGINT NOT NULL DEFAULT 0, description TEXT, logging_configuration TEXT, tracing_configuration TEXT,
  definition TEXT NOT NULL
);
CREATE TABLE state_machine_versions (
  arn TEXT COLLATE "C" PRIMARY KEY, state_machine_arn TEXT COLLATE "C" NOT NULL, version BIGINT NOT NULL, revision_id TEXT NOT NULL,
  role_arn TEXT NOT NULL, description TEXT, creation_date BIGINT NOT NULL, definition TEXT NOT NULL,
  UNIQUE (state_machine_arn, version)
);
CREATE TABLE state_machine_aliases (
  arn TEXT COLLATE "C" PRIMARY KEY, state_machine_arn TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, description TEXT,
  routing_configuration TEXT NOT NULL, creation_date BIGINT NOT NULL, update_date BIGINT NOT NULL
);
CREATE INDEX state_machine_aliases_by_machine ON state_machine_aliases (state_machine_arn, arn);
CREATE TABLE tags (resource_arn TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, value TEXT NOT NULL, PRIMARY KEY (resource_arn, key));

CREATE TABLE definitions (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, hash TEXT COLLATE "C" NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE executions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, arn TEXT COLLATE "C" NOT NULL UNIQUE, state_machine_arn TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL, start_date BIGINT NOT NULL, stop_date BIGINT, last_event_id BIGINT NOT NULL,
  definition_id BIGINT NOT NULL, role_arn TEXT NOT NULL, version_arn TEXT COLLATE "C", alias_arn TEXT COLLATE "C", map_run_arn TEXT COLLATE "C",
  parent_execution_arn TEXT, redrive_count BIGINT NOT NULL, redrive_date BIGINT, trace_header TEXT,
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
CREATE TABLE execution_inputs (execution_id BIGINT PRIMARY KEY, input TEXT NOT NULL);
CREATE TABLE snapshots (execution_id BIGINT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE events (
  execution_id BIGINT NOT NULL, id BIGINT NOT NULL, previous_event_id BIGINT NOT NULL, type TEXT NOT NULL,
  timestamp BIGINT NOT NULL, details TEXT NOT NULL, PRIMARY KEY (execution_id, id)
);

CREATE TABLE timers (
  execution_id BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, due_at BIGINT NOT NULL, payload TEXT NOT NULL,
  PRIMARY KEY (execution_id, id)
);
CREATE INDEX timers_by_due ON timers (due_at, execution_id, id);
CREATE TABLE outbox (
  execution_id BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, kind TEXT NOT NULL, created_at BIGINT NOT NULL,
  claimed_until BIGINT NOT NULL DEFAULT 0, payload TEXT NOT NULL, PRIMARY KEY (execution_id, id)
);
CREATE INDEX outbox_by_created ON outbox (created_at, execution_id, id);
CREATE INDEX outbox_by_claim ON outbox (claimed_until, created_at, execution_id, id);
CREATE TABLE task_tokens (
  token TEXT COLLATE "C" PRIMARY KEY, execution_id BIGINT NOT NULL, heartbeat_due_at BIGINT, payload TEXT NOT NULL
);

CREATE TABLE activities (arn TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, creation_date BIGINT NOT NULL);
CREATE TABLE activity_tasks (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, token TEXT COLLATE "C" NOT NULL UNIQUE, activity_arn TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL, input TEXT NOT NULL
);
CREATE INDEX activity_tasks_by_activity ON activity_tasks (activity_arn, created_at, seq);
`;

/** The SQLite migration 2's twin (see sqlite-migrations.ts): functions, the async invocation queue, logs. */
const functionsAndLogs = `
CREATE TABLE function_code (sha256 TEXT COLLATE "C" PRIMARY KEY, size BIGINT NOT NULL, zip BYTEA NOT NULL);
CREATE TABLE functions (
  arn TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, configuration TEXT NOT NULL, code_sha256 TEXT COLLATE "C" NOT NULL,
  code_size BIGINT NOT NULL, revision_id TEXT NOT NULL, reserved_concurrency BIGINT, creation_date BIGINT NOT NULL,
  last_modified BIGINT NOT NULL, last_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX functions_by_code ON functions (code_sha256);
CREATE TABLE function_versions (
  arn TEXT COLLATE "C" PRIMARY KEY, function_arn TEXT COLLATE "C" NOT NULL, version BIGINT NOT NULL, configuration TEXT NOT NULL,
  code_sha256 TEXT COLLATE "C" NOT NULL, code_size BIGINT NOT NULL, revision_id TEXT NOT NULL, description TEXT, creation_date BIGINT NOT NULL,
  UNIQUE (function_arn, version)
);
CREATE INDEX function_versions_by_code ON function_versions (code_sha256);
CREATE TABLE function_aliases (
  arn TEXT COLLATE "C" PRIMARY KEY, function_arn TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, function_version TEXT NOT NULL,
  description TEXT, routing_configuration TEXT, revision_id TEXT NOT NULL, creation_date BIGINT NOT NULL, update_date BIGINT NOT NULL
);
CREATE INDEX function_aliases_by_function ON function_aliases (function_arn, arn);
CREATE TABLE function_invocations (
  id TEXT COLLATE "C" PRIMARY KEY, function_arn TEXT COLLATE "C" NOT NULL, qualifier TEXT, payload TEXT NOT NULL, attempts BIGINT NOT NULL,
  due_at BIGINT NOT NULL, created_at BIGINT NOT NULL
);
CREATE INDEX function_invocations_by_due ON function_invocations (due_at, id);
CREATE INDEX function_invocations_by_function ON function_invocations (function_arn);

CREATE TABLE log_groups (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT COLLATE "C" NOT NULL UNIQUE, creation_time BIGINT NOT NULL,
  stored_bytes BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE log_streams (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, group_id BIGINT NOT NULL, name TEXT COLLATE "C" NOT NULL, creation_time BIGINT NOT NULL,
  first_event_timestamp BIGINT, last_event_timestamp BIGINT NOT NULL DEFAULT -1, last_ingestion_time BIGINT,
  stored_bytes BIGINT NOT NULL DEFAULT 0, UNIQUE (group_id, name)
);
CREATE INDEX log_streams_by_last_event ON log_streams (group_id, last_event_timestamp, name);
CREATE TABLE log_events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, group_id BIGINT NOT NULL, stream_id BIGINT NOT NULL, timestamp BIGINT NOT NULL,
  ingestion_time BIGINT NOT NULL, message TEXT NOT NULL
);
CREATE INDEX log_events_by_group ON log_events (group_id, timestamp, seq);
CREATE INDEX log_events_by_stream ON log_events (stream_id, timestamp, seq);
`;

/** The engine's replay log (see the SQLite migration of the same name). */
const replayLog = `
CREATE TABLE replay_log (execution_id BIGINT NOT NULL, seq BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (execution_id, seq));
`;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial schema", sql: initial },
  { version: 2, name: "functions and logs", sql: functionsAndLogs },
  { version: 3, name: "replay log", sql: replayLog },
];
