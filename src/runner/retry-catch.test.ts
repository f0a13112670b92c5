import { describe, it, expect } from "vitest";
import type { TaskRequest } from "./types.js";
import {
  runMachine, taskError, typesOf, eventsOf, chainOf, sequenceRandom, instantClock, never, LAMBDA, T0,
} from "./test-machine.js";

const withRetry = (retry: unknown[], extra: Record<string, unknown> = {}) => ({
  StartAt: "T",
  States: { T: { Type: "Task", Resource: LAMBDA, Retry: retry, ...extra, End: true } },
});

/** A handler that throws the given errors in turn, then returns "done". */
function failing(...names: string[]) {
  const requests: TaskRequest[] = [];
  const handler = (_input: unknown, req: TaskRequest) => {
    requests.push(req);
    const name = names[requests.length - 1];
    if (name) throw taskError(name, `attempt ${requests.length}`);
    return "done";
  };
  return { requests, handlers: { [LAMBDA]: handler } };
}

/** Seconds since T0 at which each attempt was scheduled. */
const attemptTimes = (r: Awaited<ReturnType<typeof runMachine>>) =>
  eventsOf(r, "LambdaFunctionScheduled").map((e) => (e.timestamp - T0) / 1000);

describe("Retry timing", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#retrier-examples
  // "retries twice after the first attempt: 3 seconds, then 3 × 1.5 = 4.5 seconds."
  it("IntervalSeconds × BackoffRate^n (AWS's example: 3 s, then 4.5 s)", async () => {
    const f = failing("States.Timeout", "States.Timeout", "States.Timeout");
    const r = await runMachine(withRetry([{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }]), {}, f);
    expect(attemptTimes(r)).toEqual([0, 3, 7.5]);
    expect(r).toMatchObject({ status: "FAILED", error: "States.Timeout", cause: "attempt 3" });
    expect(r.stopDate - r.startDate).toBe(7500);
  });

  it("defaults: IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 3", async () => {
    const f = failing("E", "E", "E", "E");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"] }]), {}, f);
    expect(attemptTimes(r)).toEqual([0, 1, 3, 7]);
    expect(f.requests).toHaveLength(4);
  });

  it("MaxDelaySeconds caps the growing interval", async () => {
    const f = failing("E", "E", "E", "E", "E");
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 10 }]), {}, f,
    );
    // Waits of 2, 6, then 18 → 10 and 54 → 10.
    expect(attemptTimes(r)).toEqual([0, 2, 8, 18, 28]);
  });

  it("JitterStrategy FULL waits a random fraction of the interval", async () => {
    const f = failing("E", "E", "E");
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 4, BackoffRate: 2, MaxAttempts: 2, JitterStrategy: "FULL" }]),
      {},
      { ...f, random: sequenceRandom([0.5, 0.25]) },
    );
    // 0.5 × 4 = 2 s, then 0.25 × 8 = 2 s.
    expect(attemptTimes(r)).toEqual([0, 2, 4]);
  });

  it("JitterStrategy FULL applies to the capped interval", async () => {
    const f = failing("E", "E", "E");
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 10, BackoffRate: 10, MaxAttempts: 2, MaxDelaySeconds: 20, JitterStrategy: "FULL" }]),
      {},
      { ...f, random: sequenceRandom([0.1, 0.5]) },
    );
    // 0.1 × 10 = 1 s, then 0.5 × min(100, 20) = 10 s.
    expect(attemptTimes(r)).toEqual([0, 1, 11]);
  });

  it("JitterStrategy NONE is the plain back-off", async () => {
    const f = failing("E", "E");
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 2, MaxDelaySeconds: 3, JitterStrategy: "NONE" }]), {}, f,
    );
    expect(attemptTimes(r)).toEqual([0, 1, 2]);
    expect(r.output).toBe("done");
  });

  it("zeroRetryDelays keeps the order but takes no time", async () => {
    const f = failing("E", "E");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 100 }]), {}, { ...f, zeroRetryDelays: true });
    expect(attemptTimes(r)).toEqual([0, 0, 0]);
    expect(r).toMatchObject({ status: "SUCCEEDED", output: "done" });
  });

  it("a custom clock is asked to sleep for each interval", async () => {
    const clock = instantClock();
    const f = failing("E", "E");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 2, BackoffRate: 5 }]), {}, { ...f, clock });
    expect(clock.sleeps).toEqual([2000, 10000]);
    expect(r.output).toBe("done");
  });
});

