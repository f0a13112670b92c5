/** @module The crash test's server: `stepwise serve` as a child process that can be SIGKILLed and restarted. */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { SFNClient } from "@aws-sdk/client-sfn";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/stepwise.mjs");

/** One `stepwise serve` process on a store; `restart()` after `kill()` opens the same store again. */
export class Server {
  private child: ChildProcessByStdio<null, Readable, Readable> | undefined;
  private exited: Promise<void> = Promise.resolve();
  client: SFNClient | undefined;
  url = "";
  stderr = "";

  constructor(private readonly dir: string, private readonly store: string, private readonly tasks: string) {}

  async start(): Promise<void> {
    const env = { ...process.env };
    delete env["SFN_MOCK_CONFIG"];
    const child = spawn(process.execPath, [BIN, "serve", "--host", "127.0.0.1", "--port", "0", "--data", this.dir, "--store", this.store, "--tasks", this.tasks], {
      cwd: this.dir, env, stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((r) => child.once("exit", () => r()));
    child.stderr.on("data", (c: Buffer) => (this.stderr += c.toString()));
    let stdout = "";
    this.url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed in time; stderr: ${this.stderr}`)), 15_000);
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      });
      void this.exited.then(() => reject(new Error(`the server exited early; stdout: ${stdout} stderr: ${this.stderr}`)));
    });
    this.client = new SFNClient({
      endpoint: this.url, region: "us-east-1", disableHostPrefix: true, maxAttempts: 1,
      credentials: { accessKeyId: "AKIDCRASHTEST", secretAccessKey: "crash-test" },
    });
  }

  async kill(): Promise<void> {
    this.client?.destroy();
    this.client = undefined;
    this.child?.kill("SIGKILL");
    await this.exited;
    this.child = undefined;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  get sfn(): SFNClient {
    if (!this.client) throw new Error("the server is down");
    return this.client;
  }
}
