/** @module GetExecutionHistory: the store's events as AWS's HistoryEvent shapes. */
import type { EventRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { requireExecution } from "./executions.js";
import { compact, optionalBoolean, requireString, toSeconds } from "./input.js";
import { listPage } from "./page-token.js";

export function historyOperations(ctx: StatesContext): Record<string, Operation> {
  return {
    async GetExecutionHistory(input) {
      const arn = requireString(input, "executionArn");
      const reverse = optionalBoolean(input, "reverseOrder") ?? false;
      const includeData = optionalBoolean(input, "includeExecutionData") ?? true;
      await requireExecution(ctx, arn);
      const page = await listPage(input, `GetExecutionHistory|${arn}|${reverse}`, (o) => ctx.store.listEvents(arn, { ...o, reverse }));
      return compact({ events: page.items.map((e) => toHistoryEvent(e, includeData)), nextToken: page.nextToken });
    },
  };
}

/** `{timestamp (seconds), type, id, previousEventId, <details>}`; without execution data, inputs and outputs are left out. */
export function toHistoryEvent(event: EventRecord, includeData: boolean): Record<string, unknown> {
  const details = JSON.parse(event.details) as Record<string, unknown>;
  if (!includeData) {
    for (const value of Object.values(details)) {
      if (value && typeof value === "object") {
        delete (value as Record<string, unknown>).input;
        delete (value as Record<string, unknown>).output;
      }
    }
  }
  return { timestamp: toSeconds(event.timestamp), type: event.type, id: event.id, previousEventId: event.previousEventId, ...details };
}
