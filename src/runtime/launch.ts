/**
 * @module How a sandbox process is started: the runtime's command, Lambda's environment variables, and
 * the bubblewrap wrapper when it is used.
 *
 * With bubblewrap the sandbox sees the host read-only, its code at /var/task, our bootstraps at
 * /var/runtime, a private writable /tmp, its own PID namespace, and none of `hidePaths` or the other
 * sandboxes. Without it, the code copy and /tmp are per-sandbox folders (TMPDIR points at the latter).
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants as fsConstants, existsSync, readdirSync, lstatSync, readlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FunctionSpec } from "./types.js";

export const RuntimeFamily = { node: "node", python: "python", provided: "provided" } as const;
export type RuntimeFamily = (typeof RuntimeFamily)[keyof typeof RuntimeFamily];

const RUNTIMES: Record<string, RuntimeFamily> = {
  "nodejs18.x": "node",
  "nodejs20.x": "node",
  "nodejs22.x": "node",
  "python3.9": "python",
  "python3.10": "python",
  "python3.11": "python",
  "python3.12": "python",
  "python3.13": "python",
  "provided.al2": "provided",
  "provided.al2023": "provided",
};

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  return RUNTIMES[runtime];
}

/** Debian's interpreter, never a pyenv shim on PATH (a shell script that costs ~85 ms per start). */
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/**
 * The bootstraps are plain .cjs/.py files that tsc does not copy: beside this module when running from
 * src/ (tests), and found through ../../src/runtime/bootstraps from dist/runtime (the package ships src/).
 */
export function bootstrapsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "bootstraps"), join(here, "..", "..", "src", "runtime", "bootstraps")];
  const found = candidates.find((dir) => existsSync(join(dir, "node.cjs")));
  if (!found) throw new Error(`Stepwise's runtime bootstraps are missing (looked in ${candidates.join(", ")})`);
  return found;
}

let bwrapWorks: boolean | undefined;
/** Whether bubblewrap is installed and may create namespaces here (checked once). */
export function bubblewrapAvailable(): boolean {
  if (bwrapWorks === undefined) {
    const probe = spawnSync("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--die-with-parent", "true"], {
      stdio: "ignore",
      timeout: 5_000,
    });
    bwrapWorks = probe.status === 0;
  }
  return bwrapWorks;
}

/** Where one sandbox's files are, on the host and as the sandbox sees them. */
export interface SandboxPaths {
  /** Host folder holding the sandbox's code copy. */
  readonly hostTask: string;
  /** Host folder that is the sandbox's /tmp. */
  readonly hostTmp: string;
  /** LAMBDA_TASK_ROOT as the sandbox sees it. */
  readonly taskRoot: string;
  /** LAMBDA_RUNTIME_DIR as the sandbox sees it. */
  readonly runtimeDir: string;
  /** The sandbox's temp dir as it sees it. */
  readonly tmp: string;
}

export function sandboxPaths(sandboxDir: string, bwrap: boolean): SandboxPaths {
  const hostTask = join(sandboxDir, "task");
  const hostTmp = join(sandboxDir, "tmp");
  return bwrap
    ? { hostTask, hostTmp, taskRoot: "/var/task", runtimeDir: "/var/runtime", tmp: "/tmp" }
    : { hostTask, hostTmp, taskRoot: hostTask, runtimeDir: bootstrapsDir(), tmp: hostTmp };
}

