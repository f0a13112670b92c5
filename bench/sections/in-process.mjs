/**
 * @module Section "in-process": Stepwise's library against aws-local-stepfunctions (and, on
 * pass-chain, a plain-JS floor; on workloads with tasks, the task handlers alone) on the shared workloads. Each (workload, engine) pair runs in its
 * own child process, so its peak RSS is its own and no engine inherits another's heap or JIT state.
 */
import os from "node:os";
import * as stepwise from "../engines/stepwise.mjs";
import * as peer from "../engines/aws-local-stepfunctions.mjs";
import * as floor from "../engines/plain-js.mjs";
import * as handlersFloor from "../engines/task-handlers.mjs";
import { BUDGETS, measure } from "../lib/measure.mjs";
import { fmtMb, fmtMs, fmtRate, fmtRatio, mb, round } from "../lib/stats.mjs";
import { formatTable } from "../lib/table.mjs";
import { listWorkloadNames, loadTaskImpls, loadWorkload, runExecutions } from "../lib/workloads.mjs";
import { checkCalls, checkRun, jobFailures, jsonEqual } from "../lib/check.mjs";

export const name = "in-process";
export const title = "In-process engines: Stepwise's library vs aws-local-stepfunctions";
/** Runs only where ../shared/bench (workloads and task implementations) is present. */
export const needsSharedBench = true;

const ENGINES = { [stepwise.name]: stepwise, [peer.name]: peer, [floor.name]: floor, [handlersFloor.name]: handlersFloor };
/** Targets from the issue: Stepwise >= 20x the peer's states/s everywhere; pass-chain within 5x of the floor. */
export const TARGETS = { minPeerRatio: 20, maxFloorRatio: 5 };

export function plan(options) {
  const jobs = [];
  for (const workloadName of listWorkloadNames()) {
    if (options.only && !options.only.includes(workloadName)) continue;
    const workload = { name: workloadName };
    for (const engine of Object.values(ENGINES)) {
      if (options.engines && !options.engines.includes(engine.name)) continue;
      if (!engine.supports(workload)) continue;
      jobs.push({
        section: name,
        workload: workloadName,
        engine: engine.name,
        budget: options.quick ? "quick" : "full",
        // A profile should show the engine's own GC cost, not forced collections between runs.
        forceGc: !options.cpuProfDir && options.gcEachRun === true,
        checkHistory: !options.cpuProfDir,
      });
    }
  }
  return jobs;
}

/** Runs one (workload, engine) job: warm-up, measured runs, every result checked. */
export async function runJob(job) {
  const workload = loadWorkload(job.workload);
  const { makeTaskHandlers } = await loadTaskImpls();
  const engine = ENGINES[job.engine];
  const prepared = await engine.prepare(workload, { makeTaskHandlers });
  const { concurrency, inputs } = workload.runs;
  const gc = (job.forceGc === true && globalThis.gc) || (() => {});
  const problems = new Map();
  const note = (p) => problems.set(p, (problems.get(p) ?? 0) + 1);
  let runsDone = 0;

  const doRun = async () => {
    const { handlers, counter } = makeTaskHandlers(workload);
    const runOne = prepared.bind(handlers);
    const runInputs = structuredClone(inputs);
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await runExecutions(runInputs, concurrency, runOne);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    // Only meaningful after a forced gc().
    const heapGrowth = job.forceGc === true ? process.memoryUsage().heapUsed - heap0 : 0;
    const found = engine.checksOutputs === false ? checkCalls(workload, counter.calls) : checkRun(workload, results, counter.calls);
    if (runsDone++ === 0 && !jsonEqual(runInputs, inputs)) found.push("the engine modified its input");
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heapGrowth, problems: found };
  };

  globalThis.gc?.();
  const loadBefore = os.loadavg()[0];
  const baselineRss = process.memoryUsage().rss;
  const m = await measure(doRun, BUDGETS[job.budget]);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  for (const p of m.problems) note(p);

  let statesEnteredByHistory;
  if (engine === stepwise && job.checkHistory !== false) {
    statesEnteredByHistory = await stepwise.countStatesEntered(workload, makeTaskHandlers);
    if (statesEnteredByHistory !== workload.statesEntered) {
      note(`history has ${statesEnteredByHistory} *StateEntered events, the workload says ${workload.statesEntered}`);
    }
  }

  return {
    section: name,
    workload: job.workload,
    engine: job.engine,
    executions: inputs.length,
    concurrency,
    statesEntered: workload.statesEntered,
    statesEnteredByHistory,
    taskInvocations: workload.taskInvocations,
    warmups: m.warmups,
    runs: m.runs,
    medianMs: round(m.medianMs, 4),
    minMs: round(m.minMs, 4),
    p25Ms: round(m.p25Ms, 4),
    p75Ms: round(m.p75Ms, 4),
    maxMs: round(m.maxMs, 4),
    medianCpuMs: round(m.medianCpuMs, 4),
    statesPerSec: Math.round(workload.statesEntered / (m.medianMs / 1000)),
    loadAverage: { before: round(loadBefore, 3), after: round(os.loadavg()[0], 3) },
    memory: {
      baselineRssMB: mb(baselineRss),
      peakRssMB: mb(peakRss),
      peakRssDeltaMB: mb(peakRss - baselineRss),
      ...(job.forceGc === true ? { maxHeapGrowthMB: mb(m.heapGrowth) } : {}),
    },
    problems: [...problems].map(([message, count]) => ({ message, runs: count })),
  };
}

