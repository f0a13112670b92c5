/**
 * @module Closed-loop callers: N concurrent callers each issue one request after another; latency per
 * call. In this process (`runCallers`), or spread over caller processes of their own
 * (`startCallerProcess` + `runRounds`), beside a server in a process of its own.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, quantile, round } from "./stats.mjs";

const CALLER_PROCESS = fileURLToPath(new URL("./api-caller-process.mjs", import.meta.url));

/**
 * One closed loop of `callers` concurrent callers until `count` calls were issued or `ms` passed.
 * Warm-up form (`minCount` > 0): until `minCount` calls were issued and `ms` passed, at most
 * `maxWarmupMs`. Pushes each measured call's latency to `latencies` (when given) and counts problems
 * (`check(result)` returns a problem string or undefined) in `problems` (a Map).
 */
export async function callLoop({ callers, count = Infinity, ms, minCount = 0, maxWarmupMs = 10_000, call, check, latencies, problems }) {
  const note = (p) => problems.set(p, (problems.get(p) ?? 0) + 1);
  let issued = 0;
  const start = performance.now();
  const deadline = start + ms;
  const more = minCount > 0
    ? () => performance.now() < start + maxWarmupMs && (issued < minCount || performance.now() < deadline)
    : () => issued < count && performance.now() < deadline;
  const loop = async () => {
    while (more()) {
      const i = issued++;
      const s = performance.now();
      let result;
      try {
        result = await call(i);
      } catch (e) {
        note(`call failed: ${e?.name ?? ""} ${e?.message ?? e}`.slice(0, 300));
        continue;
      }
      latencies?.push(performance.now() - s);
      const p = check?.(result);
      if (p) note(p);
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
}

/** Latency percentiles of pooled calls, plus the per-round figures (calls/s is the median round's). */
function summarizeRounds(callers, latencies, perRound, problems, extra = {}) {
  const sum = (key) => perRound.reduce((a, r) => a + r[key], 0);
  return {
    callers,
    calls: latencies.length,
    ms: round(sum("ms"), 5),
    cpuMs: round(sum("cpuMs"), 5),
    callsPerSec: median(perRound.map((r) => r.callsPerSec)),
    cpuMsPerCall: median(perRound.map((r) => r.cpuMsPerCall)),
    ...extra,
    p50Ms: round(median(latencies), 4),
    p90Ms: round(quantile(latencies, 0.9), 4),
    p99Ms: round(quantile(latencies, 0.99), 4),
    maxMs: round(Math.max(...latencies), 4),
    rounds: perRound,
    problems: [...problems].map(([message, count]) => `${message} (${count} calls)`),
  };
}

/**
 * Runs `call(i)` from `callers` concurrent loops in this process. Warm-up (not measured): until
 * `warmupMs` passed and `warmupCalls` calls were made (JIT warm-up takes longer when other work
 * shares the CPUs), at most `maxWarmupMs`. Then `rounds` measured rounds, each until maxCount/rounds
 * calls were made or maxMs/rounds passed; calls/s is the median round's (robust to a burst of other
 * load), latency percentiles pool all rounds; CPU is this process's (both sides when the server runs here).
 */
export async function runCallers({ callers, maxCount, maxMs, warmupMs = 0, warmupCalls = 0, maxWarmupMs = 10_000, rounds = 1, call, check }) {
  const problems = new Map();
  if (warmupMs > 0 || warmupCalls > 0) await callLoop({ callers, ms: warmupMs, minCount: Math.max(1, warmupCalls), maxWarmupMs, call, check, problems });
  const latencies = [];
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    globalThis.gc?.();
    const before = latencies.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await callLoop({ callers, count: Math.ceil(maxCount / rounds), ms: maxMs / rounds, call, check, latencies, problems });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const calls = latencies.length - before;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    perRound.push({ calls, ms: round(ms, 5), cpuMs: round(cpuMs, 5), callsPerSec: Math.round(calls / (ms / 1000)), cpuMsPerCall: round(cpuMs / Math.max(1, calls), 4) });
  }
  return summarizeRounds(callers, latencies, perRound, problems);
}

/**
 * Callers in this process, driven like a caller process: `loop(options)` runs one closed loop
 * (callLoop's options) and resolves with `{ calls, ms, cpuMs, latencies, problems }`.
 */
export function localCallers({ call, check }) {
  return {
    async loop(options) {
      const latencies = [];
      const problems = new Map();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await callLoop({ ...options, call, check, latencies, problems });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      return { calls: latencies.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, latencies, problems: [...problems] };
    },
    close: async () => undefined,
  };
}

/**
 * A Node process of its own that calls StartSyncExecution (`kind` "sdk" or "raw", see api-env.mjs
 * makeCaller) on `url`; `loop(options)` as localCallers'.
 */
export async function startCallerProcess(kind, url, stateMachineArn) {
  const child = fork(CALLER_PROCESS, [kind, url, stateMachineArn], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let waiting;
  child.on("message", (m) => {
    const w = waiting;
    waiting = undefined;
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m.value);
  });
  const ask = (message) => new Promise((resolve, reject) => {
    waiting = { resolve, reject };
    child.send(message);
  });
  await ask({ command: "ready" });
  return {
    loop: (options) => ask({ command: "loop", options }),
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ command: "close" });
      await exited;
    },
  };
}

/**
 * Drives groups of callers (localCallers or caller processes) at once against a server in its own
 * process: warm-up in every group together, then `rounds` rounds in which all groups run for
 * maxMs/rounds (or their share of maxCount). A round's calls/s = all groups' calls / the longest
 * group's wall time; client CPU = all groups' CPU; server CPU = `serverCpuMs()` before and after.
 * Latency percentiles pool every group's calls.
 */
export async function runRounds({ groups, callersEach, maxCount, maxMs, warmupMs = 0, warmupCalls = 0, rounds = 1, serverCpuMs }) {
  const problems = new Map();
  const collect = (results) => {
    for (const r of results) for (const [p, n] of r.problems) problems.set(p, (problems.get(p) ?? 0) + n);
  };
  if (warmupMs > 0 || warmupCalls > 0) {
    collect(await Promise.all(groups.map((g) => g.loop({ callers: callersEach, ms: warmupMs, minCount: Math.max(1, Math.ceil(warmupCalls / groups.length)) }))));
  }
  const latencies = [];
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const s0 = await serverCpuMs();
    const results = await Promise.all(groups.map((g) => g.loop({ callers: callersEach, count: Math.ceil(maxCount / rounds / groups.length), ms: maxMs / rounds })));
    const serverMs = (await serverCpuMs()) - s0;
    collect(results);
    for (const x of results) for (const l of x.latencies) latencies.push(l);
    const calls = results.reduce((a, x) => a + x.calls, 0);
    const ms = Math.max(...results.map((x) => x.ms));
    const cpuMs = results.reduce((a, x) => a + x.cpuMs, 0);
    perRound.push({
      calls, ms: round(ms, 5), cpuMs: round(cpuMs, 5), serverCpuMs: round(serverMs, 5), callsPerSec: Math.round(calls / (ms / 1000)),
      cpuMsPerCall: round(cpuMs / Math.max(1, calls), 4), serverCpuMsPerCall: round(serverMs / Math.max(1, calls), 4),
    });
  }
  return summarizeRounds(callersEach * groups.length, latencies, perRound, problems, {
    callerProcesses: groups.length,
    serverCpuMsPerCall: median(perRound.map((r) => r.serverCpuMsPerCall)),
  });
}
