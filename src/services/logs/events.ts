/** @module GetLogEvents (one stream, forward and backward tokens) and FilterLogEvents (a group, interleaved, with a filter pattern). */
import { logEventCursor, type LogEventRecord, type LogEventsQuery } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { LogsContext } from "./context.js";
import { groupNotFound, invalidParameter, streamNotFound } from "./errors.js";
import { compileFilterPattern } from "./filter-pattern.js";
import { checkStreamName, groupNameOf, optionalInteger, optionalString, type Input } from "./input.js";
import { decodeToken, encodeToken, fetchPage, pageOptions } from "./tokens.js";

const MAX_EVENTS = 10_000;
/** FilterLogEvents reads at most this many events per call; with fewer matches it returns a nextToken to go on. */
const SCAN_BUDGET = 10_000;
const SCAN_PAGE = 1000;

const timeRange = (input: Input) => {
  const startTime = optionalInteger(input, "startTime", 0, Number.MAX_SAFE_INTEGER);
  const endTime = optionalInteger(input, "endTime", 0, Number.MAX_SAFE_INTEGER);
  return { ...(startTime !== undefined ? { startTime } : {}), ...(endTime !== undefined ? { endTime } : {}) };
};

export function eventOperations(ctx: LogsContext): Record<string, Operation> {
  return {
    /**
     * Tokens are `f/…` (forward) and `b/…` (backward). At the end of the stream the same forward token
     * comes back, which is how clients know to stop.
     */
    async GetLogEvents(input) {
      const group = groupNameOf(input);
      const streamValue = optionalString(input, "logStreamName");
      if (streamValue === undefined) throw invalidParameter("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
      const stream = checkStreamName(streamValue);
      const limit = optionalInteger(input, "limit", 1, MAX_EVENTS) ?? MAX_EVENTS;
      const startFromHead = input.startFromHead === true;
      const token = optionalString(input, "nextToken", 4096);
      await ctx.flush();
      if (!(await ctx.store.logs.getLogStream(group, stream))) throw (await ctx.store.logs.getLogGroup(group)) ? streamNotFound() : groupNotFound();
      const scope = `events:${group}:${stream}`;
      let forward = startFromHead;
      let cursor = "";
      if (token !== undefined) {
        if (!/^[fb]\//.test(token)) throw invalidParameter("The specified nextToken is invalid.");
        forward = token.startsWith("f/");
        cursor = token.length > 2 ? decodeToken(scope, token.slice(2)) : "";
      }
      const query: LogEventsQuery = { groupName: group, streamNames: [stream], ...timeRange(input) };
      const page = await fetchPage((o) => ctx.store.logs.listLogEvents(query, { ...o, reverse: !forward }), pageOptions(limit, cursor || undefined));
      const events = forward ? [...page.items] : [...page.items].reverse();
      const tokenOf = (direction: "f" | "b", at: LogEventRecord | undefined, fallback: string) =>
        `${direction}/${at ? encodeToken(scope, logEventCursor(at)) : fallback ? encodeToken(scope, fallback) : ""}`;
      const first = events[0];
      const last = events[events.length - 1];
      return {
        events: events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: forward && !last && token !== undefined ? token : tokenOf("f", last, cursor),
        nextBackwardToken: !forward && !first && token !== undefined ? token : tokenOf("b", first, cursor),
      };
    },

    async FilterLogEvents(input) {
      const group = groupNameOf(input);
      const names = input.logStreamNames;
      const prefix = optionalString(input, "logStreamNamePrefix");
      if (names !== undefined && !(Array.isArray(names) && names.length >= 1 && names.length <= 100 && names.every((n) => typeof n === "string"))) {
        throw invalidParameter("1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length between 1 and 100");
      }
      if (names !== undefined && prefix !== undefined) throw invalidParameter("You cannot specify both LogStreamNames and LogStreamNamePrefix.");
      const limit = optionalInteger(input, "limit", 1, MAX_EVENTS) ?? MAX_EVENTS;
      const filter = compileFilterPattern(optionalString(input, "filterPattern", 1024));
      const token = optionalString(input, "nextToken", 4096);
      await ctx.flush();
      if (!(await ctx.store.logs.getLogGroup(group))) throw groupNotFound();
      const query: LogEventsQuery = {
        groupName: group, ...(names ? { streamNames: names as string[] } : {}), ...(prefix ? { streamNamePrefix: prefix } : {}), ...timeRange(input),
      };
      const scope = `filter:${JSON.stringify(query)}`;
      let after = token === undefined ? undefined : decodeToken(scope, token);
      const matched: LogEventRecord[] = [];
      let scanned = 0;
      let next: string | undefined;
      for (;;) {
        const page = await fetchPage((o) => ctx.store.logs.listLogEvents(query, o), pageOptions(SCAN_PAGE, after));
        let stoppedAt: LogEventRecord | undefined;
        for (const e of page.items) {
          if (matched.length >= limit) {
            stoppedAt = e;
            break;
          }
          scanned++;
          if (filter(e.message)) matched.push(e);
        }
        if (stoppedAt) {
          next = logEventCursor(matched[matched.length - 1]!);
          break;
        }
        after = page.next;
        if (after === undefined) break;
        if (scanned >= SCAN_BUDGET || matched.length >= limit) {
          next = after;
          break;
        }
      }
      return {
        events: matched.map((e) => ({ logStreamName: e.streamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.id })),
        searchedLogStreams: [],
        ...(next ? { nextToken: encodeToken(scope, next) } : {}),
      };
    },
  };
}
