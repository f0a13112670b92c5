/**
 * @module Memory of a sandbox's process tree, read from /proc (Linux): current RSS and high-water mark.
 *
 * Every invocation's REPORT needs a reading, so the /proc files stay open: a positioned read at offset
 * 0 makes the kernel generate a file afresh, which spares an open and a close per file and sample.
 */
import { closeSync, openSync, readSync } from "node:fs";

export interface TreeMemory {
  /** Resident memory of the whole tree now, in bytes. */
  readonly rssBytes: number;
  /** The largest high-water mark (VmHWM) of any process in the tree, in bytes. */
  readonly peakBytes: number;
}

interface OpenProcess {
  readonly status: number;
  readonly children: number | undefined;
}

/** Guards against a runaway tree: at most this many processes are read per sample. */
const MAX_PROCESSES = 256;

/** `field:   1234 kB` in /proc/PID/status, in bytes (0 when absent, as for a zombie). */
function statusField(status: string, field: string): number {
  const at = status.indexOf(`\n${field}:`);
  if (at < 0) return 0;
  return Number.parseInt(status.slice(at + field.length + 2, status.indexOf(" kB", at)), 10) * 1024 || 0;
}

export class TreeMemoryReader {
  private readonly open = new Map<number, OpenProcess>();
  private readonly buffer = Buffer.allocUnsafe(16_384);

  /** `rootPid`: the sandbox's process (bubblewrap's monitor, or the runtime itself). */
  constructor(private readonly rootPid: number) {}

  /** Sums the tree under the root (the runtime and whatever it started). Zero when it is gone. */
  read(): TreeMemory {
    let rssBytes = 0;
    let peakBytes = 0;
    const seen = new Set<number>();
    const queue = [this.rootPid];
    while (queue.length > 0 && seen.size < MAX_PROCESSES) {
      const pid = queue.shift()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      const status = this.readStatus(pid);
      if (status === undefined) continue;
      rssBytes += statusField(status, "VmRSS");
      peakBytes = Math.max(peakBytes, statusField(status, "VmHWM"));
      queue.push(...this.readChildren(pid));
    }
    for (const pid of this.open.keys()) if (!seen.has(pid)) this.forget(pid);
    return { rssBytes, peakBytes };
  }

  /** Closes every file kept open. */
  close(): void {
    for (const pid of [...this.open.keys()]) this.forget(pid);
  }

  private readStatus(pid: number): string | undefined {
    // A file kept open for a process that has ended fails (ESRCH) even if its PID was reused: reopen once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const files = this.filesOf(pid);
      if (!files) return undefined;
      const text = this.readAll(files.status);
      if (text !== undefined) return text;
      this.forget(pid);
    }
    return undefined;
  }

  private readChildren(pid: number): number[] {
    const fd = this.open.get(pid)?.children;
    const text = fd === undefined ? undefined : this.readAll(fd);
    if (!text) return [];
    const pids: number[] = [];
    for (const part of text.split(" ")) {
      const child = Number.parseInt(part, 10);
      if (child > 0) pids.push(child);
    }
    return pids;
  }

  private filesOf(pid: number): OpenProcess | undefined {
    let files = this.open.get(pid);
    if (files) return files;
    let status: number;
    try {
      status = openSync(`/proc/${pid}/status`, "r");
    } catch {
      return undefined;
    }
    let children: number | undefined;
    try {
      children = openSync(`/proc/${pid}/task/${pid}/children`, "r");
    } catch {
      children = undefined;
    }
    files = { status, children };
    this.open.set(pid, files);
    return files;
  }

  private readAll(fd: number): string | undefined {
    try {
      const length = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      return this.buffer.toString("latin1", 0, length);
    } catch {
      return undefined;
    }
  }

  private forget(pid: number): void {
    const files = this.open.get(pid);
    if (!files) return;
    this.open.delete(pid);
    for (const fd of [files.status, files.children]) {
      if (fd === undefined) continue;
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}

export const bytesToMB = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
