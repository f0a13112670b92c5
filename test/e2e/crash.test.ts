/**
 * End-to-end durability: start many executions (Wait, Retry with back-off, Map of tasks,
 * `.waitForTaskToken`), SIGKILL `stepwise serve` at random points, restart it on the same store,
 * drive the callbacks, and check that every execution finishes with the right output and a history
 * with no duplicate and no missing event. On SQLite (a file) and PostgreSQL (a fresh schema).
 */
import { describe, it, expect, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import {
  CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, SendTaskSuccessCommand, StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { ROOT, Server } from "./crash-server.js";
import {
  DEFINITION, CALLBACK_IN_HISTORY, TASKS_MODULE, expectedOutput, historyOf, historyProblems, invocationProblems, jobOf, readInvocations,
  seededRandom, type Invocation,
} from "./crash-workload.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const ROLE_ARN = "arn:aws:iam::123456789012:role/StepwiseCrashTest";
const POSTGRES_URL = process.env["STEPWISE_TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const CI = process.env["CI"] === "true";

const EXECUTIONS = 30;

/**
 * `bin/stepwise.mjs` runs dist/ (`npm test` builds it first). Missing: the test is skipped (fails
 * under CI=true). Older than src/: it runs, with a warning that it tests the last build.
 */
function missingBuild(): string | undefined {
  const built = join(ROOT, "dist/main.js");
  if (!existsSync(built)) return "dist/ is missing (run `npm run build`)";
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return newest(path);
      return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? statSync(path).mtimeMs : 0;
    }));
  if (newest(join(ROOT, "src")) > statSync(built).mtimeMs) console.warn("the crash test runs dist/, which is older than src/ (run `npm run build`)");
  return undefined;
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const build = missingBuild();
if (build !== undefined && !CI) console.warn(`skipping the crash test: ${build}`);
const runnable = build === undefined || CI;
const postgres = runnable ? await postgresProblem() : "not run";
if (runnable && postgres !== undefined && !CI) console.warn(`skipping the crash test on PostgreSQL: ${POSTGRES_URL} is unreachable (${postgres})`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Store {
  readonly name: string;
  readonly skip: string | undefined;
  spec(dir: string): string;
  cleanup(): Promise<void>;
}

const pgSchema = `stepwise_crash_${randomBytes(6).toString("hex")}`;
const STORES: Store[] = [
  { name: "SQLite", skip: undefined, spec: (dir) => `sqlite:${join(dir, "crash.db")}`, cleanup: async () => {} },
  {
    name: "PostgreSQL",
    skip: CI ? undefined : postgres,
    spec: () => `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}schema=${pgSchema}`,
    async cleanup() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await client.end();
    },
  },
];

describe.runIf(runnable)("crash durability (stepwise serve, SIGKILL, restart)", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  });

  for (const store of STORES) {
    it.skipIf(store.skip !== undefined)(`${store.name}: every execution finishes whole after SIGKILLs`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "stepwise-crash-"));
      const tasks = join(dir, "tasks.mjs");
      writeFileSync(tasks, TASKS_MODULE);
      const server = new Server(dir, store.spec(dir), tasks);
      cleanups.push(async () => {
        await server.kill();
        await store.cleanup();
        rmSync(dir, { recursive: true, force: true });
      });
      const seed = Number(process.env["CRASH_SEED"] ?? Math.floor(Math.random() * 2 ** 31));
      const random = seededRandom(seed);
      const log: string[] = [`seed ${seed} (CRASH_SEED=${seed} repeats the kill points)`];
      const t0 = Date.now();
      const note = (what: string) => log.push(`${((Date.now() - t0) / 1000).toFixed(2)} s: ${what}`);

      await server.start();
      const { stateMachineArn } = await server.sfn.send(new CreateStateMachineCommand({ name: "crash", definition: DEFINITION, roleArn: ROLE_ARN }));
      const jobs = Array.from({ length: EXECUTIONS }, (_, i) => jobOf(i));
      const arns = await Promise.all(jobs.map(async (job) =>
        (await server.sfn.send(new StartExecutionCommand({ stateMachineArn, name: job.id, input: JSON.stringify(job) }))).executionArn!));
      const jobByArn = new Map(arns.map((arn, i) => [arn, jobs[i]!]));
      note(`started ${EXECUTIONS} executions`);

      // Tokens answered (or found spent after an answer of ours that may have died with the server).
      const answered = new Set<string>();
      const attempted = new Set<string>();
      const spentUnexpectedly: string[] = [];
      const answerCallbacks = async (): Promise<number> => {
        const { executions = [] } = await server.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", maxResults: 1000 }));
        await Promise.all(executions.map(async ({ executionArn }) => {
          const job = jobByArn.get(executionArn!)!;
          for (const e of await historyOf(server.sfn, executionArn!)) {
            if (e.type !== "TaskScheduled" || e.taskScheduledEventDetails?.resource !== CALLBACK_IN_HISTORY) continue;
            const token = (JSON.parse(e.taskScheduledEventDetails.parameters!) as { token: string }).token;
            if (answered.has(token)) continue;
            const triedBefore = attempted.has(token);
            attempted.add(token);
            try {
              await server.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: job.id }) }));
            } catch (err) {
              const name = (err as Error).name;
              if (!/^(TaskDoesNotExist|TaskTimedOut|InvalidToken)$/.test(name)) throw err;
              if (!triedBefore) spentUnexpectedly.push(`${job.id}: ${name}`);
            }
            answered.add(token);
          }
        }));
        return executions.length;
      };

      // Kill while executions wait, retry, map and wait for callbacks; once right after answering some callbacks.
      // CRASH_ROUNDS (default 3) kills more often, to hunt for rare bugs.
      const rounds = Math.max(1, Number(process.env["CRASH_ROUNDS"] ?? 3));
      const windows = Array.from({ length: rounds }, (_, r) => (r < 3 ? [[300, 1200], [600, 1500], [800, 1800]][r]! : [150, 900]));
      for (const [round, [min, max]] of windows.entries()) {
        await sleep(min + random() * (max - min));
        note(`SIGKILL #${round + 1}`);
        await server.restart();
        note(`restarted #${round + 1}`);
        if (round === 0) {
          // StartExecution is idempotent: the same name and input gives the same (still running) execution.
          const again = await Promise.all(jobs.map(async (job) =>
            (await server.sfn.send(new StartExecutionCommand({ stateMachineArn, name: job.id, input: JSON.stringify(job) }))).executionArn));
          expect(again).toEqual(arns);
        }
      }
      const answering = (async () => {
        for (let i = 0; i < 6; i++) {
          await answerCallbacks().catch(() => undefined);
          await sleep(100);
        }
      })();
      await sleep(300 + random() * 700);
      note(`SIGKILL #${rounds + 1} (while answering callbacks)`);
      await server.kill();
      await answering;
      note(`${answered.size} callbacks answered before SIGKILL #${rounds + 1}`);
      await server.start();
      note(`restarted #${rounds + 1}`);

      const deadline = Date.now() + 30_000;
      for (;;) {
        const running = await answerCallbacks();
        if (running === 0) break;
        if (Date.now() > deadline) throw new Error(`${running} executions still running after 30 s\n${log.join("\n")}`);
        await sleep(200);
      }
      note("all closed");

      const problems: string[] = [];
      const invocations = readInvocations(join(dir, "invocations.jsonl"));
      for (const [arn, job] of jobByArn) {
        const d = await server.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        if (d.status !== "SUCCEEDED") problems.push(`${job.id}: ${d.status} ${d.error ?? ""} ${d.cause ?? ""}`);
        else if (JSON.stringify(JSON.parse(d.output!)) !== JSON.stringify(expectedOutput(job))) problems.push(`${job.id}: output ${d.output}`);
        const events = await historyOf(server.sfn, arn);
        for (const p of historyProblems(events, job)) problems.push(`${job.id}: ${p}`);
        const tokens = events.filter((e) => e.type === "TaskScheduled" && e.taskScheduledEventDetails?.resource === CALLBACK_IN_HISTORY)
          .map((e) => (JSON.parse(e.taskScheduledEventDetails!.parameters!) as { token: string }).token);
        for (const p of invocationProblems(invocations, job, tokens)) problems.push(`${job.id}: ${p}`);
      }
      const calls = new Map<string, number>();
      for (const v of invocations) calls.set(JSON.stringify(v), (calls.get(JSON.stringify(v)) ?? 0) + 1);
      for (const task of ["flaky", "double", "callback"]) {
        const keys = [...calls].filter(([key]) => (JSON.parse(key) as Invocation).task === task);
        const again = keys.filter(([, n]) => n > 1);
        note(`${task}: ${keys.length} attempts, ${again.length} of them ran again after a kill (${again.reduce((sum, [, n]) => sum + n - 1, 0)} extra calls)`);
      }
      for (const s of spentUnexpectedly) problems.push(`a callback token was spent before we answered it: ${s}`);
      if (process.env["CRASH_VERBOSE"]) console.log(`${store.name}:\n${log.join("\n")}`);
      const serverErrors = server.stderr.split("\n").filter((l) => /error|fail/i.test(l));
      expect({ problems, serverErrors }, log.join("\n")).toEqual({ problems: [], serverErrors: [] });
      await server.kill();
    }, 90_000);
  }
});
