/** @module Map and Parallel in the durable engine: child frames, their limits, and joining their results. */
import type { JsonValue } from "../shared/json.js";
import {
  batchItems, exceedsTolerance, finishWithResult, prepareInput, resolveItems, resolveMaxConcurrency, resolveToleratedFailure,
  selectItemInput, StatesError, errorOutputOf, type AslError, type EvalScope, type MapPlan, type ParallelPlan,
} from "../asl/index.js";
import type { Aggregate, FrameState } from "./execution-state.js";
import { emit, nextId, type TransitionContext } from "./transition-context.js";
import { createFrame, planOf, scopeOf } from "./frames.js";
import { exitState, handleStateError, type FrameControl } from "./frame-exit.js";
import { cancelFrame, forgetChildren } from "./frame-wait.js";

export async function startAggregate(ctx: TransitionContext, frame: FrameState, state: MapPlan | ParallelPlan, scope: EvalScope, control: FrameControl): Promise<void> {
  const input = await prepareInput(state, frame.raw, scope);
  let inputs: JsonValue[];
  let limit = 0;
  let toleratedCount: number | undefined;
  let toleratedPercentage: number | undefined;
  let startedEventId: number;
  let mapRunArn: string | undefined;
  const distributed = state.type === "Map" && state.mode === "DISTRIBUTED";
  if (state.type === "Map") {
    const items = await resolveItems(state, input, scope);
    limit = await resolveMaxConcurrency(state, input, scope);
    inputs = [];
    for (let i = 0; i < items.length; i++) {
      const itemScope = scopeOf(ctx, frame, state, { Map: { Item: { Index: i, Value: items[i]! } } });
      inputs.push(state.itemSelector ? await selectItemInput(state, input, items[i]!, itemScope) : items[i]!);
    }
    if (state.itemBatcher) inputs = await batchItems(state, inputs, input, scope);
    startedEventId = emit(ctx, "MapStateStarted", frame.lastEventId, { mapStateStartedEventDetails: { length: inputs.length } });
    const tolerance = await resolveToleratedFailure(state, input, scope);
    toleratedCount = tolerance.count;
    toleratedPercentage = tolerance.percentage;
    if (distributed) {
      const n = ctx.names;
      mapRunArn = `arn:${n.partition}:states:${n.region}:${n.accountId}:mapRun:${n.stateMachineName}/${state.label ?? state.name}:${ctx.random.uuid()}`;
      startedEventId = emit(ctx, "MapRunStarted", startedEventId, { mapRunStartedEventDetails: { mapRunArn } });
    }
  } else {
    inputs = state.branches.map(() => input);
    startedEventId = emit(ctx, "ParallelStateStarted", frame.lastEventId);
  }
  const agg: Aggregate = {
    type: state.type, input, inputs, results: new Array(inputs.length).fill(null), next: 0, running: 0, limit, failed: 0,
    toleratedCount, toleratedPercentage, error: undefined, distributed, startedEventId, children: [],
    ...(mapRunArn ? { mapRunArn, settled: new Array<boolean>(inputs.length).fill(false) } : {}),
  };
  frame.lastEventId = startedEventId;
  frame.waiting = { kind: "children", agg };
  frame.status = "waiting";
  if (inputs.length === 0) {
    control.schedule(frame, { kind: "children-settled" });
    return;
  }
  startChildren(ctx, frame, state, agg, control);
}

function startChildren(ctx: TransitionContext, frame: FrameState, state: MapPlan | ParallelPlan, agg: Aggregate, control: FrameControl): void {
  while (agg.next < agg.inputs.length && (agg.limit === 0 || agg.running < agg.limit) && !agg.error) {
    const index = agg.next++;
    agg.running++;
    let prev = agg.startedEventId;
    if (state.type === "Map" && !agg.distributed) {
      prev = emit(ctx, "MapIterationStarted", ctx.state.lastEventId, { mapIterationStartedEventDetails: { name: state.name, index } });
    }
    if (agg.distributed) {
      startChildExecution(ctx, state as MapPlan, agg, index);
      continue;
    }
    const planPath = [...frame.planPath, state.name, state.type === "Map" ? -1 : index];
    const childPlanStart = planOf(ctx, frame).states.get(state.name) as MapPlan | ParallelPlan;
    const startAt = childPlanStart.type === "Map" ? childPlanStart.processor.startAt : childPlanStart.branches[index]!.startAt;
    const child = createFrame(ctx, nextId(ctx, "f"), frame, index, planPath, startAt, agg.inputs[index]!, prev);
    agg.children.push(child.id);
    control.schedule(child, undefined);
  }
}

