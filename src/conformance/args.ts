/** @module The conformance runner's command line: `[CASES] [--results FILE] [--ratchet FILE] ...`. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultCasesPath } from "./load-cases.js";

export interface ConformanceOptions {
  readonly casesPath: string;
  readonly resultsPath: string | undefined;
  readonly ratchetPath: string | undefined;
  readonly updateRatchet: boolean;
  readonly only: string | undefined;
  readonly verbose: boolean;
  /** Per case. */
  readonly timeoutMs: number;
  /** Worker threads (or, with --via-api, executions in flight) running cases side by side. */
  readonly jobs: number;
  /** Run each case through the server's API (the real AWS SDK) instead of the in-process runner. */
  readonly viaApi: boolean;
  /** --via-api: the server's store spec (default: SQLite in memory). */
  readonly store: string | undefined;
}

export const USAGE = `usage: npm run conformance -- [CASES] [options]

Runs every case of the conformance corpus (default: ../shared/conformance/cases.json beside the
repository) and judges it with the compare.mjs next to the cases file.

options:
  --results FILE      write one JSON line per case: {"id","status","output","error","cause"}
  --ratchet FILE      ids that passed before (one per line); exit 1 naming any that fails now
  --update-ratchet    rewrite the --ratchet file with the ids that pass now
  --only SUBSTRING    run only the cases whose id contains SUBSTRING
  --verbose           print why each failed case failed
  --timeout SECONDS   give up on a case after this long (default 10)
  --jobs N            worker threads, or executions in flight with --via-api (default: up to 4)
  --via-api           run each case through Stepwise's API: start the server in this process on
                      127.0.0.1:0 and drive it with the AWS SDK (CreateStateMachine, StartExecution
                      then DescribeExecution, or StartSyncExecution for EXPRESS)
  --store SPEC        with --via-api: the server's store (sqlite:FILE, :memory:, a folder or a
                      postgres:// URL; default: SQLite in memory)
  --help              this text`;

export type ParsedArgs =
  | { readonly ok: true; readonly help: true }
  | { readonly ok: true; readonly help: false; readonly options: ConformanceOptions }
  | { readonly ok: false; readonly message: string };

const positiveNumber = (text: string | undefined, fallback: number): number | undefined => {
  if (text === undefined) return fallback;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** Parses the arguments; relative paths are resolved against `cwd`. */
export function parseConformanceArgs(argv: readonly string[], cwd: string = process.cwd()): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        results: { type: "string" },
        ratchet: { type: "string" },
        "update-ratchet": { type: "boolean", default: false },
        only: { type: "string" },
        verbose: { type: "boolean", short: "v", default: false },
        timeout: { type: "string" },
        jobs: { type: "string" },
        "via-api": { type: "boolean", default: false },
        store: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  if (positionals.length > 1) return { ok: false, message: `expected at most one cases file, got: ${positionals.join(" ")}` };
  if (values["update-ratchet"] && values.ratchet === undefined) return { ok: false, message: "--update-ratchet needs --ratchet FILE" };
  if (values.store !== undefined && !values["via-api"]) return { ok: false, message: "--store needs --via-api" };
  if (values.store === "") return { ok: false, message: "--store needs a store spec" };
  const timeoutSeconds = positiveNumber(values.timeout, 10);
  if (timeoutSeconds === undefined) return { ok: false, message: `--timeout must be a positive number of seconds, got ${values.timeout}` };
  const jobs = positiveNumber(values.jobs, Math.min(4, availableParallelism()));
  if (jobs === undefined || !Number.isInteger(jobs)) return { ok: false, message: `--jobs must be a positive integer, got ${values.jobs}` };
  const path = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(cwd, p));
  return {
    ok: true,
    help: false,
    options: {
      casesPath: path(positionals[0]) ?? defaultCasesPath(),
      resultsPath: path(values.results),
      ratchetPath: path(values.ratchet),
      updateRatchet: values["update-ratchet"] ?? false,
      only: values.only,
      verbose: values.verbose ?? false,
      timeoutMs: Math.round(timeoutSeconds * 1000),
      jobs,
      viaApi: values["via-api"] ?? false,
      store: values.store,
    },
  };
}
