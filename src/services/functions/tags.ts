/** @module TagResource, UntagResource, ListTags: tags of functions (by unqualified ARN). */
import type { TagRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { FunctionsContext } from "./context.js";
import { invalidParameter, validationError } from "./errors.js";
import { optionalList, optionalStringMap, requireString, type Input } from "./input.js";

const MAX_TAGS = 50;

/** Tags as a map member (CreateFunction's Tags, TagResource's Tags), checked against AWS's limits. */
export function readTags(input: Input, member: string, resourceArn: string): TagRecord[] {
  const tags = optionalStringMap(input, member) ?? {};
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw invalidParameter("Number of tags exceeds resource tag limit.");
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128) throw validationError("tags", key, "Map keys must satisfy constraint: [Member must have length less than or equal to 128]");
    if (value.length > 256) throw validationError("tags", value, "Map value must satisfy constraint: [Member must have length less than or equal to 256]");
  }
  return entries.map(([key, value]) => ({ resourceArn, key, value }));
}

export function tagOperations(ctx: FunctionsContext): Record<string, Operation> {
  /** The function a Resource ARN names: unqualified function ARNs only. */
  async function requireTaggable(input: Input, call: Parameters<Operation>[1]): Promise<string> {
    const resource = requireString(input, "Resource");
    if (!resource.startsWith("arn:")) {
      throw validationError("resource", resource, "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:.*)");
    }
    const ref = ctx.ref(call, resource);
    if (ref.qualifier !== undefined) throw invalidParameter("Tags are not supported on function versions or aliases: tag the unqualified function ARN.");
    return (await ctx.requireFunction(ref)).arn;
  }

  return {
    async TagResource(input, call) {
      const arn = await requireTaggable(input, call);
      const tags = readTags(input, "Tags", arn);
      const keys = new Set((await ctx.store.listTags(arn)).map((t) => t.key));
      for (const t of tags) keys.add(t.key);
      if (keys.size > MAX_TAGS) throw invalidParameter("Number of tags exceeds resource tag limit.");
      await ctx.store.putTags(tags);
      return {};
    },

    async UntagResource(input, call) {
      const arn = await requireTaggable(input, call);
      const keys = optionalList(input, "TagKeys");
      if (!keys) throw validationError("tagKeys", undefined, "Member must not be null");
      if (keys.some((k) => typeof k !== "string")) throw validationError("tagKeys", keys, "Member must be a list of strings");
      await ctx.store.removeTags(arn, keys as string[]);
      return {};
    },

    async ListTags(input, call) {
      const arn = await requireTaggable(input, call);
      return { Tags: Object.fromEntries((await ctx.store.listTags(arn)).map((t) => [t.key, t.value])) };
    },
  };
}
