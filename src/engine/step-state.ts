/** @module One step of a frame in its current state: run it, or resume it after a task, timer or children. */
import type { JsonValue } from "../shared/json.js";
import { exceedsByteSize } from "../shared/json.js";
import {
  chooseRule, dataLimitExceeded, finishChoice, finishWithResult, finishWithoutResult, MAX_PAYLOAD_BYTES, prepareFilteredInput,
  prepareInput, resolveFailure, resolveSeconds, resolveWaitUntil, resultTooLarge,
  type AslError, type ChoicePlan, type EvalScope, type FailPlan, type StatePlan, type TaskPlan, type WaitPlan,
} from "../asl/index.js";
import {
  describeResource, failedDetails, scheduledDetails, startedDetails, succeededDetails,
} from "../history/index.js";
import type { FrameState } from "./execution-state.js";
import { emit, nextId, type TransitionContext } from "./transition-context.js";
import { scopeOf } from "./frames.js";
import { exitState, failFrame, handleStateError, type FrameControl } from "./frame-exit.js";
import { finishAggregate, startAggregate } from "./aggregate.js";
import { storedPayload } from "../store/index.js";

export type Resume =
  | { readonly kind: "task-succeeded"; readonly result: JsonValue }
  | { readonly kind: "task-failed"; readonly error: AslError; readonly timedOut: boolean }
  | { readonly kind: "wait-over" }
  | { readonly kind: "retry" }
  | { readonly kind: "children-settled" };

export async function stepState(ctx: TransitionContext, frame: FrameState, state: StatePlan, resume: Resume | undefined, control: FrameControl): Promise<void> {
  const scope = scopeOf(ctx, frame, state);
  const raw = frame.raw;
  switch (state.type) {
    case "Pass": {
      if (state.queryLanguage === "JSONata") {
        const exit = await finishWithoutResult(state, raw, raw, scope);
        return exitState(ctx, frame, state, { next: state.next, ...exit }, frame.lastEventId, control);
      }
      if (state.resultBytes > MAX_PAYLOAD_BYTES) throw dataLimitExceeded(state.name);
      const effective = await prepareInput(state, raw, scope);
      const exit = await finishWithResult(state, raw, state.result !== undefined ? state.result : effective, scope);
      return exitState(ctx, frame, state, { next: state.next, ...exit }, frame.lastEventId, control);
    }
    case "Choice":
      return stepChoice(ctx, frame, state, scope, control);
    case "Succeed": {
      const exit = await finishWithoutResult(state, raw, prepareFilteredInput(state, raw, scope), scope);
      return exitState(ctx, frame, state, { next: undefined, ...exit }, frame.lastEventId, control);
    }
    case "Fail": {
      const error = await resolveFailure(state as FailPlan, raw, scope);
      return failFrame(ctx, frame, error, frame.lastEventId, control);
    }
    case "Wait":
      return stepWait(ctx, frame, state, scope, resume, control);
    case "Task":
      return stepTask(ctx, frame, state, scope, resume, control);
    case "Parallel":
    case "Map":
      if (resume?.kind === "children-settled") return finishAggregate(ctx, frame, state, control);
      return startAggregate(ctx, frame, state, scope, control);
  }
}

async function stepChoice(ctx: TransitionContext, frame: FrameState, state: ChoicePlan, scope: EvalScope, control: FrameControl): Promise<void> {
  const filtered = prepareFilteredInput(state, frame.raw, scope);
  const rule = await chooseRule(state, frame.raw, filtered, scope);
  const exit = await finishChoice(state, rule, frame.raw, filtered, scope);
  exitState(ctx, frame, state, { next: rule ? rule.next : state.default, ...exit }, frame.lastEventId, control);
}

async function stepWait(ctx: TransitionContext, frame: FrameState, state: WaitPlan, scope: EvalScope, resume: Resume | undefined, control: FrameControl): Promise<void> {
  if (resume?.kind === "wait-over" && frame.waiting?.kind === "wait") {
    const w = frame.waiting;
    return exitState(ctx, frame, state, { next: state.next, output: w.output, assigned: w.assigned }, frame.lastEventId, control);
  }
  const filtered = prepareFilteredInput(state, frame.raw, scope);
  const until = await resolveWaitUntil(state, filtered, scope, frame.enteredAt);
  const exit = await finishWithoutResult(state, frame.raw, filtered, scope);
  if (until <= ctx.now) return exitState(ctx, frame, state, { next: state.next, ...exit }, frame.lastEventId, control);
  const timerId = nextId(ctx, "t");
  ctx.out.timersAdded.push({ id: timerId, dueAt: until });
  frame.waiting = { kind: "wait", timerId, output: exit.output, assigned: exit.assigned };
  frame.status = "waiting";
}

