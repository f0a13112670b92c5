import { describe, it, expect } from "vitest";
import type { EventRecord } from "../../store/index.js";
import { mapRunsOf } from "./map-run-history.js";

const RUN = (n: string) => `arn:aws:states:us-east-1:123456789012:mapRun:M/${n}:0000`;

/** Events from [type, previousEventId, details] triples, ids from 1, timestamps 1000 × id. */
function history(...rows: [string, number, Record<string, unknown>?][]): EventRecord[] {
  return rows.map(([type, previousEventId, details], i) => ({
    executionArn: "x", id: i + 1, previousEventId, type, timestamp: (i + 1) * 1000, details: JSON.stringify(details ?? {}),
  }));
}
const entered = (name: string, input: unknown) => ({ stateEnteredEventDetails: { name, input: JSON.stringify(input) } });
const started = (length: number) => ({ mapStateStartedEventDetails: { length } });
const run = (name: string) => ({ mapRunStartedEventDetails: { mapRunArn: RUN(name) } });
const exited = (name: string) => ({ stateExitedEventDetails: { name, output: "[]" } });

describe("mapRunsOf", () => {
  it("reads a run's state, input and length from the events before it, and its end", () => {
    const runs = mapRunsOf(history(
      ["ExecutionStarted", 0], ["MapStateEntered", 1, entered("A", [1, 2])], ["MapStateStarted", 2, started(2)], ["MapRunStarted", 3, run("A")],
      ["MapRunSucceeded", 4], ["MapStateSucceeded", 5], ["MapStateExited", 6, exited("A")], ["ExecutionSucceeded", 7],
    ));
    expect(runs).toEqual([{
      mapRunArn: RUN("A"), startedEventId: 4, startDate: 4000, stateName: "A", stateInput: "[1,2]", length: 2, status: "SUCCEEDED", stopDate: 5000,
    }]);
  });

  it("gives each end to the run whose Map state the following events name (Parallel branches interleave)", () => {
    const runs = mapRunsOf(history(
      ["ExecutionStarted", 0], ["ParallelStateEntered", 1], ["ParallelStateStarted", 2],
      ["MapStateEntered", 3, entered("A", [])], ["MapStateStarted", 4, started(1)], ["MapRunStarted", 5, run("A")],
      ["MapStateEntered", 3, entered("B", [])], ["MapStateStarted", 7, started(1)], ["MapRunStarted", 8, run("B")],
      ["MapRunFailed", 9, { mapRunFailedEventDetails: { error: "X" } }], ["MapStateFailed", 10], ["MapStateExited", 11, exited("B")],
      ["MapRunSucceeded", 12], ["MapStateSucceeded", 13], ["MapStateExited", 14, exited("A")],
    ));
    expect(runs.map((r) => [r.stateName, r.status, r.stopDate])).toEqual([["A", "SUCCEEDED", 13000], ["B", "FAILED", 10000]]);
  });

  it("aborts runs still open when the execution ends (stopped, failed elsewhere, timed out)", () => {
    for (const end of ["ExecutionAborted", "ExecutionFailed", "ExecutionTimedOut"]) {
      const runs = mapRunsOf(history(
        ["ExecutionStarted", 0], ["MapStateEntered", 1, entered("A", [])], ["MapStateStarted", 2, started(3)], ["MapRunStarted", 3, run("A")], [end, 4],
      ));
      expect(runs.map((r) => [r.status, r.stopDate])).toEqual([["ABORTED", 5000]]);
    }
  });

  it("keeps a run RUNNING until something ends it, and tolerates events it does not know", () => {
    const runs = mapRunsOf(history(["MapRunStarted", 0, run("A")], ["MapRunStarted", 1, { other: true }], ["TaskStateEntered", 2]));
    expect(runs).toEqual([expect.objectContaining({ mapRunArn: RUN("A"), status: "RUNNING", stopDate: undefined, stateName: undefined, length: undefined })]);
  });
});