/** The environment Lambda defines (AWS docs, "Defined runtime environment variables"); reserved keys win. */
export function lambdaEnvironment(
  spec: FunctionSpec,
  paths: SandboxPaths,
  runtimeApi: string,
  logStreamName: string,
  base: Readonly<Record<string, string>>,
): Record<string, string> {
  const nodeBin = dirname(process.execPath);
  const path = ["/usr/local/bin", "/usr/bin", "/bin", "/opt/bin"];
  if (!path.includes(nodeBin)) path.unshift(nodeBin);
  const family = runtimeFamily(spec.runtime);
  const env: Record<string, string> = {
    ...base,
    ...spec.environment,
    _HANDLER: spec.handler,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID ?? "ASIASTEPWISELOCAL000",
    AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY ?? "stepwise-local-secret-access-key",
    AWS_SESSION_TOKEN: base.AWS_SESSION_TOKEN ?? "stepwise-local-session-token",
    LAMBDA_TASK_ROOT: paths.taskRoot,
    LAMBDA_RUNTIME_DIR: paths.runtimeDir,
    TZ: ":UTC",
    LANG: "en_US.UTF-8",
    PATH: path.join(":"),
    LD_LIBRARY_PATH: [paths.taskRoot, `${paths.taskRoot}/lib`, "/opt/lib"].join(":"),
    TMPDIR: paths.tmp,
    HOME: paths.tmp,
  };
  if (family !== "provided") env.AWS_EXECUTION_ENV = `AWS_Lambda_${spec.runtime}`;
  if (family === "node") env.NODE_PATH = ["/opt/nodejs/node_modules", paths.runtimeDir, paths.taskRoot].join(":");
  if (family === "python") env.PYTHONPATH = [paths.taskRoot, "/opt/python"].join(":");
  return env;
}

/** A pre-started generic runtime's environment: just enough to start; the function's comes on stdin. */
export function genericEnvironment(paths: SandboxPaths, runtimeApi: string): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    TMPDIR: paths.tmp,
    HOME: paths.tmp,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    STEPWISE_AWAIT_SPEC: "1",
  };
}

/** Why a provided function cannot start, checked before spawning (AWS: Runtime.InvalidEntrypoint). */
export function entrypointProblem(spec: FunctionSpec): "missing" | "not-executable" | undefined {
  const bootstrap = join(spec.codeDir, "bootstrap");
  if (!existsSync(bootstrap)) return "missing";
  try {
    accessSync(bootstrap, fsConstants.X_OK);
    return undefined;
  } catch {
    return "not-executable";
  }
}

/** The runtime process: our bootstrap for managed runtimes, the package's `bootstrap` for provided ones. */
export function runtimeCommand(family: RuntimeFamily, memorySize: number, paths: SandboxPaths): { command: string; args: string[] } {
  switch (family) {
    case "node":
      // Caps the JavaScript heap below the memory size, as Lambda's own Node bootstrap does.
      return {
        command: process.execPath,
        args: [`--max-old-space-size=${Math.max(16, Math.floor(memorySize * 0.9))}`, join(paths.runtimeDir, "node.cjs")],
      };
    case "python":
      return { command: PYTHON, args: ["-u", join(paths.runtimeDir, "python.py")] };
    case "provided":
      return { command: join(paths.taskRoot, "bootstrap"), args: [] };
  }
}

/**
 * bubblewrap's arguments: read-only host, a fresh /var holding /var/task (`taskSource`, the sandbox's code
 * copy or the unpacked package itself) and /var/runtime, private /tmp. Sources are bound from the host's
 * tree, so a package inside a hidden path (the server's data directory) is still seen at /var/task.
 */
export function bubblewrapArgs(paths: SandboxPaths, tmpRoot: string, hidePaths: readonly string[], taskSource: string = paths.hostTask): string[] {
  const args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session"];
  // The host has no /var/task: rebuild /var on a tmpfs from the host's entries, then add ours.
  args.push("--tmpfs", "/var");
  for (const name of safeReaddir("/var")) {
    if (name === "task" || name === "runtime" || name === "tmp") continue;
    const host = join("/var", name);
    try {
      if (lstatSync(host).isSymbolicLink()) args.push("--symlink", readlinkSync(host), host);
      else args.push("--ro-bind", host, host);
    } catch {
      // vanished meanwhile
    }
  }
  for (const hidden of [tmpRoot, ...hidePaths]) if (existsSync(hidden)) args.push("--tmpfs", hidden);
  args.push("--ro-bind", taskSource, "/var/task");
  args.push("--ro-bind", bootstrapsDir(), "/var/runtime");
  args.push("--bind", paths.hostTmp, "/tmp", "--bind", paths.hostTmp, "/var/tmp");
  args.push("--chdir", "/var/task");
  return args;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
