import { describe, it, expect, afterEach } from "vitest";
import type { TaskHandler } from "../../runner/index.js";
import { ACCOUNT, REGION, T0, createHarness, execArn, type Harness } from "./test-support.js";

let h: Harness;
afterEach(() => h.close());

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Work`;
const ACTIVITY = `arn:aws:states:${REGION}:${ACCOUNT}:activity:items`;
const DISTRIBUTED = { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } };

const mapMachine = (map: Record<string, unknown>, resource = FN) => ({
  StartAt: "M",
  States: {
    M: { Type: "Map", ItemProcessor: { ...DISTRIBUTED, StartAt: "S", States: { S: { Type: "Task", Resource: resource, End: true } } }, End: true, ...map },
  },
});

const work: Record<string, TaskHandler> = { [FN]: (x) => {
  if (typeof x === "number" && x < 0) throw Object.assign(new Error(`negative ${x}`), { name: "Negative" });
  return x;
} };

async function runMap(machine: unknown, input: unknown, name = "e") {
  const stateMachineArn = await h.machine("Outer", machine);
  const { executionArn } = await h.call("StartExecution", { stateMachineArn, name, input: JSON.stringify(input) });
  await h.idle();
  const { mapRuns } = await h.call("ListMapRuns", { executionArn }) as { mapRuns: Record<string, unknown>[] };
  return { executionArn: executionArn as string, mapRuns, mapRunArn: mapRuns[0]?.mapRunArn as string };
}

const counts = (c: Partial<Record<string, number>>) => ({
  pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0, ...c,
});

describe("DescribeMapRun / ListMapRuns", () => {
  it("describes a finished Map Run: its parent, status, dates, limits and counts", async () => {
    h = await createHarness({ handlers: work });
    const { executionArn, mapRuns, mapRunArn } = await runMap(mapMachine({ Label: "Squares", MaxConcurrency: 2, ToleratedFailurePercentage: 50 }), [1, 2, 3]);
    expect(mapRunArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:mapRun:Outer/Squares:[0-9a-f-]{36}$`));
    expect(mapRuns).toEqual([{
      executionArn, mapRunArn, stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Outer/Squares`, startDate: T0 / 1000, stopDate: T0 / 1000,
    }]);
    expect(await h.call("DescribeMapRun", { mapRunArn })).toEqual({
      mapRunArn, executionArn, status: "SUCCEEDED", startDate: T0 / 1000, stopDate: T0 / 1000,
      maxConcurrency: 2, toleratedFailurePercentage: 50, toleratedFailureCount: 0,
      itemCounts: counts({ succeeded: 3, total: 3 }), executionCounts: counts({ succeeded: 3, total: 3 }), redriveCount: 0,
    });
  });

  it("lists the child executions of a Map Run, which DescribeExecution ties to the run", async () => {
    h = await createHarness({ handlers: work });
    const { executionArn, mapRunArn } = await runMap(mapMachine({}), [1, 2]);
    const { executions } = await h.call("ListExecutions", { mapRunArn }) as { executions: Record<string, unknown>[] };
    expect(executions).toHaveLength(2);
    for (const child of executions) {
      expect(child).toMatchObject({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Outer/M`, status: "SUCCEEDED", mapRunArn, itemCount: 1 });
      const described = await h.call("DescribeExecution", { executionArn: child.executionArn });
      expect(described).toMatchObject({ mapRunArn, status: "SUCCEEDED" });
      expect([1, 2]).toContain(JSON.parse(described.input as string));
    }
    expect(await h.call("ListExecutions", { mapRunArn, statusFilter: "FAILED" })).toEqual({ executions: [] });
    // The parent's own listing shows only the parent.
    const parents = await h.call("ListExecutions", { stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Outer` }) as { executions: unknown[] };
    expect(parents.executions).toEqual([expect.objectContaining({ executionArn })]);
  });

  it("counts running, pending and finished children while the run goes on; a stopped parent aborts the run", async () => {
    h = await createHarness();
    await h.call("CreateActivity", { name: "items" });
    const { executionArn, mapRunArn } = await runMap(mapMachine({ MaxConcurrency: 2 }, ACTIVITY), ["a", "b", "c"]);
    expect(await h.call("DescribeMapRun", { mapRunArn })).toMatchObject({
      status: "RUNNING", maxConcurrency: 2, executionCounts: counts({ running: 2, pending: 1, total: 3 }), itemCounts: counts({ running: 2, pending: 1, total: 3 }),
    });
    expect((await h.call("DescribeMapRun", { mapRunArn })).stopDate).toBeUndefined();
    const task = await h.call("GetActivityTask", { activityArn: ACTIVITY });
    await h.call("SendTaskSuccess", { taskToken: task.taskToken, output: "{}" });
    await h.idle();
    expect(await h.call("DescribeMapRun", { mapRunArn })).toMatchObject({
      status: "RUNNING", executionCounts: counts({ running: 2, succeeded: 1, total: 3 }),
    });
    expect(await h.call("UpdateMapRun", { mapRunArn, maxConcurrency: 5 })).toEqual({});
    h.clock.advance(2000);
    await h.call("StopExecution", { executionArn });
    expect(await h.call("DescribeMapRun", { mapRunArn })).toMatchObject({ status: "ABORTED", stopDate: (T0 + 2000) / 1000 });
    expect((await h.call("ListMapRuns", { executionArn })).mapRuns).toEqual([expect.objectContaining({ stopDate: (T0 + 2000) / 1000 })]);
  });

  it("describes a failed run (tolerated failures exceeded), which UpdateMapRun can no longer change", async () => {
    h = await createHarness({ handlers: work });
    const { mapRunArn } = await runMap(mapMachine({ ToleratedFailureCount: 1, MaxConcurrency: 1 }), [1, -2, -3, 4]);
    const d = await h.call("DescribeMapRun", { mapRunArn });
    expect(d).toMatchObject({ status: "FAILED", toleratedFailureCount: 1, maxConcurrency: 1 });
    expect(d.executionCounts).toEqual(counts({ succeeded: 1, failed: 2, pending: 1, total: 4 }));
    await expect(h.call("UpdateMapRun", { mapRunArn, maxConcurrency: 3 })).rejects.toMatchObject({
      code: "ValidationException", fields: { reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN" },
    });
  });

  it("finds a run without child executions (no items) through its parent's history", async () => {
    h = await createHarness({ handlers: work });
    const { executionArn, mapRunArn } = await runMap(mapMachine({}), []);
    expect(await h.call("DescribeMapRun", { mapRunArn })).toMatchObject({
      executionArn, status: "SUCCEEDED", executionCounts: counts({}), itemCounts: counts({}),
    });
    expect(await h.call("ListExecutions", { mapRunArn })).toEqual({ executions: [] });
  });

  it("counts items per batch with an ItemBatcher, and resolves limits read from the input", async () => {
    h = await createHarness({ handlers: { [FN]: (x) => x } });
    const machine = mapMachine({ ItemBatcher: { MaxItemsPerBatch: 2 }, ItemsPath: "$.items", MaxConcurrencyPath: "$.limit" });
    const { mapRunArn } = await runMap(machine, { items: [1, 2, 3, 4, 5], limit: 3 });
    const d = await h.call("DescribeMapRun", { mapRunArn });
    expect(d).toMatchObject({ maxConcurrency: 3, executionCounts: counts({ succeeded: 3, total: 3 }), itemCounts: counts({ succeeded: 5, total: 5 }) });
    const { executions } = await h.call("ListExecutions", { mapRunArn }) as { executions: { itemCount: number }[] };
    expect(executions.map((e) => e.itemCount).sort()).toEqual([1, 2, 2]);
  });

  it("lists every run of an execution, newest first, a page at a time", async () => {
    h = await createHarness({ handlers: work });
    const machine = {
      StartAt: "A",
      States: {
        A: { Type: "Map", ItemProcessor: { ...DISTRIBUTED, StartAt: "S", States: { S: { Type: "Pass", End: true } } }, Next: "B" },
        B: { Type: "Map", ItemProcessor: { ...DISTRIBUTED, StartAt: "T", States: { T: { Type: "Pass", End: true } } }, End: true },
      },
    };
    const { executionArn, mapRuns } = await runMap(machine, [1]);
    expect(mapRuns.map((r) => (r.mapRunArn as string).split(":")[6])).toEqual(["Outer/B", "Outer/A"]);
    const first = await h.call("ListMapRuns", { executionArn, maxResults: 1 });
    expect((first.mapRuns as unknown[]).length).toBe(1);
    const second = await h.call("ListMapRuns", { executionArn, maxResults: 1, nextToken: first.nextToken });
    expect(second.mapRuns).toEqual([mapRuns[1]]);
    expect(second.nextToken).toBeUndefined();
    await expect(h.call("ListMapRuns", { executionArn, nextToken: "bogus" })).rejects.toMatchObject({ code: "InvalidToken" });
  });

  it("answers AWS's errors for bad or unknown ARNs", async () => {
    h = await createHarness({ handlers: work });
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:Outer/M:00000000-0000-4000-8000-00000000ffff`;
    await expect(h.call("DescribeMapRun", { mapRunArn: unknown })).rejects.toMatchObject({ code: "ResourceNotFound", fields: { resourceName: unknown } });
    await expect(h.call("UpdateMapRun", { mapRunArn: unknown })).rejects.toMatchObject({ code: "ResourceNotFound" });
    await expect(h.call("ListExecutions", { mapRunArn: unknown })).rejects.toMatchObject({ code: "ResourceNotFound" });
    await expect(h.call("DescribeMapRun", { mapRunArn: execArn("Outer", "e") })).rejects.toMatchObject({
      code: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: execution'",
    });
    await expect(h.call("DescribeMapRun", { mapRunArn: `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:NoSlash:x` })).rejects.toMatchObject({ code: "InvalidArn" });
    await expect(h.call("DescribeMapRun", {})).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.call("ListMapRuns", { executionArn: execArn("Outer", "none") })).rejects.toMatchObject({ code: "ExecutionDoesNotExist" });
    await expect(h.call("UpdateMapRun", { mapRunArn: unknown, toleratedFailurePercentage: 101 })).rejects.toMatchObject({
      code: "ValidationException", message: expect.stringContaining("Member must have value less than or equal to 100"),
    });
    await expect(h.call("UpdateMapRun", { mapRunArn: unknown, maxConcurrency: -1 })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(h.call("ListExecutions", { mapRunArn: unknown, stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Outer` }))
      .rejects.toMatchObject({ code: "ValidationException" });
  });
});
