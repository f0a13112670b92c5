/**
 * @module Finding a Map Run in the store. A Map Run has no record of its own: its child executions carry
 * its ARN (and their parent's), and the parent's history holds its start and end.
 */
import type { EventRecord, ExecutionRecord, ExecutionSummary, Store } from "../../store/index.js";
import type { StatesContext } from "./context.js";
import { parseMapRunArn } from "./arns.js";
import { mapRunsOf, type MapRunFacts } from "./map-run-history.js";
import { itemCountOf } from "./map-run-counts.js";
import { findMapByLabel } from "./plan-search.js";

/** A Map Run with no child execution yet (no items, or just started) is looked for in this many recent parent executions. */
export const PARENT_SCAN_LIMIT = 100;

const PAGE = 1000;

export interface MapRunView {
  readonly run: MapRunFacts;
  readonly parent: ExecutionRecord;
  /** Every child execution started so far (all of them are read: fine for thousands of items). */
  readonly children: readonly ExecutionSummary[];
}

/** The Map Run, or undefined when no execution started it. Throws InvalidArn for a malformed ARN. */
export async function findMapRun(ctx: StatesContext, arn: string): Promise<MapRunView | undefined> {
  const ref = parseMapRunArn(arn);
  const children = await listChildren(ctx.store, arn);
  const parentArn = children[0]?.parentExecutionArn;
  if (parentArn !== undefined) {
    const parent = await ctx.store.getExecution(parentArn);
    const run = parent ? mapRunsOf(await allEvents(ctx.store, parentArn)).find((r) => r.mapRunArn === arn) : undefined;
    return parent && run ? { run, parent, children } : undefined;
  }
  // No child yet: look through the newest executions of the machine whose name the ARN carries.
  const candidates = await ctx.store.listExecutions({ stateMachineArn: ref.parentMachineArn }, { limit: PARENT_SCAN_LIMIT });
  for (const candidate of candidates.items) {
    const run = mapRunsOf(await allEvents(ctx.store, candidate.arn)).find((r) => r.mapRunArn === arn);
    if (!run) continue;
    const parent = await ctx.store.getExecution(candidate.arn);
    if (parent) return { run, parent, children: await listChildren(ctx.store, arn) };
  }
  return undefined;
}

/** Every Map Run an execution started, oldest first. */
export async function mapRunsOfExecution(store: Store, executionArn: string): Promise<MapRunFacts[]> {
  return mapRunsOf(await allEvents(store, executionArn));
}

/**
 * ListExecutions' `itemCount` of each listed child execution of a Map Run: one item each, or its
 * batch's size when the Map state has an ItemBatcher (read from the parent's definition).
 */
export async function childItemCounts(ctx: StatesContext, children: readonly ExecutionSummary[]): Promise<number[]> {
  const first = children[0];
  if (!first?.parentExecutionArn || !first.mapRunArn) return children.map(() => 1);
  const parent = await ctx.store.getExecution(first.parentExecutionArn);
  const path = first.mapRunArn.split(":")[6] ?? "";
  let batched = false;
  try {
    batched = parent !== undefined && findMapByLabel(ctx.compile(parent.definition).plan, path.slice(path.lastIndexOf("/") + 1))?.itemBatcher !== undefined;
  } catch {
    batched = false;
  }
  if (!batched) return children.map(() => 1);
  return Promise.all(children.map(async (c) => itemCountOf(await ctx.store.getExecution(c.arn), true)));
}

export async function listChildren(store: Store, mapRunArn: string): Promise<ExecutionSummary[]> {
  const children: ExecutionSummary[] = [];
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await store.listExecutions({ mapRunArn }, after === undefined ? { limit: PAGE } : { limit: PAGE, after });
    children.push(...page.items);
    after = page.next;
  }
  return children;
}

async function allEvents(store: Store, executionArn: string): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await store.listEvents(executionArn, after === undefined ? { limit: PAGE } : { limit: PAGE, after });
    events.push(...page.items);
    after = page.next;
  }
  return events;
}