describe("Retry semantics", () => {
  it("succeeds when an attempt succeeds, with the retry count visible to the handler", async () => {
    const f = failing("E", "E");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"] }]), {}, f);
    expect(r).toMatchObject({ status: "SUCCEEDED", output: "done" });
    expect(f.requests.map((q) => q.retryCount)).toEqual([0, 1, 2]);
    expect(f.requests.map((q) => (q.context.State as { RetryCount: number }).RetryCount)).toEqual([0, 1, 2]);
  });

  it("retries do not re-enter the state: one TaskStateEntered, one TaskStateExited", async () => {
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"] }]), {}, failing("E"));
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "TaskStateEntered",
      "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
      "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
      "TaskStateExited", "ExecutionSucceeded",
    ]);
    expect(chainOf(r)).toEqual([
      "1<0 ExecutionStarted", "2<0 TaskStateEntered", "3<2 LambdaFunctionScheduled", "4<3 LambdaFunctionStarted", "5<4 LambdaFunctionFailed",
      "6<5 LambdaFunctionScheduled", "7<6 LambdaFunctionStarted", "8<7 LambdaFunctionSucceeded", "9<8 TaskStateExited", "10<9 ExecutionSucceeded",
    ]);
  });

  it("MaxAttempts 0 never retries", async () => {
    const f = failing("E", "E");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"], MaxAttempts: 0 }, { ErrorEquals: ["States.ALL"], MaxAttempts: 5 }]), {}, f);
    expect(f.requests).toHaveLength(1);
    expect(r).toMatchObject({ status: "FAILED", error: "E" });
  });

  it("only the first retrier whose ErrorEquals matches is used", async () => {
    const f = failing("E", "E", "E");
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["E"], MaxAttempts: 1, IntervalSeconds: 1 }, { ErrorEquals: ["States.ALL"], MaxAttempts: 5, IntervalSeconds: 1 }]),
      {}, f,
    );
    expect(f.requests).toHaveLength(2);
    expect(r.error).toBe("E");
  });

  it("errors no retrier names are not retried", async () => {
    const f = failing("Other");
    const r = await runMachine(withRetry([{ ErrorEquals: ["E"] }]), {}, f);
    expect(f.requests).toHaveLength(1);
    expect(r.error).toBe("Other");
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-examples
  // "the task fails four successive times, outputting these error names: ErrorA, ErrorB, ErrorC, and ErrorB.
  //  The first two errors match the first retrier and cause waits of one and two seconds. The third error
  //  matches the second retrier and causes a wait of five seconds. The fourth error also matches the first
  //  retrier. However, it already reached its maximum of two retries ... the execution redirects the
  //  workflow to the Z state through the Catch field."
  it("each retrier keeps its own counter (AWS's complex retry scenario)", async () => {
    const f = failing("ErrorA", "ErrorB", "ErrorC", "ErrorB");
    const r = await runMachine(
      {
        StartAt: "X",
        States: {
          X: {
            Type: "Task",
            Resource: LAMBDA,
            Next: "Y",
            Retry: [
              { ErrorEquals: ["ErrorA", "ErrorB"], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
              { ErrorEquals: ["ErrorC"], IntervalSeconds: 5 },
            ],
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Z" }],
          },
          Y: { Type: "Pass", End: true },
          Z: { Type: "Pass", Result: "in Z", End: true },
        },
      },
      {},
      f,
    );
    expect(f.requests).toHaveLength(4);
    expect(attemptTimes(r)).toEqual([0, 1, 3, 8]);
    expect(r).toMatchObject({ status: "SUCCEEDED", output: "in Z" });
  });
});

describe("Catch", () => {
  /** A Task with `catchers`; the handler states A and B (those the catchers name) record who caught what. */
  const caught = (catchers: { Next: string; [field: string]: unknown }[], extra: Record<string, unknown> = {}) => {
    const states: Record<string, unknown> = {
      T: { Type: "Task", Resource: LAMBDA, Catch: catchers, ...extra, Next: "Ok" },
      Ok: { Type: "Pass", Result: "ok", End: true },
    };
    for (const name of new Set(catchers.map((c) => c.Next))) {
      states[name] = { Type: "Pass", Parameters: { by: name, "in.$": "$" }, End: true };
    }
    return { StartAt: "T", States: states };
  };

  it("the error output {Error, Cause} replaces the input by default", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["E"], Next: "A" }]), { orig: 1 }, failing("E"));
    expect(r.output).toEqual({ by: "A", in: { Error: "E", Cause: "attempt 1" } });
  });

  it("an error without a cause has only Error", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["E"], Next: "A" }]), {}, { handlers: { [LAMBDA]: () => { throw { error: "E" }; } } });
    expect(r.output).toEqual({ by: "A", in: { Error: "E" } });
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html#input-output-resultpath-catch
  it("ResultPath keeps the input and adds the error output", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "A" }]), { foo: "bar" }, failing("E"));
    expect(r.output).toEqual({ by: "A", in: { foo: "bar", error: { Error: "E", Cause: "attempt 1" } } });
  });

  it("ResultPath null keeps the input as it was", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["States.ALL"], ResultPath: null, Next: "A" }]), { foo: "bar" }, failing("E"));
    expect(r.output).toEqual({ by: "A", in: { foo: "bar" } });
  });

  it("the first matching catcher wins", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["X"], Next: "B" }, { ErrorEquals: ["E"], Next: "A" }, { ErrorEquals: ["States.ALL"], Next: "B" }]), {}, failing("E"));
    expect(r.output).toMatchObject({ by: "A" });
  });

  it("States.ALL catches any error name", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["States.ALL"], Next: "B" }]), {}, failing("Anything.At.All"));
    expect(r.output).toMatchObject({ by: "B", in: { Error: "Anything.At.All" } });
  });

  it("an error no catcher names fails the execution", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["X"], Next: "A" }]), {}, failing("E"));
    expect(r).toMatchObject({ status: "FAILED", error: "E", cause: "attempt 1" });
  });

  it("catches after the retriers give up; the catch is recorded as TaskStateExited", async () => {
    const f = failing("E", "E");
    const r = await runMachine(caught([{ ErrorEquals: ["E"], Next: "A" }], { Retry: [{ ErrorEquals: ["E"], MaxAttempts: 1 }] }), {}, f);
    expect(f.requests).toHaveLength(2);
    expect(r.output).toEqual({ by: "A", in: { Error: "E", Cause: "attempt 2" } });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "TaskStateEntered",
      "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
      "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
      "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
    ]);
    const exited = eventsOf(r, "TaskStateExited")[0]!;
    expect(exited.previousEventId).toBe(8);
    expect(exited.stateExitedEventDetails).toEqual({
      name: "T", output: JSON.stringify({ Error: "E", Cause: "attempt 2" }), outputDetails: { truncated: false },
    });
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
  // "States.TaskFailed ... matches any known error name except for States.Timeout."
  it("States.TaskFailed does not match States.Timeout", async () => {
    const r = await runMachine(
      caught([{ ErrorEquals: ["States.TaskFailed"], Next: "A" }, { ErrorEquals: ["States.ALL"], Next: "B" }], { TimeoutSeconds: 1 }),
      {},
      { clock: instantClock(), handlers: { [LAMBDA]: never } },
    );
    expect(r.output).toMatchObject({ by: "B", in: { Error: "States.Timeout" } });
  });

  it("States.TaskFailed matches other task errors", async () => {
    const r = await runMachine(caught([{ ErrorEquals: ["States.TaskFailed"], Next: "A" }]), {}, failing("Custom"));
    expect(r.output).toMatchObject({ by: "A", in: { Error: "Custom" } });
  });

  it("a retrier on States.TaskFailed does not retry timeouts", async () => {
    let calls = 0;
    const r = await runMachine(
      withRetry([{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 3 }], { TimeoutSeconds: 1 }),
      {},
      { clock: instantClock(), handlers: { [LAMBDA]: () => (calls++, never()) } },
    );
    expect(calls).toBe(1);
    expect(r.error).toBe("States.Timeout");
  });

  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#states-runtime-error
  it("States.Runtime is neither retried nor caught, not even by name", async () => {
    let calls = 0;
    const r = await runMachine(
      caught(
        [{ ErrorEquals: ["States.Runtime"], Next: "A" }, { ErrorEquals: ["States.ALL"], Next: "B" }],
        { OutputPath: "$.missing", Retry: [{ ErrorEquals: ["States.Runtime"] }, { ErrorEquals: ["States.ALL"] }] },
      ),
      {},
      { handlers: { [LAMBDA]: () => (calls++, { present: 1 }) } },
    );
    expect(calls).toBe(1);
    expect(r).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(typesOf(r)).toEqual([
      "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "ExecutionFailed",
    ]);
  });

  it("a catcher's Next can loop back: the state is entered again with fresh retry counters", async () => {
    let calls = 0;
    const r = await runMachine(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task", Resource: LAMBDA, Next: "Done",
            Retry: [{ ErrorEquals: ["E"], MaxAttempts: 1, IntervalSeconds: 1 }],
            Catch: [{ ErrorEquals: ["E"], ResultPath: null, Next: "T" }],
          },
          Done: { Type: "Succeed" },
        },
      },
      {},
      { handlers: { [LAMBDA]: () => { if (++calls <= 3) throw taskError("E"); return calls; } } },
    );
    // Attempts 1, 2 (retry) → caught; entered again: 3 fails, 4 (retry) succeeds.
    expect(calls).toBe(4);
    expect(r).toMatchObject({ status: "SUCCEEDED", output: 4 });
    expect(eventsOf(r, "TaskStateEntered")).toHaveLength(2);
  });
});

describe("Retry and Catch with the execution timeout", () => {
  it("a retry interval past the execution's TimeoutSeconds ends the execution TIMED_OUT", async () => {
    const r = await runMachine({ ...withRetry([{ ErrorEquals: ["E"], IntervalSeconds: 60 }]), TimeoutSeconds: 10 }, {}, failing("E", "E"));
    expect(r.status).toBe("TIMED_OUT");
    expect(r.stopDate - r.startDate).toBe(10_000);
    expect(typesOf(r).at(-1)).toBe("ExecutionTimedOut");
  });
});
