/** @module Helpers for the runtime's tests: function code folders, specs, and a log sink that keeps events. */
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomUUID } from "node:crypto";
import type { FunctionSpec, LogSink } from "./types.js";

export interface KeptEvent {
  readonly group: string;
  readonly stream: string;
  readonly timestamp: number;
  readonly message: string;
}

export interface MemorySink extends LogSink {
  readonly events: KeptEvent[];
  messages(group?: string): string[];
}

export function memorySink(): MemorySink {
  const events: KeptEvent[] = [];
  return {
    events,
    append(group, stream, batch) {
      for (const event of batch) events.push({ group, stream, ...event });
    },
    messages(group) {
      return events.filter((e) => group === undefined || e.group === group).map((e) => e.message);
    },
  };
}

const made: string[] = [];

/** Writes `files` (path → content; a leading "!" makes it executable) into a new folder. */
export function codeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-code-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const executable = name.startsWith("!");
    const path = join(dir, executable ? name.slice(1) : name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    if (executable) chmodSync(path, 0o755);
  }
  return dir;
}

export function removeCodeDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function functionSpec(overrides: Partial<FunctionSpec> & Pick<FunctionSpec, "codeDir">): FunctionSpec {
  const functionName = overrides.functionName ?? `fn-${randomUUID().slice(0, 8)}`;
  return {
    functionName,
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    version: "$LATEST",
    runtime: "nodejs20.x",
    handler: "index.handler",
    revisionId: "r1",
    memorySize: 128,
    timeoutSeconds: 3,
    environment: {},
    region: "us-east-1",
    accountId: "123456789012",
    reservedConcurrency: undefined,
    ...overrides,
  };
}

export const requestId = () => randomUUID();
