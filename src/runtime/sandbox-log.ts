/**
 * @module One sandbox's log stream: splits its stdout/stderr into events, adds Lambda's platform lines
 * (START, END, REPORT), sends everything to the log sink, and keeps the lines of the invocation in
 * progress for its 4 KB tail (Invoke's LogType: Tail).
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../shared/clock.js";
import type { LogSink } from "./types.js";

/** AWS's LogResult holds the last 4 KB of the invocation's log. */
const TAIL_BYTES = 4096;
/** Lines kept for the tail are trimmed past this many characters (only the last 4 KB are ever used). */
const KEEP_CHARS = 16_384;

/** `YYYY/MM/DD/[VERSION]<32 hex>`, as Lambda names a sandbox's stream. */
export function logStreamName(now: number, version: string): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/[${version}]${randomBytes(16).toString("hex")}`;
}

/** The last `maxBytes` bytes of `text` in UTF-8, never starting inside a character. */
export function lastBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let start = bytes.length - maxBytes;
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString("utf8");
}

export class SandboxLog {
  private readonly partial = { stdout: "", stderr: "" };
  private lines: string[] = [];
  private keptChars = 0;

  constructor(
    private readonly sink: LogSink,
    private readonly clock: Clock,
    readonly groupName: string,
    readonly streamName: string,
  ) {}

  /** A chunk of the runtime's output: complete lines become events, a trailing partial line waits. */
  feed(source: "stdout" | "stderr", chunk: string): void {
    const text = this.partial[source] + chunk;
    const parts = text.split("\n");
    this.partial[source] = parts.pop()!;
    if (parts.length > 0) this.emit(parts);
  }

  /** Emits partial lines still waiting for their newline (at the end of an invocation or of the process). */
  flush(): void {
    const pending = [this.partial.stdout, this.partial.stderr].filter((p) => p !== "");
    this.partial.stdout = "";
    this.partial.stderr = "";
    if (pending.length > 0) this.emit(pending);
  }

  /** Platform lines (START, END, REPORT, timeouts). */
  platform(...messages: string[]): void {
    this.emit(messages);
  }

  /** The invocation's lines so far as its 4 KB tail; starts collecting the next invocation's. */
  takeTail(): string {
    const text = this.lines.map((line) => `${line}\n`).join("");
    this.lines = [];
    this.keptChars = 0;
    return lastBytes(text, TAIL_BYTES);
  }

  private emit(rawLines: readonly string[]): void {
    const timestamp = this.clock.now();
    // Runtimes send a multi-line event as one line with \r separators (as Lambda's own runtimes do).
    const messages = rawLines.map((line) => line.replace(/\r$/, "").replace(/\r/g, "\n"));
    this.sink.append(
      this.groupName,
      this.streamName,
      messages.map((message) => ({ timestamp, message })),
    );
    for (const message of messages) {
      this.lines.push(message);
      this.keptChars += message.length + 1;
    }
    while (this.keptChars > KEEP_CHARS && this.lines.length > 1) this.keptChars -= this.lines.shift()!.length + 1;
  }
}