/** A Distributed Map item as a child execution of its own, started after the commit. */
function startChildExecution(ctx: TransitionContext, state: MapPlan, agg: Aggregate, index: number): void {
  const n = ctx.names;
  const mapName = `${n.stateMachineName}/${state.label ?? state.name}`;
  const name = ctx.random.uuid();
  const arn = `arn:${n.partition}:states:${n.region}:${n.accountId}:execution:${mapName}:${name}`;
  const { ProcessorConfig: _config, ...processor } = state.processor.source;
  agg.children[index] = arn;
  ctx.out.childStarts.push({
    arn, name, stateMachineArn: `arn:${n.partition}:states:${n.region}:${n.accountId}:stateMachine:${mapName}`, stateMachineName: mapName,
    definition: JSON.stringify({ ...processor, QueryLanguage: state.queryLanguage }), input: agg.inputs[index]!,
    mapRunArn: agg.mapRunArn!, parentExecutionArn: n.executionArn, roleArn: ctx.executionContext.RoleArn as string,
  });
}

/** A Distributed Map child execution closed: account for it once. */
export function onChildExecutionClosed(ctx: TransitionContext, childArn: string, outcome: ChildOutcome, control: FrameControl): void {
  for (const id in ctx.state.frames) {
    const parent = ctx.state.frames[id]!;
    const w = parent.waiting;
    if (w?.kind !== "children" || !w.agg.distributed) continue;
    const slot = w.agg.children.indexOf(childArn);
    if (slot < 0 || w.agg.settled![slot]) continue;
    w.agg.settled![slot] = true;
    settleChild(ctx, parent, slot, outcome, ctx.state.lastEventId, control);
    return;
  }
}

export type ChildOutcome = { readonly ok: true; readonly output: JsonValue } | { readonly ok: false; readonly error: AslError | undefined };

/**
 * UpdateMapRun: new limits for a running Map Run. More children start if the limit rose; the
 * tolerance is checked again. Returns false when no running Map Run has that ARN.
 */
