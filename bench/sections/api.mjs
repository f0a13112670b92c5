/**
 * @module Section "api": StartSyncExecution of a 3-state Express machine through the real
 * @aws-sdk/client-sfn over HTTP, against a Stepwise server started in the same process (dist/main.js
 * startStepwise, temp data folder): latency p50/p99 and executions/s with 1 and 32 concurrent callers.
 * In the same run: a bare node:http keep-alive round trip (the floor) and a bare node:http POST of the
 * same request to Stepwise (the server's share without the SDK), and a CPU profile split by layer.
 */
import os from "node:os";
import { EXPECTED_OUTPUT, INPUT, rawPoster, sdkClient, startFloorServer, startServerWithMachine } from "../lib/api-env.mjs";
import { runCallers } from "../lib/callers.mjs";
import { jsonEqual } from "../lib/check.mjs";
import { inUrl, isFunction, splitProfile, startCpuProfile } from "../lib/cpu-profile.mjs";
import { fmtMs, fmtRate, fmtRatio, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";

export const name = "api";
export const title = "API: StartSyncExecution (Express, 3 Pass states) through @aws-sdk/client-sfn over HTTP";

/** Targets from the issue: p50 under 2 ms (1 caller), at least 3,000 executions/s with 32 callers. */
export const TARGETS = { maxP50Ms: 2, minPerSec32: 3000 };
const CALLERS = [1, 32];
const BUDGETS = {
  full: { warmupMs: 1500, warmupCalls: 3000, rounds: 3, maxMs: { 1: 3000, 32: 4500 }, maxCount: { 1: 10000, 32: 60000 }, profileMs: 2000 },
  quick: { warmupMs: 400, warmupCalls: 500, rounds: 1, maxMs: { 1: 800, 32: 1000 }, maxCount: { 1: 2000, 32: 10000 }, profileMs: 700 },
  smoke: { warmupMs: 20, warmupCalls: 10, rounds: 1, maxMs: { 1: 100, 32: 150 }, maxCount: { 1: 50, 32: 200 }, profileMs: 100 },
};
const CLIENTS = {
  floor: "node:http client -> bare node:http server (canned answer)",
  "sdk-floor": "@aws-sdk/client-sfn -> bare node:http server (canned answer)",
  raw: "node:http client -> Stepwise (no SDK)",
  sdk: "@aws-sdk/client-sfn -> Stepwise",
};

export function plan(options) {
  const budget = options.quick ? "quick" : "full";
  const jobs = [];
  for (const client of Object.keys(CLIENTS)) {
    if (options.engines && !options.engines.includes(client)) continue;
    if (options.only && !options.only.includes(client)) continue;
    jobs.push({ section: name, kind: "callers", workload: "start-sync", engine: client, client, budget });
  }
  if (!options.cpuProfDir && (!options.engines || options.engines.includes("sdk")) && (!options.only || options.only.includes("profile"))) {
    jobs.push({ section: name, kind: "profile", workload: "start-sync-profile", engine: "sdk", client: "sdk", budget });
  }
  return jobs;
}

/** The SDK warns once that Node 20 support ends in 2027; that is not news for a benchmark. */
function quietSdkWarning() {
  const emit = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    const text = typeof warning === "string" ? warning : warning?.message ?? "";
    if (/NodeVersionSupportWarning|require node >=22/.test(`${text} ${rest.map(String).join(" ")}`)) return;
    emit.call(process, warning, ...rest);
  };
}

