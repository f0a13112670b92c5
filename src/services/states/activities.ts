/** @module CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask (long poll). */
import type { ActivityTaskRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { activityArnOf, parseActivityArn } from "./arns.js";
import { checkName } from "./names.js";
import { readTags } from "./configuration.js";
import { activityDoesNotExist } from "./errors.js";
import { compact, optionalString, requireString, toSeconds } from "./input.js";
import { listPage } from "./page-token.js";

/** AWS holds GetActivityTask open for up to 60 seconds, then answers with no task. */
export const ACTIVITY_POLL_MS = 60_000;

export function activityOperations(ctx: StatesContext): Record<string, Operation> {
  async function requireActivity(arn: string) {
    parseActivityArn(arn);
    const activity = await ctx.store.getActivity(arn);
    if (!activity) throw activityDoesNotExist(arn);
    return activity;
  }

  /** The oldest task whose execution still waits for it (tasks of stopped executions are dropped). */
  async function take(activityArn: string): Promise<ActivityTaskRecord | undefined> {
    for (;;) {
      const task = await ctx.store.takeActivityTask(activityArn);
      if (!task) return undefined;
      if (await ctx.store.getTaskToken(task.token)) return task;
    }
  }

  return {
    async CreateActivity(input, call) {
      const name = checkName(requireString(input, "name"));
      const arn = activityArnOf(ctx.scopeOf(call), name);
      const tags = readTags(input.tags, arn);
      // Idempotent by name: a second call returns the first activity and leaves its tags alone (AWS).
      const existing = await ctx.store.getActivity(arn);
      const activity = existing ?? (await ctx.store.createActivity({ arn, name, creationDate: ctx.clock.now() }));
      if (!existing && tags.length > 0) await ctx.store.putTags(tags);
      return { activityArn: activity.arn, creationDate: toSeconds(activity.creationDate) };
    },

    async DescribeActivity(input) {
      const activity = await requireActivity(requireString(input, "activityArn"));
      return { activityArn: activity.arn, name: activity.name, creationDate: toSeconds(activity.creationDate) };
    },

    async ListActivities(input) {
      const page = await listPage(input, "ListActivities", (o) => ctx.store.listActivities(o));
      return compact({
        activities: page.items.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: toSeconds(a.creationDate) })),
        nextToken: page.nextToken,
      });
    },

    async DeleteActivity(input) {
      const arn = requireString(input, "activityArn");
      parseActivityArn(arn);
      await ctx.store.deleteActivity(arn);
      return {};
    },

    async GetActivityTask(input, call) {
      const arn = requireString(input, "activityArn");
      const workerName = optionalString(input, "workerName", 80);
      await requireActivity(arn);
      const deadline = ctx.clock.now() + ACTIVITY_POLL_MS;
      const signal = call.signal;
      let wait = ctx.activityPollMs.min;
      for (;;) {
        // A caller that went away (or a server shutting down) gets no task: nobody would receive it.
        if (signal?.aborted) return {};
        const task = await take(arn);
        if (task) {
          await ctx.engine.activityStarted(task.token, workerName);
          return { taskToken: task.token, input: task.input };
        }
        const now = ctx.clock.now();
        if (now >= deadline) return {};
        await ctx.clock.sleepUntil(Math.min(deadline, now + wait), signal);
        wait = Math.min(ctx.activityPollMs.max, wait * 2);
      }
    },
  };
}