async function stepTask(ctx: TransitionContext, frame: FrameState, state: TaskPlan, scope: EvalScope, resume: Resume | undefined, control: FrameControl): Promise<void> {
  const kind = describeResource(state.resource);
  // As AWS records it: a result over the payload limit is a failure of the task that names the resource.
  if (resume?.kind === "task-succeeded" && exceedsByteSize(resume.result, MAX_PAYLOAD_BYTES)) {
    resume = { kind: "task-failed", error: resultTooLarge(kind.resultName), timedOut: false };
  }
  if (resume?.kind === "task-succeeded" || resume?.kind === "task-failed") {
    const w = frame.waiting;
    if (w?.kind === "task") {
      if (w.timeoutTimerId) ctx.out.timersRemoved.push(w.timeoutTimerId);
      if (w.heartbeatTimerId) ctx.out.timersRemoved.push(w.heartbeatTimerId);
      if (w.token) ctx.out.tokensRemoved.push(w.token);
    }
    frame.waiting = undefined;
    frame.status = "running";
    if (resume.kind === "task-failed") {
      const suffix = resume.timedOut ? "TimedOut" : "Failed";
      const id = emit(ctx, `${kind.events}${suffix}`, frame.lastEventId, failedDetails(kind, suffix, resume.error.error, resume.error.cause));
      frame.lastEventId = id;
      return handleStateError(ctx, frame, state, resume.error, id, control);
    }
    const id = emit(ctx, `${kind.events}Succeeded`, frame.lastEventId, succeededDetails(kind, resume.result, storedPayload));
    frame.lastEventId = id;
    const exit = await finishWithResult(state, frame.raw, resume.result, scope);
    return exitState(ctx, frame, state, { next: state.next, ...exit }, id, control);
  }
  // A new attempt (first, or after a retry).
  const activity = kind.events === "Activity";
  const token = activity || state.resource.endsWith(".waitForTaskToken") ? ctx.random.uuid() : undefined;
  const taskScope = token ? scopeOf(ctx, frame, state, { Task: { Token: token } }) : scope;
  const input = await prepareInput(state, frame.raw, taskScope);
  const timeoutSeconds = await resolveSeconds(state.timeoutSeconds, frame.raw, taskScope);
  const heartbeatSeconds = await resolveSeconds(state.heartbeatSeconds, frame.raw, taskScope);
  let prev = emit(ctx, `${kind.events}Scheduled`, frame.lastEventId, scheduledDetails(kind, ctx.names.region, input, timeoutSeconds, heartbeatSeconds, storedPayload));
  // Activities are started when a worker takes the task (GetActivityTask), not when scheduled.
  if (!activity) prev = emit(ctx, `${kind.events}Started`, prev, startedDetails(kind));
  frame.lastEventId = prev;
  const taskId = nextId(ctx, "k");
  let timeoutTimerId: string | undefined;
  let heartbeatTimerId: string | undefined;
  if (timeoutSeconds !== undefined) {
    timeoutTimerId = nextId(ctx, "t");
    ctx.out.timersAdded.push({ id: timeoutTimerId, dueAt: ctx.now + timeoutSeconds * 1000 });
  }
  if (heartbeatSeconds !== undefined) {
    heartbeatTimerId = nextId(ctx, "t");
    ctx.out.timersAdded.push({ id: heartbeatTimerId, dueAt: ctx.now + heartbeatSeconds * 1000 });
  }
  if (token) ctx.out.tokensAdded.push({ token, taskId, heartbeatSeconds });
  if (activity) ctx.out.activityTasks.push({ token: token!, activityArn: state.resource, input });
  else ctx.out.tasks.push({
    executionArn: ctx.names.executionArn, taskId, resource: state.resource, stateName: state.name, input, context: taskScope.context, retryCount: frame.retryCount,
    timeoutSeconds, heartbeatSeconds, taskToken: token,
  });
  frame.waiting = { kind: "task", taskId, input, token, timeoutSeconds, timeoutTimerId, heartbeatTimerId, heartbeatSeconds };
  frame.status = "waiting";
}
