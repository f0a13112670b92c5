/** @module Compares engine results with a workload's expectations; every difference is kept, none hidden. */

/** JSON deep equality (object key order ignored, as JSON objects are unordered). */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
  return true;
}

const show = (v, max = 160) => {
  const s = v === undefined ? "undefined" : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max)}... (${s.length} chars)` : s;
};

/**
 * Checks one run: each execution's status, output (when expected), error and cause (when given),
 * and the task-call count. Returns a list of human-readable mismatches (empty when all is well).
 */
export function checkRun(workload, results, taskCalls) {
  const problems = [];
  const { expected } = workload.runs;
  for (let i = 0; i < expected.length; i++) {
    const exp = expected[i];
    const got = results[i] ?? {};
    const where = expected.length > 1 ? `execution ${i}` : "execution";
    if (got.status !== exp.status) {
      problems.push(`${where}: status ${show(got.status)}, expected ${show(exp.status)}` +
        (got.error !== undefined ? ` (error ${show(got.error)}, cause ${show(got.cause)})` : ""));
      continue;
    }
    if ("output" in exp && !jsonEqual(got.output, exp.output)) {
      problems.push(`${where}: output ${show(got.output)}, expected ${show(exp.output)}`);
    }
    if ("error" in exp && got.error !== exp.error) problems.push(`${where}: error ${show(got.error)}, expected ${show(exp.error)}`);
    if ("cause" in exp && got.cause !== exp.cause) problems.push(`${where}: cause ${show(got.cause)}, expected ${show(exp.cause)}`);
  }
  problems.push(...checkCalls(workload, taskCalls));
  return problems;
}

/** The task-call count alone (for a floor that produces no outputs). */
export function checkCalls(workload, taskCalls) {
  return taskCalls === workload.taskInvocations ? [] : [`task handler called ${taskCalls} times, expected ${workload.taskInvocations}`];
}

/**
 * The failures of a section's jobs as lines: each job's ERROR and each of its problems, after the
 * job's name (`nameOf`, default its engine). `describe` turns a problem into text.
 */
export function jobFailures(jobResults, nameOf = (r) => r.engine, describe = (p) => String(p)) {
  return jobResults.flatMap((r) => [
    ...(r.error ? [`${nameOf(r)}: ERROR ${r.error}`] : []),
    ...(r.problems ?? []).map((p) => `${nameOf(r)}: ${describe(p)}`),
  ]);
}
