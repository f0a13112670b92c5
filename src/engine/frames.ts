/** @module Frames (the machine, Parallel branches, Map iterations): their plans, variables and scopes. */
import type { JsonObject } from "../shared/json.js";
import { buildContextObject, type EvalScope, type MapPlan, type ParallelPlan, type Plan, type StatePlan, type VariableFrame } from "../asl/index.js";
import type { FrameState } from "./execution-state.js";
import type { TransitionContext } from "./transition-context.js";

/** The plan a frame runs: the machine's, or a branch / item processor found by the frame's path. */
export function planOf(ctx: TransitionContext, frame: FrameState): Plan {
  let plan = ctx.plan;
  const path = frame.planPath;
  for (let i = 0; i < path.length; i += 2) {
    const state = plan.states.get(path[i] as string) as MapPlan | ParallelPlan;
    const index = path[i + 1] as number;
    plan = state.type === "Map" ? state.processor : state.branches[index]!;
  }
  return plan;
}

/** The variables visible from a frame: its own, then its ancestors' (read-only from here). */
export function variablesOf(ctx: TransitionContext, frame: FrameState | undefined): VariableFrame | undefined {
  if (!frame) return undefined;
  const parent = frame.parentId !== undefined ? ctx.state.frames[frame.parentId] : undefined;
  return { values: new Map(Object.entries(frame.variables)), parent: variablesOf(ctx, parent) };
}

export function scopeOf(ctx: TransitionContext, frame: FrameState, state: StatePlan, extraContext?: JsonObject): EvalScope {
  return new FrameScope(ctx, frame, state, extraContext);
}

/** A state attempt's scope; `$$` and the variables are built when an expression first reads them (most never do). */
class FrameScope implements EvalScope {
  readonly random: EvalScope["random"];
  readonly now: number;
  readonly stateName: string;
  readonly enteredEventId: number;
  private builtContext: JsonObject | undefined = undefined;
  private builtVariables: VariableFrame | undefined = undefined;

  constructor(
    private readonly ctx: TransitionContext,
    private readonly frame: FrameState,
    private readonly state: StatePlan,
    private readonly extra: JsonObject | undefined,
  ) {
    this.random = ctx.random;
    this.now = ctx.now;
    this.stateName = state.name;
    this.enteredEventId = frame.enteredEventId;
  }

  get context(): JsonObject {
    const { ctx, frame } = this;
    return (this.builtContext ??= buildContextObject(
      ctx.executionContext, ctx.stateMachineContext, this.state, new Date(frame.enteredAt).toISOString(), frame.retryCount, this.extra,
    ));
  }

  get variables(): VariableFrame | undefined {
    return (this.builtVariables ??= variablesOf(this.ctx, this.frame));
  }
}

export function createFrame(
  ctx: TransitionContext, id: string, parent: FrameState | undefined, slot: number, planPath: readonly (string | number)[],
  startAt: string, input: FrameState["raw"], lastEventId: number,
): FrameState {
  const frame: FrameState = {
    id, parentId: parent?.id, slot, planPath, variables: {}, state: startAt, raw: input, entered: false,
    enteredEventId: 0, enteredAt: ctx.now, retryCount: 0, retryCounters: [], lastEventId,
    waiting: undefined, status: "running", output: undefined, error: undefined,
  };
  ctx.state.frames[id] = frame;
  return frame;
}
