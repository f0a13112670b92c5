import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./config.js";

const CWD = "/srv/app";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const config = loadConfig([], {}, CWD);
    expect(config).toEqual({
      host: "127.0.0.1",
      port: 8083,
      dataDir: "/srv/app/.stepwise",
      store: "sqlite:/srv/app/.stepwise/stepwise.db",
      accountId: "123456789012",
      region: "us-east-1",
      mockConfigPath: undefined,
      tasksModule: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads STEPWISE_* variables, and flags win over them", () => {
    const env = {
      STEPWISE_HOST: "0.0.0.0", STEPWISE_PORT: "9000", STEPWISE_DATA_DIR: "data", STEPWISE_ACCOUNT_ID: "000000000000",
      STEPWISE_REGION: "eu-west-1", STEPWISE_TASKS: "tasks.mjs", STEPWISE_MOCK_CONFIG: "mocks.json",
    };
    expect(loadConfig([], env, CWD)).toEqual({
      host: "0.0.0.0", port: 9000, dataDir: "/srv/app/data", store: "sqlite:/srv/app/data/stepwise.db", accountId: "000000000000",
      region: "eu-west-1", mockConfigPath: "/srv/app/mocks.json", tasksModule: "/srv/app/tasks.mjs",
    });
    const flagged = loadConfig(["--port", "0", "--host", "::1", "--data", "/var/sw", "--region", "ap-southeast-2", "--tasks", "/t.mjs"], env, CWD);
    expect(flagged).toMatchObject({ host: "::1", port: 0, dataDir: "/var/sw", store: "sqlite:/var/sw/stepwise.db", region: "ap-southeast-2", tasksModule: "/t.mjs" });
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig([], { STEPWISE_PORT: "", STEPWISE_HOST: "" }, CWD)).toMatchObject({ port: 8083, host: "127.0.0.1" });
  });

  it.each([
    ["sqlite:db/sw.db", "sqlite:/srv/app/db/sw.db"],
    ["sqlite:/abs/sw.db", "sqlite:/abs/sw.db"],
    ["sqlite::memory:", "sqlite::memory:"],
    [":memory:", ":memory:"],
    ["postgres://u:p@localhost:5432/sw?schema=a", "postgres://u:p@localhost:5432/sw?schema=a"],
    ["postgresql://localhost/sw", "postgresql://localhost/sw"],
    ["some/folder", "/srv/app/some/folder"],
  ])("takes the store spec %j as %j", (spec, expected) => {
    expect(loadConfig(["--store", spec], {}, CWD).store).toBe(expected);
    expect(loadConfig([], { STEPWISE_STORE: spec }, CWD).store).toBe(expected);
  });

  it("finds the mock config as Step Functions Local does: SFN_MOCK_CONFIG, then ./MockConfigFile.json", () => {
    expect(loadConfig([], { SFN_MOCK_CONFIG: "conf/m.json" }, CWD).mockConfigPath).toBe("/srv/app/conf/m.json");
    expect(loadConfig(["--mock-config", "x.json"], { SFN_MOCK_CONFIG: "conf/m.json" }, CWD).mockConfigPath).toBe("/srv/app/x.json");
    const dir = mkdtempSync(join(tmpdir(), "stepwise-config-"));
    writeFileSync(join(dir, "MockConfigFile.json"), "{}");
    expect(loadConfig([], {}, dir).mockConfigPath).toBe(join(dir, "MockConfigFile.json"));
  });

  it.each([
    [["--port", "http"], /--port must be a port number/],
    [["--port", "70000"], /--port must be a port number/],
    [["--port", "-1"], /port/],
    [["--account", "12345"], /--account must be a 12-digit AWS account id/],
    [["--region", "Mars"], /--region must be an AWS region/],
    [["--store", "mysql://x"], /unknown store/],
    [["--store", "sqlite:"], /needs a file path/],
    [["--bogus"], /Unknown option/],
    [["positional"], /positional/i],
  ])("refuses %j", (args, message) => {
    expect(() => loadConfig(args, {}, CWD)).toThrow(ConfigError);
    expect(() => loadConfig(args, {}, CWD)).toThrow(message);
  });

  it("names the variable when a variable is wrong", () => {
    expect(() => loadConfig([], { STEPWISE_PORT: "abc" }, CWD)).toThrow(/STEPWISE_PORT must be/);
  });
});
