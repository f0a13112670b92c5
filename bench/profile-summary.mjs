#!/usr/bin/env node
/**
 * @module Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `bench/run.mjs --cpu-prof`): top
 * functions by self time and by total (inclusive) time, and time per file.
 *
 *   node bench/profile-summary.mjs FILE.cpuprofile [--top=25] [--filter=dist/]
 *
 * --filter keeps only frames whose URL contains the text in the per-function lists.
 */
import { readFileSync } from "node:fs";
import { ROOT } from "./lib/paths.mjs";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: node bench/profile-summary.mjs FILE.cpuprofile [--top=25] [--filter=TEXT]");
  process.exit(2);
}
const opt = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;
const top = Number(opt("top", "25"));
const filter = opt("filter", "");

const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const shortUrl = (url) => url.replace(/^file:\/\//, "").replace(`${ROOT}/`, "").replace(/^.*node_modules\//, "");
const keyOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};

const self = new Map();
const total = new Map();
const perFile = new Map();
let all = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  if (dt <= 0) continue;
  all += dt;
  const leaf = byId.get(profile.samples[i]);
  add(self, keyOf(leaf), dt);
  add(perFile, leaf.callFrame.url ? shortUrl(leaf.callFrame.url) : leaf.callFrame.functionName || "(native)", dt);
  const seen = new Set();
  for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
    const k = keyOf(byId.get(id));
    if (!seen.has(k)) {
      seen.add(k);
      add(total, k, dt);
    }
  }
}

const pct = (v) => `${((100 * v) / all).toFixed(1).padStart(5)}%`;
const show = (title, m) => {
  console.log(`\n${title}`);
  const rows = [...m].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, v] of rows) console.log(`  ${v.toFixed(1).padStart(9)} ms ${pct(v)}  ${k}`);
};
console.log(`${file}: ${all.toFixed(0)} ms sampled`);
show("Self time by function", self);
show("Total (inclusive) time by function", total);
show("Self time by file", perFile);
