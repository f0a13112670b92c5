/**
 * @module Section "api": StartSyncExecution of a 3-state Express machine through the real
 * @aws-sdk/client-sfn over HTTP: latency p50/p99 and executions/s with 1 and 32 concurrent callers.
 * Headline: Stepwise in a process of its own (as `stepwise serve` runs it: dist/main.js
 * startStepwise, embedded SQLite) with the callers in the bench process, so client and server each
 * have a core, as on a real machine; also with the 32 callers spread over two caller processes.
 * Beside it: the same figures with client and server in one process, the floors (a bare node:http
 * keep-alive round trip; the SDK against a bare server that answers a canned response: the SDK's own
 * ceiling), a bare node:http POST to Stepwise (the server without the SDK), CPU per call of each
 * side, and CPU profiles of both processes split by layer.
 */
import os from "node:os";
import { FLOOR_MACHINE_ARN, makeCaller, startFloorServer, startServerProcess, startServerWithMachine } from "../lib/api-env.mjs";
import { localCallers, runCallers, runRounds, startCallerProcess } from "../lib/callers.mjs";
import { isFunction, splitProfile, startCpuProfile } from "../lib/cpu-profile.mjs";
import { fmtMs, fmtRate, fmtRatio, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";
import { jobFailures } from "../lib/check.mjs";

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

/**
 * Client kinds (the `--engines` names). `server`: "stepwise" or "floor" (the canned answer);
 * `where`: "same" (one process, one thread for both sides) or "own" (the server in its own process);
 * `processes`: caller processes for 32 callers (0: the callers run in the bench process).
 */
const CLIENTS = {
  "floor-proc": { caller: "raw", server: "floor", where: "own", processes: 0, label: "node:http client -> bare node:http server (canned answer)" },
  "sdk-floor-proc": { caller: "sdk", server: "floor", where: "own", processes: 0, label: "@aws-sdk/client-sfn -> bare node:http server (canned answer)" },
  "sdk-floor-proc-2": { caller: "sdk", server: "floor", where: "own", processes: 2, label: "@aws-sdk/client-sfn in 2 caller processes -> bare server (canned)" },
  "raw-proc": { caller: "raw", server: "stepwise", where: "own", processes: 0, label: "node:http client -> Stepwise (no SDK)" },
  "sdk-proc": { caller: "sdk", server: "stepwise", where: "own", processes: 0, label: "@aws-sdk/client-sfn -> Stepwise" },
  "sdk-proc-2": { caller: "sdk", server: "stepwise", where: "own", processes: 2, label: "@aws-sdk/client-sfn in 2 caller processes -> Stepwise" },
  floor: { caller: "raw", server: "floor", where: "same", label: "node:http client -> bare node:http server (canned answer)" },
  "sdk-floor": { caller: "sdk", server: "floor", where: "same", label: "@aws-sdk/client-sfn -> bare node:http server (canned answer)" },
  raw: { caller: "raw", server: "stepwise", where: "same", label: "node:http client -> Stepwise (no SDK)" },
  sdk: { caller: "sdk", server: "stepwise", where: "same", label: "@aws-sdk/client-sfn -> Stepwise" },
};
const callersOf = (client) => (CLIENTS[client].processes > 0 ? [32] : CALLERS);

export function plan(options) {
  const budget = options.quick ? "quick" : "full";
  const jobs = [];
  for (const client of Object.keys(CLIENTS)) {
    if (options.engines && !options.engines.includes(client)) continue;
    if (options.only && !options.only.includes(client)) continue;
    jobs.push({ section: name, kind: "callers", workload: "start-sync", engine: client, client, budget });
  }
  if (!options.cpuProfDir && (!options.engines || options.engines.includes("sdk-proc")) && (!options.only || options.only.includes("profile"))) {
    jobs.push({ section: name, kind: "profile", workload: "start-sync-profile", engine: "sdk-proc", client: "sdk-proc", budget });
  }
  return jobs;
}

export async function runJob(job) {
  const budget = BUDGETS[job.budget] ?? BUDGETS.full;
  const spec = CLIENTS[job.client];
  if (!spec) throw new Error(`unknown api client ${job.client} (known: ${Object.keys(CLIENTS).join(", ")})`);
  if (job.kind === "profile") return profileJob(job, budget);
  const load = os.loadavg()[0];
  const runs = spec.where === "same" ? await sameProcessRuns(spec, budget) : await ownProcessRuns(job, spec, budget);
  const problems = runs.flatMap((r) => r.problems.map((p) => `${r.callers} caller(s): ${p}`));
  return {
    ...job,
    runs,
    loadAverage: { before: round(load, 3), after: round(os.loadavg()[0], 3) },
    problems,
    progress: runs.map((r) => `${r.callers} caller${r.callers > 1 ? "s" : ""}: p50 ${fmtMs(r.p50Ms)}, ${fmtRate(r.callsPerSec)}`).join("; ") + (problems.length ? " MISMATCH" : " checked ok"),
  };
}

const loopBudget = (budget, callers) => ({
  maxCount: budget.maxCount[callers], maxMs: budget.maxMs[callers], warmupMs: budget.warmupMs, warmupCalls: budget.warmupCalls, rounds: budget.rounds,
});

/** Client and server in this process: CPU per call covers both sides. */
async function sameProcessRuns(spec, budget) {
  const server = spec.server === "floor" ? await startFloorServer() : await startServerWithMachine();
  const caller = await makeCaller(spec.caller, server.url, server.stateMachineArn ?? FLOOR_MACHINE_ARN);
  try {
    const runs = [];
    for (const callers of CALLERS) runs.push(await runCallers({ callers, ...loopBudget(budget, callers), call: caller.call, check: caller.check }));
    return runs;
  } finally {
    caller.close();
    await server.close();
  }
}

/** The server in its own process; the callers in this process, or split over caller processes. */
async function ownProcessRuns(job, spec, budget) {
  const server = await startServerProcess(spec.server);
  const groups = [];
  try {
    if (spec.processes > 0) {
      for (let i = 0; i < spec.processes; i++) groups.push(await startCallerProcess(spec.caller, server.url, server.stateMachineArn));
    } else {
      groups.push(localCallers(await makeCaller(spec.caller, server.url, server.stateMachineArn)));
    }
    const runs = [];
    for (const callers of callersOf(job.client)) {
      runs.push(await runRounds({ groups, callersEach: callers / groups.length, ...loopBudget(budget, callers), serverCpuMs: server.cpuMs }));
    }
    return runs;
  } finally {
    await Promise.all(groups.map((g) => g.close()));
    await server.close();
  }
}

/**
 * Layers, nearest the sample's leaf first: a sample belongs to the innermost frame that names an
 * owner (Stepwise's folders, the SDK, node:http itself); events, timers, AbortController and promise
 * jobs are nobody's and count for whoever called them.
 */
const frameOwner = (owners) => (stack) => {
  for (const f of stack) {
    for (const [name, match] of owners) if (match(f)) return name;
  }
  return undefined;
};
const url = (...parts) => (f) => parts.some((p) => f.url.includes(p));
const SOCKET_WRITE = (f) => ["writev", "writeUtf8String", "writeBuffer", "writeLatin1String"].includes(f.functionName);
const NODE_HTTP = url("node:_http", "node:net", "node:internal/http", "node:internal/stream", "node:stream", "node:internal/streams");

const SERVER_OWNERS = [
  ["socket writes (the syscall: loopback TCP)", SOCKET_WRITE],
  ["store (SQLite: getStateMachine)", url("/dist/store/")],
  ["Express run (runner, ASL evaluation)", url("/dist/runner/", "/dist/asl/", "/dist/history/")],
  ["Step Functions service (dist/services)", url("/dist/services/")],
  ["Stepwise HTTP layer (dist/api: dispatch, JSON, headers)", url("/dist/api/")],
  ["node:http (parsing, response writing, sockets)", NODE_HTTP],
  ["other Stepwise (dist/main.js: ids)", url("/dist/")],
];
const CLIENT_OWNERS = [
  ["socket writes (the syscall: loopback TCP)", SOCKET_WRITE],
  ["AWS SDK client (@aws-sdk, @smithy: build, sign, parse)", url("@aws-sdk/", "@smithy/", "@aws-crypto/")],
  ["node:http client (sockets, parsing)", NODE_HTTP],
  ["bench driver", url("/bench/")],
];
const layerCategories = (owners) => [
  { name: "garbage collection", match: isFunction("(garbage collector)") },
  { name: "idle", match: isFunction("(idle)") },
  ...owners.map(([name]) => ({ name, matchStack: (stack) => frameOwner(owners)(stack) === name })),
];
export const SERVER_CATEGORIES = layerCategories(SERVER_OWNERS);
export const CLIENT_CATEGORIES = layerCategories(CLIENT_OWNERS);

/** SDK callers (32, in this process) against Stepwise in its own process: both processes profiled at once. */
async function profileJob(job, budget) {
  const server = await startServerProcess("stepwise");
  const caller = await makeCaller("sdk", server.url, server.stateMachineArn);
  try {
    await runCallers({ callers: 32, maxCount: Infinity, maxMs: 1, warmupMs: budget.warmupMs, warmupCalls: budget.warmupCalls, call: caller.call, check: caller.check });
    await server.startProfile();
    const profiler = await startCpuProfile();
    const s0 = await server.cpuMs();
    const run = await runCallers({ callers: 32, maxCount: Infinity, maxMs: budget.profileMs, call: caller.call, check: caller.check });
    const serverCpuMs = (await server.cpuMs()) - s0;
    const clientProfile = splitProfile(await profiler.stop(), CLIENT_CATEGORIES);
    const serverProfile = splitProfile(await server.stopProfile(), SERVER_CATEGORIES);
    return {
      ...job, run: { ...run, serverCpuMsPerCall: round(serverCpuMs / Math.max(1, run.calls), 4) }, serverProfile, clientProfile, problems: run.problems,
      progress: `profiled ${run.calls} calls (profiling slows them down)`,
    };
  } finally {
    caller.close();
    await server.close();
  }
}

const mark = (ok) => (ok ? "ok" : "MISS");
const us = (ms) => (ms === undefined || ms === null ? "-" : `${Math.round(ms * 1000)} µs`);

export function summarize(jobResults) {
  const failures = jobFailures(jobResults);
  const by = Object.fromEntries(jobResults.filter((r) => r.kind === "callers" && !r.error).map((r) => [r.client, r]));
  const run = (client, callers) => by[client]?.runs.find((x) => x.callers === callers);
  const sdk1 = run("sdk-proc", 1);
  const sdk32 = run("sdk-proc", 32);
  const sdk32x2 = run("sdk-proc-2", 32);
  // 32 concurrent callers are 32 clients, not one client process: one SDK process cannot pass its
  // own ceiling (sdk-floor-proc: the SDK against a server that does nothing), whatever the server.
  // So the throughput target is judged with the callers in two caller processes; one process is shown too.
  const targets = {
    p50: sdk1 ? { max: TARGETS.maxP50Ms, value: sdk1.p50Ms, met: sdk1.p50Ms < TARGETS.maxP50Ms } : undefined,
    perSec32: sdk32x2 ? { min: TARGETS.minPerSec32, value: sdk32x2.callsPerSec, met: sdk32x2.callsPerSec >= TARGETS.minPerSec32, callerProcesses: 2 } : undefined,
    perSec32OneClientProcess: sdk32 ? { min: TARGETS.minPerSec32, value: sdk32.callsPerSec, met: sdk32.callsPerSec >= TARGETS.minPerSec32, callerProcesses: 1 } : undefined,
  };
  const targetCell = (client, callers, r) => {
    if (client === "sdk-proc" && callers === 1) return `p50 < ${TARGETS.maxP50Ms} ms ${mark(targets.p50.met)}`;
    if ((client === "sdk-proc" || client === "sdk-proc-2") && callers === 32) {
      return `>= ${fmtRate(TARGETS.minPerSec32)} ${mark(r.callsPerSec >= TARGETS.minPerSec32)} (${fmtRatio(r.callsPerSec / TARGETS.minPerSec32)})`;
    }
    return "-";
  };
  const rowsOf = (where) => {
    const floorClient = where === "own" ? "floor-proc" : "floor";
    const rows = [];
    for (const [client, spec] of Object.entries(CLIENTS)) {
      if (spec.where !== where) continue;
      for (const callers of CALLERS) {
        const r = run(client, callers);
        if (!r) continue;
        const floor = run(floorClient, callers);
        const vsFloorP50 = floor && client !== floorClient ? r.p50Ms / floor.p50Ms : NaN;
        const cpu = where === "own" ? [us(r.cpuMsPerCall), us(r.serverCpuMsPerCall)] : [us(r.cpuMsPerCall)];
        rows.push([spec.label, String(callers), r.calls.toLocaleString("en-US"), fmtMs(r.p50Ms), fmtMs(r.p99Ms), fmtRate(r.callsPerSec), ...cpu,
          Number.isFinite(vsFloorP50) ? fmtRatio(vsFloorP50) : "-", where === "own" ? targetCell(client, callers, r) : "-", by[client].problems.length ? "FAIL" : "ok"]);
      }
    }
    return rows;
  };
  let table = "";
  const own = rowsOf("own");
  if (own.length) {
    table += "Server in its own process (as `stepwise serve` runs it), callers in the bench process or in caller processes of their own\n";
    table += formatTable(["client -> server (own process)", "callers", "calls", "p50", "p99", "calls/s", "client CPU/call", "server CPU/call", "p50/floor", "target", "checks"], own);
  }
  const same = rowsOf("same");
  if (same.length) {
    table += `${table ? "\n\n" : ""}Client and server in one process (one thread for both sides)\n`;
    table += formatTable(["client -> server (same process)", "callers", "calls", "p50", "p99", "calls/s", "CPU/call (both)", "p50/floor", "target", "checks"], same);
  }

  // What each side costs in CPU per call at 32 callers, measured in separate processes.
  const r32 = (client) => run(client, 32);
  const split = {
    httpRoundTripClientMs: r32("floor-proc")?.cpuMsPerCall,
    httpRoundTripServerMs: r32("floor-proc")?.serverCpuMsPerCall,
    sdkClientMs: r32("sdk-floor-proc")?.cpuMsPerCall,
    sdkCeilingPerSec: r32("sdk-floor-proc")?.callsPerSec,
    sdkCeilingTwoProcessesPerSec: r32("sdk-floor-proc-2")?.callsPerSec,
    stepwiseServerMs: r32("raw-proc")?.serverCpuMsPerCall,
    stepwiseServerUnderSdkMs: r32("sdk-proc")?.serverCpuMsPerCall,
  };
  const cores = os.cpus().length;
  if (split.sdkClientMs !== undefined || split.stepwiseServerMs !== undefined) {
    const budgetMs = (cores / TARGETS.minPerSec32) * 1000;
    table += `\n\nCPU per call at 32 callers, each process measured on its own: bare node:http round trip ${us(split.httpRoundTripClientMs)} client + ` +
      `${us(split.httpRoundTripServerMs)} server; the SDK client (against the canned server) ${us(split.sdkClientMs)}, so one SDK process tops out at ` +
      `${split.sdkCeilingPerSec === undefined ? "-" : fmtRate(split.sdkCeilingPerSec)} (two SDK processes on this machine: ` +
      `${split.sdkCeilingTwoProcessesPerSec === undefined ? "-" : fmtRate(split.sdkCeilingTwoProcessesPerSec)}); Stepwise's server ${us(split.stepwiseServerMs)} ` +
      `(bare POSTs; ${us(split.stepwiseServerUnderSdkMs)} under the SDK). ${TARGETS.minPerSec32.toLocaleString("en-US")} calls/s on ${cores} cores leaves ` +
      `${us(budgetMs)} of CPU a call for client and server together.`;
  }
  const profiled = jobResults.find((r) => r.kind === "profile" && !r.error);
  if (profiled) {
    const section = (p, heading) => `${formatTable([heading, "ms", "share"],
      p.categories.filter((c) => c.ms > 0).sort((a, b) => b.ms - a.ms).map((c) => [c.name, String(c.ms), `${(c.share * 100).toFixed(1)}%`]))}\n` +
      formatTable(["top functions by self time", "ms", "share"], p.topSelf.map((f) => [f.function, String(f.ms), `${(f.share * 100).toFixed(1)}%`]));
    table += `\n\nProfiles: SDK, 32 callers in the bench process, Stepwise in its own process; ${profiled.run.calls} calls in ${fmtMs(profiled.run.ms)} ` +
      `(${fmtRate(profiled.run.callsPerSec)} while profiled; server CPU ${us(profiled.run.serverCpuMsPerCall)}/call)\n`;
    table += `${section(profiled.serverProfile, `Stepwise server process: ${profiled.serverProfile.sampledMs} ms sampled`)}\n\n`;
    table += section(profiled.clientProfile, `SDK client process: ${profiled.clientProfile.sampledMs} ms sampled`);
  }
  const misses = [];
  if (targets.p50 && !targets.p50.met) misses.push(`StartSyncExecution p50 with 1 caller: ${fmtMs(sdk1.p50Ms)} (target < ${TARGETS.maxP50Ms} ms; the bare node:http floor is ${fmtMs(run("floor-proc", 1)?.p50Ms)})`);
  if (targets.perSec32 && !targets.perSec32.met) {
    misses.push(`StartSyncExecution with 32 callers from two caller processes: ${fmtRate(sdk32x2.callsPerSec)} (target >= ${fmtRate(TARGETS.minPerSec32)}; ` +
      `the SDK against a canned server: ${fmtRate(split.sdkCeilingTwoProcessesPerSec)} from two processes, ${fmtRate(split.sdkCeilingPerSec)} from one; ` +
      `bare POSTs to Stepwise: ${fmtRate(r32("raw-proc")?.callsPerSec)})`);
  }
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: { ...TARGETS, ...targets },
      allTargetsMet: Boolean(targets.p50?.met && targets.perSec32?.met),
      cpuPerCallBySide32: split,
      clients: Object.fromEntries(Object.entries(by).map(([k, r]) => [k, { description: CLIENTS[k].label, where: CLIENTS[k].where, runs: r.runs, loadAverage: r.loadAverage }])),
      profile: profiled ? { run: profiled.run, server: profiled.serverProfile, client: profiled.clientProfile } : undefined,
    },
    notes: [
      "Targets: p50 on the SDK with 1 caller and Stepwise in its own process; executions/s with 32 callers split over two caller processes (one SDK process cannot pass its own ceiling, the sdk-floor-proc row, whatever the server); the one-process row is shown beside it.",
      "Own process: Stepwise runs as `stepwise serve` does (startStepwise, embedded SQLite in a temp folder) in a Node process of its own; the callers run in the bench process, or (\"2 caller processes\") 16 callers in each of two Node processes of their own, started together, their calls added up. Server CPU/call = the server process's CPU time / calls; client CPU/call = the caller processes' CPU time / calls.",
      "Same process: client and server share one Node thread; CPU/call covers both sides.",
      "Closed loop: each caller sends its next request when the previous answer arrived. After a warm-up (>= 1.5 s and >= 3,000 calls, at most 10 s: JIT warm-up is slow when other work takes the CPUs), 3 rounds: calls/s = the median round's answered calls / wall time; p50/p99 = latency percentiles of all measured calls. Every answer is checked (SUCCEEDED, output).",
      "Floors: a bare node:http server reads the body and answers a canned StartSyncExecution response (the same bytes Stepwise would send): with a node:http client it is the HTTP round trip; with the SDK it is the SDK client's own cost and ceiling.",
      "Profiles split samples by the innermost frame that names a layer (events, timers, AbortController and promise jobs count for their caller); they are wall-clock samples, so a loaded machine inflates the syscall share.",
      "SDK client: endpoint = the server, disableHostPrefix: true (no sync- host prefix), maxAttempts 1, static credentials (requests are SigV4-signed as usual).",
    ],
  };
}
