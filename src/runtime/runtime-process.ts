/**
 * @module A sandbox's runtime process: spawned in its own process group (under bubblewrap when used),
 * its output streamed line by line, and ended as a group so that nothing it started outlives it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { bubblewrapArgs, runtimeCommand, type RuntimeFamily, type SandboxPaths } from "./launch.js";

export interface ProcessOptions {
  readonly family: RuntimeFamily;
  readonly memorySize: number;
  readonly paths: SandboxPaths;
  readonly env: Record<string, string>;
  /** `taskSource`: the host folder the sandbox sees read-only as /var/task. */
  readonly bwrap: { readonly tmpRoot: string; readonly hidePaths: readonly string[]; readonly taskSource: string } | undefined;
  readonly onOutput: (source: "stdout" | "stderr", chunk: string) => void;
  /** Called once, after the process ended and its output was read. */
  readonly onEnd: (code: number | null, signal: string | null) => void;
}

export interface RuntimeProcess {
  readonly pid: number | undefined;
  /** Resolves after onEnd ran. */
  readonly ended: Promise<void>;
  /** Writes `text` (if any) to the runtime's stdin and closes it. */
  endInput(text?: string): void;
  /** SIGKILL to the whole process group. */
  kill(): void;
}

/** How long to wait for the pipes to close after the runtime exited (something that left its group may hold them). */
const PIPE_GRACE_MS = 1_000;

export function startProcess(options: ProcessOptions): RuntimeProcess {
  const { command, args } = runtimeCommand(options.family, options.memorySize, options.paths);
  const [file, argv] = options.bwrap
    ? ["bwrap", [...bubblewrapArgs(options.paths, options.bwrap.tmpRoot, options.bwrap.hidePaths, options.bwrap.taskSource), "--", command, ...args]]
    : [command, args];
  const child: ChildProcess = spawn(file, argv, {
    cwd: options.bwrap ? "/" : options.paths.hostTask,
    env: options.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  const kill = () => killGroup(child);
  child.stdin!.on("error", () => undefined);
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => options.onOutput("stdout", chunk));
  child.stderr!.on("data", (chunk: string) => options.onOutput("stderr", chunk));
  const ended = new Promise<void>((resolve) => {
    let done = false;
    const end = (code: number | null, signal: string | null) => {
      if (done) return;
      done = true;
      options.onEnd(code, signal);
      resolve();
    };
    child.once("error", () => end(127, null));
    child.once("exit", (code, signal) => {
      kill();
      setTimeout(() => end(code, signal), PIPE_GRACE_MS).unref();
    });
    child.once("close", (code: number | null, signal: string | null) => end(code, signal));
  });
  return {
    pid: child.pid,
    ended,
    endInput: (text) => child.stdin?.end(text),
    kill,
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}