export function updateMapRun(
  ctx: TransitionContext, mapRunArn: string, update: { maxConcurrency?: number; toleratedFailureCount?: number; toleratedFailurePercentage?: number },
  control: FrameControl,
): boolean {
  for (const id in ctx.state.frames) {
    const frame = ctx.state.frames[id]!;
    const w = frame.waiting;
    if (w?.kind !== "children" || w.agg.mapRunArn !== mapRunArn) continue;
    const agg = w.agg;
    if (update.maxConcurrency !== undefined) agg.limit = update.maxConcurrency;
    if (update.toleratedFailureCount !== undefined) agg.toleratedCount = update.toleratedFailureCount;
    if (update.toleratedFailurePercentage !== undefined) agg.toleratedPercentage = update.toleratedFailurePercentage;
    const state = planOf(ctx, frame).states.get(frame.state) as MapPlan;
    if (!agg.error && agg.failed > 0 && exceedsTolerance({ count: agg.toleratedCount, percentage: agg.toleratedPercentage }, agg.failed, agg.inputs.length)) {
      agg.error = { error: StatesError.ExceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded" };
      abortSiblings(ctx, agg, state, false);
    }
    if (!agg.error) startChildren(ctx, frame, state, agg, control);
    if (agg.running === 0 && (agg.error || agg.next >= agg.inputs.length)) control.schedule(frame, { kind: "children-settled" });
    return true;
  }
  return false;
}

/** A child branch finished (done or failed): record it, start more, or settle the parent. */
export function onChildSettled(ctx: TransitionContext, child: FrameState, control: FrameControl): void {
  const parent = ctx.state.frames[child.parentId!];
  if (!parent || parent.waiting?.kind !== "children") return;
  if (child.status === "done") settleChild(ctx, parent, child.slot, { ok: true, output: child.output ?? null }, child.lastEventId, control);
  else if (child.status === "failed") settleChild(ctx, parent, child.slot, { ok: false, error: child.error }, child.lastEventId, control);
  else parent.waiting.agg.running--;
}

function settleChild(ctx: TransitionContext, parent: FrameState, slot: number, outcome: ChildOutcome, lastEventId: number, control: FrameControl): void {
  if (parent.waiting?.kind !== "children") return;
  const agg = parent.waiting.agg;
  const state = planOf(ctx, parent).states.get(parent.state) as MapPlan | ParallelPlan;
  const inlineMap = state.type === "Map" && !agg.distributed;
  agg.running--;
  if (outcome.ok) {
    agg.results[slot] = outcome.output;
    if (inlineMap) emit(ctx, "MapIterationSucceeded", lastEventId, iteration("Succeeded", state.name, slot));
  } else if (!agg.error) {
    const error = outcome.error ?? { error: "States.Runtime" };
    if (state.type === "Parallel") {
      agg.error = error;
    } else {
      agg.failed++;
      agg.results[slot] = errorOutputOf(error);
      if (inlineMap) emit(ctx, "MapIterationFailed", lastEventId, iteration("Failed", state.name, slot));
      const tolerated = agg.toleratedCount !== undefined || agg.toleratedPercentage !== undefined;
      if (!tolerated) agg.error = error;
      else if (exceedsTolerance({ count: agg.toleratedCount, percentage: agg.toleratedPercentage }, agg.failed, agg.inputs.length)) {
        agg.error = { error: StatesError.ExceedToleratedFailureThreshold, cause: "The specified tolerated failure threshold was exceeded" };
      }
    }
    if (agg.error) abortSiblings(ctx, agg, state, inlineMap);
  }
  if (!agg.error) startChildren(ctx, parent, state, agg, control);
  if (agg.running === 0 && (agg.error || agg.next >= agg.inputs.length)) control.schedule(parent, { kind: "children-settled" });
}

function abortSiblings(ctx: TransitionContext, agg: Aggregate, state: MapPlan | ParallelPlan, inlineMap: boolean): void {
  if (agg.distributed) {
    agg.children.forEach((arn, slot) => {
      if (arn && !agg.settled![slot]) {
        agg.settled![slot] = true;
        agg.running--;
        ctx.out.childStops.push(arn);
      }
    });
    return;
  }
  for (const id of agg.children) {
    const sibling = ctx.state.frames[id];
    if (!sibling || (sibling.status !== "running" && sibling.status !== "waiting")) continue;
    cancelFrame(ctx, sibling);
    agg.running--;
    if (inlineMap) emit(ctx, "MapIterationAborted", sibling.lastEventId, iteration("Aborted", state.name, sibling.slot));
  }
}

export async function finishAggregate(ctx: TransitionContext, frame: FrameState, state: MapPlan | ParallelPlan, control: FrameControl): Promise<void> {
  const w = frame.waiting;
  if (w?.kind !== "children") return;
  const agg = w.agg;
  forgetChildren(ctx, frame);
  frame.waiting = undefined;
  frame.status = "running";
  if (agg.error) {
    if (agg.distributed) emit(ctx, "MapRunFailed", frame.lastEventId, { mapRunFailedEventDetails: { error: agg.error.error, ...(agg.error.cause ? { cause: agg.error.cause } : {}) } });
    return handleStateError(ctx, frame, state, agg.error, ctx.state.lastEventId, control);
  }
  if (agg.distributed) emit(ctx, "MapRunSucceeded", frame.lastEventId);
  const succeededId = emit(ctx, `${state.type}StateSucceeded`, ctx.state.lastEventId);
  const scope = scopeOf(ctx, frame, state);
  const exit = await finishWithResult(state, frame.raw, agg.results, scope);
  exitState(ctx, frame, state, { next: state.next, ...exit }, succeededId, control);
}

const iteration = (kind: string, name: string, index: number) => ({ [`mapIteration${kind}EventDetails`]: { name, index } });
