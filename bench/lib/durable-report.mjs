/** @module Text for the durable-engine section: the profile split and the notes under its tables. */
import { fmtMs, fmtRate } from "./stats.mjs";
import { formatTable } from "./table.mjs";

/** A profiled job as lines: the category split, then the top functions by self time. */
export function profileLines(p) {
  const head = `Profile: ${p.store === "sqlite-memory" ? "SQLite :memory: (no disk)" : p.store === "sqlite" ? "SQLite file" : p.store} ${p.workload}, ${p.concurrency} in flight, ${fmtMs(p.ms)} wall / ${fmtMs(p.cpuMs)} CPU, ` +
    `${fmtRate(p.transitionsPerSec)} transitions while profiled; ${p.profile.sampledMs} ms sampled (wall-clock samples: disk waits inside a commit count as the commit)`;
  const cats = formatTable(["where the time goes", "ms", "share"],
    p.profile.categories.filter((c) => c.ms > 0).sort((a, b) => b.ms - a.ms).map((c) => [c.name, String(c.ms), `${(c.share * 100).toFixed(1)}%`]));
  const top = formatTable(["top functions by self time", "ms", "share"],
    p.profile.topSelf.map((f) => [f.function, String(f.ms), `${(f.share * 100).toFixed(1)}%`]));
  return `${head}\n${cats}\n${top}`;
}

export function durableNotes(targets) {
  return [
    "transitions/s = *StateEntered events committed per second of wall time (AWS's state-transition quota counts states entered); every run keeps full history (every event is a row). Each row is the median of 3 timed rounds of 2 s on one warmed-up engine (rounds min-max: the slowest and fastest round; --quick: 1 round); every figure of a row comes from its median round.",
    `/target = transitions/s / ${targets.sqliteTransitionsPerSec.toLocaleString("en-US")} (the issue's SQLite target; no target on PostgreSQL). per CPU-s = transitions per second of process CPU time (user+system, all threads): less sensitive to other load than wall time, blind to disk waits.`,
    "/limit = Stepwise transitions/s / the plain insert loop's commits/s at one transition a commit, measured in this run (SQLite: WAL, synchronous=NORMAL as the store uses; PostgreSQL: 10 connections). commits/limit = Stepwise's commits/s / that loop's commits/s: how close each Stepwise commit comes to a bare 2-row commit.",
    "pass-chain-10 runs a whole execution in one transition (1 commit, 10 states entered); task-chain-10 commits when each task is scheduled and when it returns (11 commits, 10 states entered).",
    "map-1000: one execution at a time of an inline Map over 1,000 items whose iterations all run at once (1,001 commits, 1,001 states entered, 7,006 events): its state holds 1,000 iterations (about 600 KB), so its transitions write replay log entries instead of the state (snapshot = mean snapshot characters a commit); not a target workload (the target is judged on the chains).",
    "write/commit = mean wall time from a createExecution/commitTransition call until its promise settles (durable): waiting for its group, the statements and the COMMIT.",
    "disk/commit = bytes this process wrote towards the disk per commit (/proc/self/io write_bytes: WAL frames and checkpoints; 4 KB a page); snapshot = mean size of the execution snapshot JSON each commit stores.",
    "CPU = process CPU time / wall time (up to 200% on 2 cores; well under 100% on SQLite means the thread waits inside commits for the disk).",
    "sqlite-memory rows: the same engine on SQLite ':memory:' (no file, no disk, not durable): a reference showing what the engine costs without disk I/O; no target.",
    "writes/group = engine writes (createExecution/commitTransition) per group settled together (in one event-loop turn): the stores commit writes that arrive together as one group, so one COMMIT serves them all (SQLite: the writes of one event-loop turn, one transaction, a savepoint each; PostgreSQL: the writes waiting while its group connections are busy, transitions as one statement).",
    "Every execution's counts are checked (states entered, events, commits); a sample's status, output and full history are read back after the timer stops.",
  ];
}
