/** @module Reading a mock config from disk, and where Step Functions Local looks for it (SFN_MOCK_CONFIG, ./MockConfigFile.json). */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MockConfigError, issueAt } from "./mock-config-error.js";
import { parseMockConfig } from "./parse-mock-config.js";
import type { MockConfig } from "./types.js";

/** Reads, parses and validates a mock config file. Throws a MockConfigError naming the file. */
export function loadMockConfig(path: string): MockConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new MockConfigError([issueAt([], `Cannot read the file: ${(e as Error).message}`)], { file: path });
  }
  return parseMockConfigText(text, path);
}

/** Parses mock config JSON text (a leading BOM is ignored). `file` only labels errors. */
export function parseMockConfigText(text: string, file?: string): MockConfig {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    throw new MockConfigError([issueAt([], `Not valid JSON: ${withLineAndColumn(source, (e as Error).message)}`)], file === undefined ? {} : { file });
  }
  try {
    return parseMockConfig(json);
  } catch (e) {
    if (e instanceof MockConfigError && file !== undefined) throw new MockConfigError(e.issues, { code: e.code, file });
    throw e;
  }
}

/**
 * Where Step Functions Local takes its mock config from: the `SFN_MOCK_CONFIG` environment variable,
 * else `MockConfigFile.json` in the launch directory if it exists
 * (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-test-sm-exec.html#supply-mock-config-file).
 */
export function findMockConfigPath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string | undefined {
  const fromEnv = env["SFN_MOCK_CONFIG"];
  if (fromEnv !== undefined && fromEnv !== "") return resolve(cwd, fromEnv);
  const local = join(cwd, "MockConfigFile.json");
  return existsSync(local) ? local : undefined;
}

/** V8 reports "... at position N"; people want a line and column. */
function withLineAndColumn(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (m === null) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}
