/** @module The server's configuration, in one place: CLI flags over STEPWISE_* environment variables over defaults. */
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findMockConfigPath } from "./mocking/index.js";
import { SQLITE_FILE_NAME } from "./store/index.js";

export interface Config {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host: string;
  /** TCP port (default 8083; 0 picks a free one). */
  readonly port: number;
  /** Absolute path of the data folder (default ./.stepwise). */
  readonly dataDir: string;
  /** Store spec for openStore: `sqlite:/abs/path.db`, `sqlite::memory:`, `:memory:` or `postgres://...` (default sqlite:<dataDir>/stepwise.db). */
  readonly store: string;
  /** The account every caller belongs to until IAM (default 123456789012). */
  readonly accountId: string;
  /** The region of requests without a SigV4 credential scope (default us-east-1). */
  readonly region: string;
  /** Absolute path of a Step Functions Local mock config (MockConfigFile.json), if any. */
  readonly mockConfigPath: string | undefined;
  /** Absolute path of a module of in-process Task handlers keyed by Resource, if any. */
  readonly tasksModule: string | undefined;
}

/** A flag or variable with an unusable value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 8083,
  dataDir: ".stepwise",
  accountId: "123456789012",
  region: "us-east-1",
} as const;

/** The flags `stepwise serve` takes, for node:util parseArgs. */
export const CONFIG_FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  data: { type: "string" },
  store: { type: "string" },
  account: { type: "string" },
  region: { type: "string" },
  "mock-config": { type: "string" },
  tasks: { type: "string" },
} as const;

/** Which environment variable backs each flag. */
export const CONFIG_ENV = {
  host: "STEPWISE_HOST",
  port: "STEPWISE_PORT",
  data: "STEPWISE_DATA_DIR",
  store: "STEPWISE_STORE",
  account: "STEPWISE_ACCOUNT_ID",
  region: "STEPWISE_REGION",
  "mock-config": "STEPWISE_MOCK_CONFIG",
  tasks: "STEPWISE_TASKS",
} as const satisfies Record<keyof typeof CONFIG_FLAGS, string>;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Builds the frozen Config. `args` are the flags (`--port 9000 --data DIR ...`; positionals are refused).
 * The mock config also comes, as in Step Functions Local, from SFN_MOCK_CONFIG or ./MockConfigFile.json.
 */
export function loadConfig(args: readonly string[] = [], env: Env = process.env, cwd: string = process.cwd()): Config {
  let flags: Partial<Record<keyof typeof CONFIG_FLAGS, string>>;
  try {
    flags = parseArgs({ args: [...args], options: CONFIG_FLAGS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const pick = (key: keyof typeof CONFIG_FLAGS): string | undefined => {
    const value = flags[key] ?? env[CONFIG_ENV[key]];
    return value === "" ? undefined : value;
  };
  const describe = (key: keyof typeof CONFIG_FLAGS): string => (flags[key] !== undefined ? `--${key}` : CONFIG_ENV[key]);

  const dataDir = resolve(cwd, pick("data") ?? DEFAULTS.dataDir);
  const mock = pick("mock-config");
  const tasks = pick("tasks");
  return Object.freeze({
    host: pick("host") ?? DEFAULTS.host,
    port: parsePort(pick("port"), describe("port")),
    dataDir,
    store: resolveStoreSpec(pick("store"), dataDir, cwd),
    accountId: check(pick("account") ?? DEFAULTS.accountId, /^\d{12}$/, describe("account"), "a 12-digit AWS account id"),
    region: check(pick("region") ?? DEFAULTS.region, /^[a-z]{2}(-[a-z]+)+-\d+$/, describe("region"), "an AWS region such as us-east-1"),
    mockConfigPath: mock !== undefined ? resolve(cwd, mock) : findMockConfigPath(env, cwd),
    tasksModule: tasks !== undefined ? resolve(cwd, tasks) : undefined,
  });
}

function parsePort(text: string | undefined, what: string): number {
  if (text === undefined) return DEFAULTS.port;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(`${what} must be a port number from 0 to 65535, not ${JSON.stringify(text)}`);
  return port;
}

function check(value: string, pattern: RegExp, what: string, expected: string): string {
  if (!pattern.test(value)) throw new ConfigError(`${what} must be ${expected}, not ${JSON.stringify(value)}`);
  return value;
}

/** Relative SQLite paths are made absolute (against cwd) so the spec means the same wherever it is used. */
function resolveStoreSpec(spec: string | undefined, dataDir: string, cwd: string): string {
  if (spec === undefined) return `sqlite:${join(dataDir, SQLITE_FILE_NAME)}`;
  if (/^postgres(ql)?:\/\//i.test(spec) || spec === ":memory:" || spec === "sqlite::memory:") return spec;
  if (spec.startsWith("sqlite:")) {
    const path = spec.slice("sqlite:".length);
    if (path === "") throw new ConfigError("--store sqlite: needs a file path, e.g. sqlite:./data/stepwise.db");
    return `sqlite:${isAbsolute(path) ? path : resolve(cwd, path)}`;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    throw new ConfigError(`--store ${spec}: unknown store (give sqlite:FILE, :memory:, a folder, or a postgres:// URL)`);
  }
  // A folder (or an existing database file), as openStore takes it.
  return resolve(cwd, spec);
}
