/** @module Reading the CLI's input files: definitions, JSON inputs and task handler modules. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { JsonValue } from "../shared/json.js";
import type { TaskHandler } from "../runner/index.js";
import { CliError } from "./io.js";

/** The text of a file, or a CliError (exit 2) saying why it cannot be read. */
export async function readText(cwd: string, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

export function parseJson(text: string, what: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw new CliError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Imports a task module: its default export, or its `handlers` export, is an object mapping
 * Resource strings to (async) functions.
 */
export async function loadTaskHandlers(cwd: string, path: string): Promise<Record<string, TaskHandler>> {
  let mod: { default?: unknown; handlers?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(cwd, path)).href)) as typeof mod;
  } catch (e) {
    throw new CliError(`cannot load the task module ${path}: ${(e as Error).message}`);
  }
  const isObject = (v: unknown): v is object => v !== null && typeof v === "object" && !Array.isArray(v);
  const handlers = isObject(mod.default) ? mod.default : mod.handlers;
  if (!isObject(handlers)) {
    throw new CliError(`the task module ${path} must default-export (or export as "handlers") an object { [Resource]: async (input) => result }`);
  }
  const entries = Object.entries(handlers as Record<string, unknown>);
  const notFunctions = entries.filter(([, h]) => typeof h !== "function").map(([k]) => k);
  if (notFunctions.length > 0) {
    throw new CliError(`the task module ${path} has handlers that are not functions: ${notFunctions.join(", ")}`);
  }
  return Object.fromEntries(entries) as Record<string, TaskHandler>;
}
