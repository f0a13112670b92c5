import { describe, it, expect } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/stepwise.mjs", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url)));
const run = async (args: string[], cwd: string) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

// bin/stepwise.mjs runs the built CLI: `npm test` builds first.
describe.skipIf(!built)("bin/stepwise.mjs (child process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "stepwise-bin-"));
  writeFileSync(join(dir, "ok.json"), JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }));
  writeFileSync(join(dir, "fail.json"), JSON.stringify({ StartAt: "F", States: { F: { Type: "Fail", Error: "E", Cause: "C" } } }));
  writeFileSync(join(dir, "bad.json"), JSON.stringify({ StartAt: "X", States: {} }));

  it("exits 0, 1 and 2 and prints to stdout/stderr", async () => {
    const ok = await run(["run", "ok.json", "--input", '{"x":1}'], dir);
    expect([ok.code, JSON.parse(ok.stdout)]).toEqual([0, { x: 1 }]);
    const failed = await run(["run", "fail.json"], dir);
    expect([failed.code, JSON.parse(failed.stdout)]).toEqual([1, { error: "E", cause: "C" }]);
    const bad = await run(["run", "bad.json"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ at /);
    const validate = await run(["validate", "bad.json"], dir);
    expect(validate.code).toBe(1);
  });
});
