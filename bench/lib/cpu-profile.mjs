/**
 * @module In-process V8 CPU profiles (node:inspector) and their split into named categories, to say
 * where a benchmark's time goes. Samples are taken on wall time: a thread blocked inside a native call
 * (a SQLite commit waiting for the disk) is sampled in that call, so the split covers waiting too.
 */
import { Session } from "node:inspector/promises";
import { ROOT } from "./paths.mjs";

/** Starts profiling this thread; `stop()` resolves with the .cpuprofile object. */
export async function startCpuProfile(samplingIntervalUs = 250) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: samplingIntervalUs });
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      await session.post("Profiler.disable");
      session.disconnect();
      return profile;
    },
  };
}

const shortUrl = (url) => url.replace(/^file:\/\//, "").replace(`${ROOT}/`, "").replace(/^.*node_modules\//, "");
const frameLabel = (f) => `${f.functionName || "(anonymous)"}${f.url ? ` ${shortUrl(f.url)}:${f.lineNumber + 1}` : f.functionName.startsWith("(") ? "" : " (native)"}`;
const PROFILER = "(the profiler itself)";

/**
 * Splits a profile's samples among `categories` (`[{ name, match(frame) }]` or `[{ name, matchStack(frames) }]`,
 * frame = V8 callFrame `{ functionName, url, lineNumber }`, frames leaf first): a sample goes to the
 * first category (in list order) with a matching frame anywhere on its stack (or whose matchStack
 * accepts the stack), else to "other". Samples of the inspector itself (starting and stopping the
 * profile) are counted apart and left out of the shares. Returns the categories with ms and share,
 * plus the top functions by self time.
 */
export function splitProfile(profile, categories, { top = 12 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOfNode = new Map();
  const categoryOf = (leafId) => {
    let found = categoryOfNode.get(leafId);
    if (found !== undefined) return found;
    const stack = [];
    for (let id = leafId; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
    found = stack.some((f) => f.url.startsWith("node:inspector")) ? PROFILER
      : categories.find((c) => (c.matchStack ? c.matchStack(stack) : stack.some((f) => c.match(f))))?.name ?? "other";
    categoryOfNode.set(leafId, found);
    return found;
  };
  const ms = new Map(categories.map((c) => [c.name, 0]));
  ms.set("other", 0);
  const self = new Map();
  let total = 0;
  let profilerMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (dt <= 0) continue;
    const leaf = profile.samples[i];
    const cat = categoryOf(leaf);
    if (cat === PROFILER) {
      profilerMs += dt;
      continue;
    }
    total += dt;
    ms.set(cat, ms.get(cat) + dt);
    const label = frameLabel(byId.get(leaf).callFrame);
    self.set(label, (self.get(label) ?? 0) + dt);
  }
  const share = (v) => Number((v / total).toFixed(3));
  return {
    sampledMs: Math.round(total),
    profilerMs: Math.round(profilerMs),
    categories: [...ms].map(([name, v]) => ({ name, ms: Math.round(v), share: share(v) })),
    topSelf: [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, v]) => ({ function: fn, ms: Math.round(v), share: share(v) })),
  };
}

/** Frame matchers for categories; `leafUnder(leafName, parentName)` matches a stack whose leaf and its caller have those names. */
export const leafUnder = (leafName, parentName) => (stack) => stack[0]?.functionName === leafName && stack[1]?.functionName === parentName;
export const inUrl = (...parts) => (f) => parts.some((p) => f.url.includes(p));
export const isFunction = (...names) => (f) => names.includes(f.functionName);
