import { it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { compileStateMachine } from "../index.js";

const ISO = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)/g;
function norm(v: any): any {
  if (typeof v === "string") {
    if (v.startsWith("{") || v.startsWith("[")) { try { return norm(JSON.parse(v)); } catch {} }
    return v.replace(ISO, "date");
  }
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === "object") { const o: any = {}; for (const [k, x] of Object.entries(v)) { if (k === "timestamp") continue; o[k] = norm(x); } return o; }
  return v;
}
function eq(exp: any, got: any, path: string, diffs: string[]) {
  if (typeof exp === "string" && typeof got === "string") {
    const re = new RegExp("^" + exp.split(/<[^<>"\\\s]+>/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$", "s");
    if (!re.test(got)) diffs.push(`${path}: exp ${JSON.stringify(exp).slice(0,200)} got ${JSON.stringify(got).slice(0,200)}`);
    return;
  }
  if (typeof exp === "number" && typeof got === "number") { if (exp !== got) diffs.push(`${path}: exp ${exp} got ${got}`); return; }
  if (Array.isArray(exp)) { if (!Array.isArray(got) || got.length !== exp.length) { diffs.push(`${path}: exp ${JSON.stringify(exp).slice(0,200)} got ${JSON.stringify(got).slice(0,200)}`); return; } exp.forEach((e, i) => eq(e, got[i], `${path}[${i}]`, diffs)); return; }
  if (exp && typeof exp === "object") {
    if (!got || typeof got !== "object" || Array.isArray(got)) { diffs.push(`${path}: exp ${JSON.stringify(exp).slice(0,200)} got ${JSON.stringify(got).slice(0,200)}`); return; }
    for (const k of new Set([...Object.keys(exp), ...Object.keys(got)])) {
      if (!(k in exp)) { diffs.push(`${path}.${k}: unexpected ${JSON.stringify(got[k]).slice(0,200)}`); continue; }
      if (!(k in got)) { diffs.push(`${path}.${k}: missing ${JSON.stringify(exp[k]).slice(0,200)}`); continue; }
      eq(exp[k], got[k], `${path}.${k}`, diffs);
    }
    return;
  }
  if (exp !== got) diffs.push(`${path}: exp ${JSON.stringify(exp)} got ${JSON.stringify(got)}`);
}
it("events", async () => {
  const lines = readFileSync("/work/shared/conformance/cases.json", "utf8").split("\n").slice(1).filter((l) => l.trim().startsWith("{"));
  const cases = lines.map((l) => JSON.parse(l.replace(/,\s*$/, "")));
  const out: string[] = []; const pat: string[] = []; let ok = 0, bad = 0;
  for (const c of cases) {
    if (c.features.some((f: string) => f.startsWith("lambda")) || !c.expected.events || c.meta?.parallelEventsSorted) continue;
    if (process.env.ONLY && !c.id.includes(process.env.ONLY)) continue;
    const comp = compileStateMachine(c.definition);
    if (!comp.ok) { out.push(`${c.id}: compile ${JSON.stringify(comp.diagnostics).slice(0, 300)}`); bad++; continue; }
    const r = await comp.machine.run(JSON.parse(c.input), { context: c.context, history: true });
    const diffs: string[] = [];
    eq(norm(c.expected.events), norm(r.history), "", diffs);
    for (const d of diffs) { const m = /^\[(\d+)\]\.previousEventId: exp (\d+) got (\d+)/.exec(d); if (m) { const ev = c.expected.events; const i = +m[1]; const t = (id: number) => ev.find((e: any) => e.id === id)?.type ?? "none"; pat.push(`${ev[i].type} prev exp=${t(+m[2])} got=${t(+m[3])}`); } }
    if (diffs.length) { bad++; out.push(`${c.id}\n   ${diffs.slice(0, 6).join("\n   ")}`); } else ok++;
  }
  writeFileSync("/tmp/events-diff.txt", out.join("\n")); writeFileSync("/tmp/events-pat.txt", pat.join("\n"));
  console.log("events ok", ok, "bad", bad);
}, 120000);
