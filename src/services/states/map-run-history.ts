/**
 * @module Map Runs as an execution's history tells them: each `MapRunStarted`, the Map state it belongs
 * to, how many child executions it has, and the event that ended it.
 */
import type { EventRecord } from "../../store/index.js";

export type MapRunStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";

export interface MapRunFacts {
  readonly mapRunArn: string;
  readonly startedEventId: number;
  /** ms since the epoch. */
  readonly startDate: number;
  /** The Map state (from its MapStateEntered). */
  readonly stateName: string | undefined;
  /** The Map state's raw input (JSON text), from its MapStateEntered. */
  readonly stateInput: string | undefined;
  /** MapStateStarted's length: the number of child executions (batches, with an ItemBatcher). */
  readonly length: number | undefined;
  status: MapRunStatus;
  stopDate: number | undefined;
}

const ENDS: Readonly<Record<string, MapRunStatus>> = { MapRunSucceeded: "SUCCEEDED", MapRunFailed: "FAILED", MapRunAborted: "ABORTED" };
const EXECUTION_ENDS = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/**
 * Every Map Run of one execution, oldest first, with its status. An end event (`MapRunSucceeded`,
 * `MapRunFailed`) names no run: it belongs to the open run of the Map state whose events follow it
 * (`MapStateExited`), else to the only open run, else to the oldest. Runs still open when the
 * execution ends (stopped, failed elsewhere, timed out) were aborted with it.
 */
export function mapRunsOf(events: readonly EventRecord[]): MapRunFacts[] {
  const byId = new Map<number, EventRecord>();
  for (const e of events) byId.set(e.id, e);
  const runs: MapRunFacts[] = [];
  let open: MapRunFacts[] = [];
  events.forEach((event, index) => {
    if (event.type === "MapRunStarted") {
      const run = startedRun(event, byId);
      if (run) {
        runs.push(run);
        open.push(run);
      }
      return;
    }
    const status = ENDS[event.type];
    if (status !== undefined && open.length > 0) {
      const owner = ownerOf(open, events, index);
      owner.status = status;
      owner.stopDate = event.timestamp;
      open = open.filter((r) => r !== owner);
      return;
    }
    if (EXECUTION_ENDS.has(event.type)) {
      for (const run of open) {
        run.status = "ABORTED";
        run.stopDate = event.timestamp;
      }
      open = [];
    }
  });
  return runs;
}

function startedRun(event: EventRecord, byId: ReadonlyMap<number, EventRecord>): MapRunFacts | undefined {
  const details = parse(event.details).mapRunStartedEventDetails as { mapRunArn?: unknown } | undefined;
  if (typeof details?.mapRunArn !== "string") return undefined;
  const started = byId.get(event.previousEventId);
  const mapStarted = started?.type === "MapStateStarted" ? started : undefined;
  const length = (parse(mapStarted?.details).mapStateStartedEventDetails as { length?: unknown } | undefined)?.length;
  const entered = mapStarted ? byId.get(mapStarted.previousEventId) : undefined;
  const enteredDetails = entered?.type === "MapStateEntered"
    ? (parse(entered.details).stateEnteredEventDetails as { name?: unknown; input?: unknown } | undefined)
    : undefined;
  return {
    mapRunArn: details.mapRunArn, startedEventId: event.id, startDate: event.timestamp,
    stateName: typeof enteredDetails?.name === "string" ? enteredDetails.name : undefined,
    stateInput: typeof enteredDetails?.input === "string" ? enteredDetails.input : undefined,
    length: typeof length === "number" ? length : undefined,
    status: "RUNNING", stopDate: undefined,
  };
}

/** The open run an end event at `index` closes. */
function ownerOf(open: readonly MapRunFacts[], events: readonly EventRecord[], index: number): MapRunFacts {
  if (open.length === 1) return open[0]!;
  // The engine writes the Map state's own events right after its run's end: the next few name it.
  for (let i = index + 1; i < Math.min(events.length, index + 4); i++) {
    const name = (parse(events[i]!.details).stateExitedEventDetails as { name?: unknown } | undefined)?.name;
    const owner = typeof name === "string" ? open.find((r) => r.stateName === name) : undefined;
    if (owner) return owner;
  }
  return open[0]!;
}

function parse(details: string | undefined): Record<string, unknown> {
  if (!details) return {};
  try {
    const value = JSON.parse(details) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
