import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRegressions, nextRatchet, readRatchet, writeRatchet } from "./ratchet.js";
import type { CaseOutcome, Verdict } from "./types.js";

const outcome = (id: string, verdict: Verdict): CaseOutcome => ({ id, category: "c", verdict });
const dir = mkdtempSync(join(tmpdir(), "stepwise-ratchet-"));

describe("ratchet files", () => {
  it("reads ids, ignoring blank lines and # comments; a missing file lists none", async () => {
    const path = join(dir, "r.txt");
    writeFileSync(path, "# header\na::b#cases/1\n\n  c  \r\n");
    expect(await readRatchet(path)).toEqual(["a::b#cases/1", "c"]);
    expect(await readRatchet(join(dir, "missing.txt"))).toEqual([]);
  });

  it("writes what it reads back", async () => {
    const path = join(dir, "w.txt");
    await writeRatchet(path, ["x", "y#1"]);
    expect(await readRatchet(path)).toEqual(["x", "y#1"]);
    expect(readFileSync(path, "utf8").startsWith("#")).toBe(true);
  });
});

describe("findRegressions", () => {
  it("lists the listed ids that failed in this run", () => {
    const outcomes = [outcome("a", "passed"), outcome("b", "failed"), outcome("c", "skipped"), outcome("d", "failed")];
    expect(findRegressions(["a", "b", "c", "e"], outcomes)).toEqual(["b"]);
  });
});

describe("nextRatchet", () => {
  it("keeps what passes now and listed ids that did not run, in corpus order, dropping stale ids", () => {
    const corpus = ["a", "b", "c", "d", "e"];
    const outcomes = [outcome("b", "passed"), outcome("c", "failed"), outcome("d", "skipped"), outcome("a", "passed")];
    expect(nextRatchet(["c", "d", "e", "gone"], outcomes, corpus)).toEqual(["a", "b", "d", "e"]);
  });
});
