/** @module Memory of a sandbox's process tree, read from /proc (Linux): current RSS and high-water mark. */
import { readFileSync } from "node:fs";

export interface TreeMemory {
  /** Resident memory of the whole tree now, in bytes. */
  readonly rssBytes: number;
  /** The largest high-water mark (VmHWM) of any process in the tree, in bytes. */
  readonly peakBytes: number;
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
  } catch {
    return [];
  }
  return tids.filter((t) => t !== "").map(Number);
}

/** Sums the tree under `pid` (bubblewrap's monitor, the runtime and whatever it started). Zero when it is gone. */
export function readTreeMemory(pid: number): TreeMemory {
  let rssBytes = 0;
  let peakBytes = 0;
  const queue = [pid];
  for (let guard = 0; queue.length > 0 && guard < 256; guard++) {
    const current = queue.shift()!;
    let status: string;
    try {
      status = readFileSync(`/proc/${current}/status`, "utf8");
    } catch {
      continue;
    }
    rssBytes += statusField(status, "VmRSS");
    peakBytes = Math.max(peakBytes, statusField(status, "VmHWM"));
    queue.push(...childrenOf(current));
  }
  return { rssBytes, peakBytes };
}

export const bytesToMB = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
