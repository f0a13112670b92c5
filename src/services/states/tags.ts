/** @module TagResource, UntagResource, ListTagsForResource (state machines and activities). */
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { parseActivityArn, parseStateMachineArn, resourceTypeOf } from "./arns.js";
import { invalidArn, resourceNotFound, validationError } from "./errors.js";
import { optionalList, requireString } from "./input.js";
import { MAX_TAGS_PER_RESOURCE, readTags, tooManyTags } from "./configuration.js";

export function tagOperations(ctx: StatesContext): Record<string, Operation> {
  async function requireResource(arn: string): Promise<void> {
    const type = resourceTypeOf(arn);
    if (type === "stateMachine") {
      if (parseStateMachineArn(arn).kind !== "machine" || !(await ctx.store.getStateMachine(arn))) throw resourceNotFound(arn);
    } else if (type === "activity") {
      parseActivityArn(arn);
      if (!(await ctx.store.getActivity(arn))) throw resourceNotFound(arn);
    } else {
      throw invalidArn(`Resource type not valid in this context: ${type}`);
    }
  }

  return {
    async TagResource(input) {
      const arn = requireString(input, "resourceArn");
      const tags = readTags(input.tags ?? [], arn);
      await requireResource(arn);
      const keys = new Set((await ctx.store.listTags(arn)).map((t) => t.key));
      for (const t of tags) keys.add(t.key);
      if (keys.size > MAX_TAGS_PER_RESOURCE) throw tooManyTags(arn);
      await ctx.store.putTags(tags);
      return {};
    },

    async UntagResource(input) {
      const arn = requireString(input, "resourceArn");
      const keys = optionalList(input, "tagKeys");
      if (!keys) throw validationError("tagKeys", undefined, "Member must not be null");
      if (keys.some((k) => typeof k !== "string")) throw validationError("tagKeys", keys, "Member must be a list of strings");
      await requireResource(arn);
      await ctx.store.removeTags(arn, keys as string[]);
      return {};
    },

    async ListTagsForResource(input) {
      const arn = requireString(input, "resourceArn");
      await requireResource(arn);
      return { tags: (await ctx.store.listTags(arn)).map((t) => ({ key: t.key, value: t.value })) };
    },
  };
}
