/** @module The Task calls an execution waits on, read back from its state: what a restart calls again. */
import type { TaskPlan } from "../asl/index.js";
import { describeResource } from "../history/index.js";
import { planOf, scopeOf } from "./frames.js";
import type { TaskDispatch, TransitionContext } from "./transition-context.js";

/**
 * The calls of every frame waiting on a Task, rebuilt as they were made (same task id, input, token
 * and context); callback tasks already handed out and activity tasks (a worker takes them) are left out.
 */
export function pendingTasks(ctx: TransitionContext): TaskDispatch[] {
  const calls: TaskDispatch[] = [];
  for (const id in ctx.state.frames) {
    const frame = ctx.state.frames[id]!;
    const w = frame.waiting;
    if (frame.status !== "waiting" || w?.kind !== "task" || w.handedOut) continue;
    const state = planOf(ctx, frame).states.get(frame.state) as TaskPlan;
    if (describeResource(state.resource).events === "Activity") continue;
    const scope = scopeOf(ctx, frame, state, w.token === undefined ? undefined : { Task: { Token: w.token } });
    calls.push({
      executionArn: ctx.names.executionArn, taskId: w.taskId, resource: state.resource, stateName: state.name, input: w.input, context: scope.context,
      retryCount: frame.retryCount, timeoutSeconds: w.timeoutSeconds, heartbeatSeconds: w.heartbeatSeconds, taskToken: w.token,
    });
  }
  return calls;
}
