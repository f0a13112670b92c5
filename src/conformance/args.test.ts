import { describe, it, expect } from "vitest";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseConformanceArgs } from "./args.js";
import { packageRoot } from "./load-cases.js";

const options = (argv: string[]) => {
  const r = parseConformanceArgs(argv, "/tmp/here");
  if (!r.ok || r.help) throw new Error(`expected options, got ${JSON.stringify(r)}`);
  return r.options;
};

describe("parseConformanceArgs", () => {
  it("defaults to ../shared/conformance/cases.json beside the repository, whatever the cwd", () => {
    const o = options([]);
    expect(o.casesPath).toBe(resolve(packageRoot(), "..", "shared", "conformance", "cases.json"));
    expect(o).toMatchObject({
      resultsPath: undefined, ratchetPath: undefined, updateRatchet: false, only: undefined, verbose: false, timeoutMs: 10000, viaApi: false, store: undefined,
    });
    expect(o.jobs).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(packageRoot(), "package.json"))).toBe(true);
  });

  it("reads every option and resolves paths against the cwd", () => {
    const o = options(["cases.json", "--results", "out.jsonl", "--ratchet", "/abs/passing.txt", "--update-ratchet", "--only", "choice", "--verbose", "--timeout", "2.5", "--jobs", "3"]);
    expect(o).toEqual({
      casesPath: "/tmp/here/cases.json",
      resultsPath: "/tmp/here/out.jsonl",
      ratchetPath: "/abs/passing.txt",
      updateRatchet: true,
      only: "choice",
      verbose: true,
      timeoutMs: 2500,
      jobs: 3,
      viaApi: false,
      store: undefined,
    });
  });

  it("runs through the API, with a store spec passed on as given", () => {
    expect(options(["--via-api"])).toMatchObject({ viaApi: true, store: undefined });
    expect(options(["--via-api", "--store", "sqlite:./x.db"])).toMatchObject({ viaApi: true, store: "sqlite:./x.db" });
  });

  it("asks for help", () => {
    expect(parseConformanceArgs(["--help"])).toEqual({ ok: true, help: true });
  });

  it.each([
    [["--bogus"], /bogus/],
    [["a.json", "b.json"], /at most one cases file/],
    [["--update-ratchet"], /needs --ratchet/],
    [["--timeout", "0"], /--timeout/],
    [["--timeout", "soon"], /--timeout/],
    [["--jobs", "1.5"], /--jobs/],
    [["--results"], /results/],
    [["--store", ":memory:"], /--store needs --via-api/],
    [["--via-api", "--store", ""], /--store needs a store spec/],
  ])("rejects %j", (argv, message) => {
    const r = parseConformanceArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
