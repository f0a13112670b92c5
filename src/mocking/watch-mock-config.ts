/** @module Reloads a mock config file when it changes on disk (debounced), so edits apply without a restart. */
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { MockConfigError, issueAt } from "./mock-config-error.js";
import { parseMockConfigText } from "./load-mock-config.js";
import type { MockConfig } from "./types.js";

export interface MockConfigWatcher {
  close(): void;
}

export interface WatchMockConfigOptions {
  /** A changed file that cannot be read or is invalid: keep using the previous config. */
  readonly onError?: (error: MockConfigError) => void;
  /** Quiet time after the last change event before reloading (default 100 ms). */
  readonly debounceMs?: number;
}

/**
 * Calls `onChange` with the new config each time the file's content changes. The directory is
 * watched, not the file, so editors that save by replacing the file are seen too. Does not keep the
 * process alive.
 */
export function watchMockConfig(
  path: string,
  onChange: (config: MockConfig) => void,
  options: WatchMockConfigOptions = {},
): MockConfigWatcher {
  const file = resolve(path);
  const name = basename(file);
  const debounceMs = options.debounceMs ?? 100;
  let lastText = readText(file);
  let timer: NodeJS.Timeout | undefined;

  const reload = (): void => {
    timer = undefined;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      options.onError?.(new MockConfigError([issueAt([], `Cannot read the file: ${(e as Error).message}`)], { file }));
      return;
    }
    if (text === lastText) return;
    lastText = text;
    let config: MockConfig;
    try {
      config = parseMockConfigText(text, file);
    } catch (e) {
      if (!(e instanceof MockConfigError)) throw e;
      options.onError?.(e);
      return;
    }
    onChange(config);
  };

  const watcher: FSWatcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
    if (changed !== null && changed !== name) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
    timer.unref();
  });
  watcher.on("error", (e) => options.onError?.(new MockConfigError([issueAt([], `Watching stopped: ${e.message}`)], { file })));

  return {
    close(): void {
      if (timer !== undefined) clearTimeout(timer);
      watcher.close();
    },
  };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
