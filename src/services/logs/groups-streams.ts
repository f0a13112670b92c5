/** @module CreateLogGroup, DeleteLogGroup, DescribeLogGroups, CreateLogStream, DeleteLogStream, DescribeLogStreams, PutLogEvents. */
import { AlreadyExists, type LogGroupRecord, type LogStreamRecord } from "../../store/index.js";
import type { CallContext, Operation } from "../operations.js";
import type { LogsContext } from "./context.js";
import { constraintError, groupExists, groupNotFound, invalidParameter, streamExists, streamNotFound } from "./errors.js";
import { checkGroupName, checkStreamName, groupNameOf, optionalBoolean, optionalInteger, optionalString, type Input } from "./input.js";
import { decodeToken, encodeToken, fetchPage, pageOptions } from "./tokens.js";

/** Events of one PutLogEvents call: at most 10,000, in chronological order. */
const MAX_PUT_EVENTS = 10_000;

export function groupStreamOperations(ctx: LogsContext): Record<string, Operation> {
  const showGroup = (call: CallContext, g: LogGroupRecord) => ({
    logGroupName: g.name, creationTime: g.creationTime, metricFilterCount: 0, arn: `${ctx.groupArn(call, g.name)}:*`,
    logGroupArn: ctx.groupArn(call, g.name), storedBytes: g.storedBytes, logGroupClass: "STANDARD",
  });
  const showStream = (call: CallContext, s: LogStreamRecord) => ({
    logStreamName: s.name, creationTime: s.creationTime, firstEventTimestamp: s.firstEventTimestamp, lastEventTimestamp: s.lastEventTimestamp,
    lastIngestionTime: s.lastIngestionTime, arn: `${ctx.groupArn(call, s.groupName)}:log-stream:${s.name}`, storedBytes: 0,
  });

  return {
    async CreateLogGroup(input) {
      const name = checkGroupName(requireMember(input, "logGroupName"));
      try {
        await ctx.store.logs.createLogGroup(name, ctx.clock.now());
      } catch (e) {
        if (e instanceof AlreadyExists) throw groupExists();
        throw e;
      }
      return {};
    },

    async DeleteLogGroup(input) {
      const name = checkGroupName(requireMember(input, "logGroupName"));
      if (!(await ctx.store.logs.deleteLogGroup(name))) throw groupNotFound();
      return {};
    },

    async DescribeLogGroups(input, call) {
      const prefix = optionalString(input, "logGroupNamePrefix");
      const pattern = optionalString(input, "logGroupNamePattern");
      if (prefix !== undefined && pattern !== undefined) throw invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
      const limit = optionalInteger(input, "limit", 1, 50) ?? 50;
      const token = optionalString(input, "nextToken", 4096);
      const scope = `groups:${prefix ?? ""}:${pattern ?? ""}`;
      const needle = pattern?.toLowerCase();
      const groups: LogGroupRecord[] = [];
      let after = token ? decodeToken(scope, token) : undefined;
      // A pattern (a case-insensitive substring) filters pages of the listing by name.
      for (;;) {
        const page = await fetchPage((o) => ctx.store.logs.listLogGroups(prefix, o), pageOptions(limit - groups.length, after));
        groups.push(...page.items.filter((g) => needle === undefined || g.name.toLowerCase().includes(needle)));
        after = page.next;
        if (after === undefined || groups.length >= limit) break;
      }
      return { logGroups: groups.map((g) => showGroup(call, g)), ...(after ? { nextToken: encodeToken(scope, after) } : {}) };
    },

    async CreateLogStream(input) {
      const group = checkGroupName(requireMember(input, "logGroupName"));
      const name = checkStreamName(requireMember(input, "logStreamName"));
      try {
        if (!(await ctx.store.logs.createLogStream(group, name, ctx.clock.now()))) throw groupNotFound();
      } catch (e) {
        if (e instanceof AlreadyExists) throw streamExists();
        throw e;
      }
      return {};
    },

    async DeleteLogStream(input) {
      const group = checkGroupName(requireMember(input, "logGroupName"));
      const name = checkStreamName(requireMember(input, "logStreamName"));
      if (!(await ctx.store.logs.deleteLogStream(group, name))) {
        throw (await ctx.store.logs.getLogGroup(group)) ? streamNotFound() : groupNotFound();
      }
      return {};
    },

    async DescribeLogStreams(input, call) {
      const group = groupNameOf(input);
      const prefix = optionalString(input, "logStreamNamePrefix");
      const orderBy = optionalString(input, "orderBy") ?? "LogStreamName";
      if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
        throw constraintError("orderBy", orderBy, "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
      }
      if (prefix !== undefined && orderBy === "LastEventTime") throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
      const descending = optionalBoolean(input, "descending") ?? false;
      const limit = optionalInteger(input, "limit", 1, 50) ?? 50;
      const token = optionalString(input, "nextToken", 4096);
      await ctx.flush();
      if (!(await ctx.store.logs.getLogGroup(group))) throw groupNotFound();
      const scope = `streams:${group}:${orderBy}:${descending}:${prefix ?? ""}`;
      const page = await fetchPage((o) => ctx.store.logs.listLogStreams({ groupName: group, orderBy, descending, ...(prefix ? { prefix } : {}) }, o),
        pageOptions(limit, token ? decodeToken(scope, token) : undefined));
      return { logStreams: page.items.map((s) => showStream(call, s)), ...(page.next ? { nextToken: encodeToken(scope, page.next) } : {}) };
    },

    async PutLogEvents(input) {
      const group = checkGroupName(requireMember(input, "logGroupName"));
      const stream = checkStreamName(requireMember(input, "logStreamName"));
      const events = input.logEvents;
      if (!Array.isArray(events) || events.length < 1) throw constraintError("logEvents", events, "Member must have length greater than or equal to 1");
      if (events.length > MAX_PUT_EVENTS) throw constraintError("logEvents", undefined, `Member must have length less than or equal to ${MAX_PUT_EVENTS}`);
      const checked = events.map((e, i) => {
        const ev = e as Input;
        if (typeof ev?.timestamp !== "number" || typeof ev.message !== "string" || ev.message === "") {
          throw constraintError(`logEvents.${i + 1}.member`, undefined, "Member must have a timestamp and a non-empty message");
        }
        return { timestamp: ev.timestamp, message: ev.message };
      });
      for (let i = 1; i < checked.length; i++) {
        if (checked[i]!.timestamp < checked[i - 1]!.timestamp) throw invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
      }
      if (!(await ctx.store.logs.getLogStream(group, stream))) throw (await ctx.store.logs.getLogGroup(group)) ? streamNotFound() : groupNotFound();
      await ctx.store.logs.appendLogEvents([{ groupName: group, streamName: stream, events: checked }], ctx.clock.now());
      return {};
    },
  };
}

function requireMember(input: Input, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) throw constraintError(member, undefined, "Member must not be null");
  return value;
}