/** `call()` and `check(result)` for one kind of client. */
async function setUp(client) {
  if (client === "floor") {
    const floor = await startFloorServer();
    const poster = rawPoster(floor.url);
    const body = JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Floor", input: INPUT });
    const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSStepFunctions.StartSyncExecution" };
    return {
      call: () => poster.post(headers, body),
      check: (r) => (r.status === 200 ? undefined : `HTTP ${r.status}`),
      close: async () => {
        poster.close();
        await floor.close();
      },
    };
  }
  quietSdkWarning();
  if (client === "sdk-floor") {
    const floor = await startFloorServer();
    const sdk = await import("@aws-sdk/client-sfn");
    const sfn = sdkClient(sdk, floor.url);
    const stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:BenchExpress";
    return {
      call: () => sfn.send(new sdk.StartSyncExecutionCommand({ stateMachineArn, input: INPUT })),
      check: (r) => (r.status === "SUCCEEDED" && jsonEqual(JSON.parse(r.output), EXPECTED_OUTPUT) ? undefined : `status ${r.status}, output ${r.output}`),
      close: async () => {
        sfn.destroy();
        await floor.close();
      },
    };
  }
  const server = await startServerWithMachine();
  if (client === "raw") {
    const poster = rawPoster(server.url);
    const body = JSON.stringify({ stateMachineArn: server.stateMachineArn, input: INPUT });
    const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSStepFunctions.StartSyncExecution" };
    return {
      call: () => poster.post(headers, body),
      check: (r) => {
        if (r.status !== 200) return `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
        const out = JSON.parse(r.body);
        return out.status === "SUCCEEDED" && jsonEqual(JSON.parse(out.output), EXPECTED_OUTPUT) ? undefined : `status ${out.status}, output ${out.output}`;
      },
      close: async () => {
        poster.close();
        await server.close();
      },
    };
  }
  const { sdk, client: sfn, stateMachineArn } = server;
  return {
    call: () => sfn.send(new sdk.StartSyncExecutionCommand({ stateMachineArn, input: INPUT })),
    check: (r) => (r.status === "SUCCEEDED" && jsonEqual(JSON.parse(r.output), EXPECTED_OUTPUT) ? undefined : `status ${r.status}, output ${r.output}, error ${r.error}`),
    close: () => server.close(),
  };
}

export async function runJob(job) {
  const budget = BUDGETS[job.budget] ?? BUDGETS.full;
  const env = await setUp(job.client);
  try {
    if (job.kind === "profile") return await profileJob(job, env, budget);
    const runs = [];
    const load = os.loadavg()[0];
    for (const callers of CALLERS) {
      runs.push(await runCallers({
        callers, maxCount: budget.maxCount[callers], maxMs: budget.maxMs[callers], warmupMs: budget.warmupMs, warmupCalls: budget.warmupCalls,
        rounds: budget.rounds, call: env.call, check: env.check,
      }));
    }
    const problems = runs.flatMap((r) => r.problems.map((p) => `${r.callers} caller(s): ${p}`));
    return {
      ...job,
      runs,
      loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
      problems,
      progress: runs.map((r) => `${r.callers} caller${r.callers > 1 ? "s" : ""}: p50 ${fmtMs(r.p50Ms)}, ${fmtRate(r.callsPerSec)}`).join("; ") + (problems.length ? " MISMATCH" : " checked ok"),
    };
  } finally {
    await env.close();
  }
}

/** Where a StartSyncExecution's time goes (first match on the sample's stack wins). */
export const API_CATEGORIES = [
  { name: "AWS SDK client (@aws-sdk, @smithy: build, sign, parse)", match: inUrl("@aws-sdk/", "@smithy/", "@aws-crypto/") },
  { name: "Express run (runner, ASL evaluation)", match: inUrl("/dist/runner/", "/dist/asl/", "/dist/history/") },
  { name: "Step Functions service (dist/services)", match: inUrl("/dist/services/") },
  { name: "Stepwise HTTP layer (dist/api: Request/Response, routing, JSON)", match: inUrl("/dist/api/") },
  { name: "Web Request/Response, streams (undici, node:internal/webstreams)", match: inUrl("undici", "webstreams", "internal/deps/undici") },
  { name: "node:http / net (both sides)", match: inUrl("node:_http", "node:net", "node:internal/http", "node:internal/stream", "node:stream", "node:internal/streams") },
  { name: "bench driver", match: inUrl("/bench/") },
  { name: "garbage collection", match: isFunction("(garbage collector)") },
  { name: "idle", match: isFunction("(idle)") },
];

async function profileJob(job, env, budget) {
  await runCallers({ callers: 32, maxCount: Infinity, maxMs: 1, warmupMs: budget.warmupMs, warmupCalls: budget.warmupCalls, call: env.call, check: env.check });
  const profiler = await startCpuProfile();
  const run = await runCallers({ callers: 32, maxCount: Infinity, maxMs: budget.profileMs, call: env.call, check: env.check });
  const profile = splitProfile(await profiler.stop(), API_CATEGORIES);
  return { ...job, run, profile, problems: run.problems, progress: `profiled ${run.calls} calls (profiling slows them down)` };
}

const mark = (ok) => (ok ? "ok" : "MISS");

export function summarize(jobResults) {
  const failures = [];
  for (const r of jobResults) {
    if (r.error) failures.push(`${r.engine}: ERROR ${r.error}`);
    for (const p of r.problems ?? []) failures.push(`${r.engine}: ${p}`);
  }
  const by = Object.fromEntries(jobResults.filter((r) => r.kind === "callers" && !r.error).map((r) => [r.client, r]));
  const run = (client, callers) => by[client]?.runs.find((x) => x.callers === callers);
  const sdk1 = run("sdk", 1);
  const sdk32 = run("sdk", 32);
  const targets = {
    p50: sdk1 ? { max: TARGETS.maxP50Ms, value: sdk1.p50Ms, met: sdk1.p50Ms < TARGETS.maxP50Ms } : undefined,
    perSec32: sdk32 ? { min: TARGETS.minPerSec32, value: sdk32.callsPerSec, met: sdk32.callsPerSec >= TARGETS.minPerSec32 } : undefined,
  };
  const rows = [];
  for (const client of Object.keys(CLIENTS)) {
    for (const callers of CALLERS) {
      const r = run(client, callers);
      if (!r) continue;
      const floor = run("floor", callers);
      const vsFloorP50 = floor && client !== "floor" ? r.p50Ms / floor.p50Ms : NaN;
      const vsFloorRate = floor && client !== "floor" ? floor.callsPerSec / r.callsPerSec : NaN;
      const target = client !== "sdk" ? "-"
        : callers === 1 ? `p50 < ${TARGETS.maxP50Ms} ms ${mark(targets.p50.met)}`
        : `>= ${fmtRate(TARGETS.minPerSec32)} ${mark(targets.perSec32.met)} (${fmtRatio(r.callsPerSec / TARGETS.minPerSec32)})`;
      rows.push([CLIENTS[client], String(callers), r.calls.toLocaleString("en-US"), fmtMs(r.p50Ms), fmtMs(r.p99Ms), fmtRate(r.callsPerSec),
        `${(r.cpuMsPerCall * 1000).toFixed(0)} µs`, Number.isFinite(vsFloorP50) ? fmtRatio(vsFloorP50) : "-", Number.isFinite(vsFloorRate) ? fmtRatio(vsFloorRate) : "-",
        target, by[client].problems.length ? "FAIL" : "ok"]);
    }
  }
  // What each side costs in CPU per call (all on one thread), from the four clients' figures.
  const cpu = (client) => run(client, 32)?.cpuMsPerCall;
  const split = {
    httpRoundTripMs: cpu("floor"),
    sdkClientMs: cpu("sdk-floor") !== undefined && cpu("floor") !== undefined ? round(cpu("sdk-floor") - cpu("floor"), 3) : undefined,
    stepwiseServerMs: cpu("raw") !== undefined && cpu("floor") !== undefined ? round(cpu("raw") - cpu("floor"), 3) : undefined,
  };
  let table = formatTable(["client -> server (same process)", "callers", "calls", "p50", "p99", "calls/s", "CPU/call", "p50/floor", "floor rate/this", "target", "checks"], rows);
  if (split.sdkClientMs !== undefined || split.stepwiseServerMs !== undefined) {
    const us = (ms) => (ms === undefined ? "-" : `${Math.round(ms * 1000)} µs`);
    table += `\n\nCPU per call at 32 callers, by side: bare HTTP round trip (both ends) ${us(split.httpRoundTripMs)}; the SDK client's own work ${us(split.sdkClientMs)} ` +
      `(sdk-floor - floor); Stepwise's server work ${us(split.stepwiseServerMs)} (raw - floor). ` +
      `${TARGETS.minPerSec32.toLocaleString("en-US")} calls/s on one thread leaves ${us((1 / TARGETS.minPerSec32) * 1000)} a call for all of it.`;
  }
  const profiled = jobResults.find((r) => r.kind === "profile" && !r.error);
  if (profiled) {
    const p = profiled.profile;
    table += `\n\nProfile: SDK, 32 callers, ${profiled.run.calls} calls in ${fmtMs(profiled.run.ms)} (${fmtRate(profiled.run.callsPerSec)} while profiled); ${p.sampledMs} ms sampled\n`;
    table += formatTable(["where the time goes (client and server share one thread)", "ms", "share"],
      p.categories.filter((c) => c.ms > 0).sort((a, b) => b.ms - a.ms).map((c) => [c.name, String(c.ms), `${(c.share * 100).toFixed(1)}%`]));
    table += `\n${formatTable(["top functions by self time", "ms", "share"], p.topSelf.map((f) => [f.function, String(f.ms), `${(f.share * 100).toFixed(1)}%`]))}`;
  }
  const misses = [];
  if (targets.p50 && !targets.p50.met) misses.push(`StartSyncExecution p50 with 1 caller: ${fmtMs(sdk1.p50Ms)} (target < ${TARGETS.maxP50Ms} ms; the bare node:http floor is ${fmtMs(run("floor", 1)?.p50Ms)})`);
  if (targets.perSec32 && !targets.perSec32.met) misses.push(`StartSyncExecution with 32 callers: ${fmtRate(sdk32.callsPerSec)} (target >= ${fmtRate(TARGETS.minPerSec32)}; bare node:http floor ${fmtRate(run("floor", 32)?.callsPerSec)}, without the SDK ${fmtRate(run("raw", 32)?.callsPerSec)})`);
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: { ...TARGETS, ...targets },
      allTargetsMet: Boolean(targets.p50?.met && targets.perSec32?.met),
      cpuPerCallBySide32: split,
      clients: Object.fromEntries(Object.entries(by).map(([k, r]) => [k, { description: CLIENTS[k], runs: r.runs, loadAverage: r.loadAverage }])),
      profile: profiled ? { run: profiled.run, ...profiled.profile } : undefined,
    },
    notes: [
      "Client and server run in one Node process (one thread), as the issue asks: every figure includes both sides' CPU. The floor is a bare node:http keep-alive round trip in the same process.",
      "Closed loop: each caller sends its next request when the previous answer arrived. After a warm-up (>= 1.5 s and >= 3,000 calls, at most 10 s: JIT warm-up is slow when other work takes the CPUs), 3 rounds: calls/s = the median round's answered calls / wall time; p50/p99 = latency percentiles of all measured calls. Every answer is checked (SUCCEEDED, output).",
      "CPU/call = process CPU time (user+system) / calls: less sensitive than wall time to other load on the machine.",
      "p50/floor = this p50 / the floor's p50 at the same callers; floor rate/this = floor calls/s / these calls/s. sdk-floor = the SDK against the bare server answering a canned StartSyncExecution response: the SDK client's cost alone.",
      "SDK client: endpoint = the server, disableHostPrefix: true (no sync- host prefix), maxAttempts 1, static credentials (requests are SigV4-signed as usual).",
    ],
  };
}
