import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { TreeMemoryReader, bytesToMB } from "./memory.js";

describe("process tree memory", () => {
  it("sums the tree's RSS and keeps the highest VmHWM, reading its /proc files again on every sample", async () => {
    const child = spawn(process.execPath, ["-e", "const keep = Buffer.alloc(64 * 1024 * 1024, 1); setInterval(() => keep[0]++, 1000);"], { stdio: ["ignore", "ignore", "ignore"] });
    try {
      const reader = new TreeMemoryReader(child.pid!);
      let sample = reader.read();
      // The child fills its 64 MB buffer a moment after it starts.
      while (sample.rssBytes < 64 * 1024 * 1024) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        sample = reader.read();
      }
      expect(sample.peakBytes).toBeGreaterThanOrEqual(sample.rssBytes);
      child.kill("SIGKILL");
      await once(child, "exit");
      expect(reader.read()).toEqual({ rssBytes: 0, peakBytes: 0 });
      reader.close();
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("reads zero for a process that does not exist", () => {
    const reader = new TreeMemoryReader(2 ** 22 + 1);
    expect(reader.read()).toEqual({ rssBytes: 0, peakBytes: 0 });
    reader.close();
  });

  it("rounds up to whole MB", () => {
    expect([bytesToMB(0), bytesToMB(1), bytesToMB(1024 * 1024), bytesToMB(1024 * 1024 + 1)]).toEqual([0, 1, 1, 2]);
  });
});