const mark = (ok) => (ok ? "ok" : "MISS");

export function summarize(jobResults) {
  const byWorkload = new Map();
  for (const r of jobResults) {
    if (!byWorkload.has(r.workload)) byWorkload.set(r.workload, {});
    byWorkload.get(r.workload)[r.engine] = r;
  }
  const failures = jobFailures(jobResults, (r) => `${r.workload} / ${r.engine}`, (p) => `${p.message} (in ${p.runs} run${p.runs > 1 ? "s" : ""})`);
  const workloads = [];
  const rows = [];
  for (const [workloadName, e] of byWorkload) {
    const sw = e[stepwise.name];
    const pe = e[peer.name];
    const fl = e[floor.name];
    const hf = e[handlersFloor.name];
    const valid = (r) => r && !r.error && r.problems.length === 0;
    const peerRatio = sw && pe && !sw.error && !pe.error ? pe.medianMs / sw.medianMs : NaN;
    const floorRatio = sw && fl && !sw.error && !fl.error ? sw.medianMs / fl.medianMs : NaN;
    const peerRatioCpu = sw && pe && !sw.error && !pe.error ? pe.medianCpuMs / sw.medianCpuMs : NaN;
    const floorRatioCpu = sw && fl && !sw.error && !fl.error ? sw.medianCpuMs / fl.medianCpuMs : NaN;
    // No engine is faster than the workload's own task handlers: peer / handlers bounds the ratio to the peer.
    const maxPeerRatio = pe && hf && !pe.error && !hf.error ? pe.medianMs / hf.medianMs : NaN;
    const entry = {
      workload: workloadName,
      statesEntered: (sw ?? pe ?? fl)?.statesEntered,
      taskInvocations: (sw ?? pe ?? fl)?.taskInvocations,
      stepwise: sw,
      peer: pe,
      floor: fl,
      taskHandlersFloor: hf,
      maxRatioVsPeer: round(maxPeerRatio, 4),
      ratioVsPeer: round(peerRatio, 4),
      ratioVsFloor: round(floorRatio, 4),
      ratioVsPeerCpu: round(peerRatioCpu, 4),
      ratioVsFloorCpu: round(floorRatioCpu, 4),
      targets: {
        peer: Number.isFinite(peerRatio) ? { min: TARGETS.minPeerRatio, met: peerRatio >= TARGETS.minPeerRatio } : undefined,
        floor: Number.isFinite(floorRatio) ? { max: TARGETS.maxFloorRatio, met: floorRatio <= TARGETS.maxFloorRatio } : undefined,
      },
      resultsCorrect: {
        stepwise: sw ? valid(sw) : undefined, peer: pe ? valid(pe) : undefined, floor: fl ? valid(fl) : undefined,
        taskHandlersFloor: hf ? valid(hf) : undefined,
      },
    };
    workloads.push(entry);
    const cell = (r, f) => (r ? (r.error ? "ERROR" : f(r)) : "-");
    const checks = [sw, pe, fl, hf].filter(Boolean).map((r) => (valid(r) ? "ok" : "FAIL")).join("/");
    rows.push([
      workloadName,
      (entry.statesEntered ?? 0).toLocaleString("en-US"),
      cell(sw, (r) => fmtMs(r.medianMs)),
      cell(sw, (r) => fmtRate(r.statesPerSec)),
      cell(pe, (r) => fmtMs(r.medianMs)),
      cell(pe, (r) => fmtRate(r.statesPerSec)),
      Number.isFinite(peerRatio) ? `${fmtRatio(peerRatio)} ${mark(peerRatio >= TARGETS.minPeerRatio)}` : "-",
      fmtRatio(peerRatioCpu),
      cell(fl, (r) => fmtMs(r.medianMs)),
      Number.isFinite(floorRatio) ? `${fmtRatio(floorRatio)} ${mark(floorRatio <= TARGETS.maxFloorRatio)}` : "-",
      fmtRatio(floorRatioCpu),
      cell(hf, (r) => fmtMs(r.medianMs)),
      Number.isFinite(maxPeerRatio) ? fmtRatio(maxPeerRatio) : "-",
      cell(sw, (r) => fmtMb(r.memory.peakRssDeltaMB)),
      cell(pe, (r) => fmtMb(r.memory.peakRssDeltaMB)),
      cell(sw, (r) => `${r.runs}`) + "/" + cell(pe, (r) => `${r.runs}`),
      checks,
    ]);
  }
  const table = formatTable(
    ["workload", "states", "Stepwise", "Stepwise st/s", "peer", "peer st/s", `x peer (>=${TARGETS.minPeerRatio})`, "(cpu)", "floor", `/floor (<=${TARGETS.maxFloorRatio})`, "(cpu)", "tasks alone", "max x peer", "RSS+ SW", "RSS+ peer", "runs", "checks"],
    rows,
  );
  const misses = workloads.flatMap((w) => [
    ...(w.targets.peer && !w.targets.peer.met ? [`${w.workload}: Stepwise is ${fmtRatio(w.ratioVsPeer)} the peer's states/s (target >= ${TARGETS.minPeerRatio}x)` +
      (Number.isFinite(w.maxRatioVsPeer) ? ` (no engine can pass ${fmtRatio(w.maxRatioVsPeer)} here: the task handlers alone take ${fmtMs(w.taskHandlersFloor.medianMs)})` : "")] : []),
    ...(w.targets.floor && !w.targets.floor.met ? [`${w.workload}: Stepwise takes ${fmtRatio(w.ratioVsFloor)} the plain-JS floor's time (target <= ${TARGETS.maxFloorRatio}x)`] : []),
  ]);
  const allTargetsMet = workloads.every((w) => w.targets.peer?.met !== false && w.targets.floor?.met !== false) &&
    workloads.every((w) => w.targets.peer !== undefined);
  return {
    table,
    failures,
    misses,
    results: {
      title,
      targets: TARGETS,
      peer: { name: peer.name, version: peer.version() },
      allTargetsMet,
      workloads,
    },
    notes: [
      "Time = median wall time of one run (all of a workload's executions), measured in a child process started with --expose-gc; no forced gc() between runs (steady state: each engine's runs pay for their own garbage; --gc-each-run forces one before every run, outside the timed part).",
      "Task handlers (fresh per run) and a structuredClone of the inputs are made before the timer starts; outputs, error/cause and task-call counts are checked after it stops, on every warm-up and measured run.",
      "x peer = peer median / Stepwise median (= Stepwise states/s / peer states/s). /floor = Stepwise median / plain-JS median.",
      "(cpu) = the same ratio on CPU time (process.cpuUsage, user+system, all threads), less sensitive than wall time to other load on the machine; targets are judged on wall time.",
      "tasks alone = the workload's own task handlers called with the same inputs in the same order, no engine (recorded from one Stepwise run; only the call count is checked). max x peer = peer median / tasks alone: the highest ratio to the peer any engine could reach.",
      "RSS+ = peak RSS of the child process (getrusage maxRSS) minus its RSS after loading the workload and engine, before the first run.",
    ],
  };
}
