/**
 * @module DescribeMapRun, ListMapRuns, UpdateMapRun: Distributed Map runs, derived from the store (the
 * parent's history and the child executions). https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
 */
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { parseMapRunArn } from "./arns.js";
import { ServiceError } from "../service-error.js";
import { invalidToken, resourceNotFound, validationError, validationReason } from "./errors.js";
import { compact, optionalInteger, optionalString, pageSizeOf, requireString, toSeconds, type Input } from "./input.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { requireExecution } from "./executions.js";
import { findMapRun, mapRunsOfExecution } from "./map-run-lookup.js";
import { mapRunLimits } from "./map-run-limits.js";
import { countExecutions, countItems } from "./map-run-counts.js";

const ARN_MAX = 2000;
/** AWS's Long / Integer ranges (the SDKs validate against these). */
const MAX_LONG = Number.MAX_SAFE_INTEGER;

export function mapRunOperations(ctx: StatesContext): Record<string, Operation> {
  return {
    async DescribeMapRun(input) {
      const arn = requireString(input, "mapRunArn", ARN_MAX);
      const view = await findMapRun(ctx, arn);
      if (!view) throw resourceNotFound(arn);
      const { run, parent, children } = view;
      const started = await mapRunLimits(ctx, parent, run);
      // A running Map Run works with the limits UpdateMapRun last set.
      const live = run.status === "RUNNING" ? await ctx.engine.mapRunLimits(parent.arn, arn) : undefined;
      const limits = live
        ? {
            ...started,
            maxConcurrency: live.maxConcurrency,
            toleratedFailureCount: live.toleratedFailureCount ?? started.toleratedFailureCount,
            toleratedFailurePercentage: live.toleratedFailurePercentage ?? started.toleratedFailurePercentage,
          }
        : started;
      const executionCounts = countExecutions(children, run.length);
      const itemCounts = await countItems(ctx.store, children, executionCounts, limits.batched, limits.itemTotal);
      return compact({
        mapRunArn: arn,
        executionArn: parent.arn,
        status: run.status,
        startDate: toSeconds(run.startDate),
        stopDate: run.stopDate === undefined ? undefined : toSeconds(run.stopDate),
        maxConcurrency: limits.maxConcurrency,
        toleratedFailurePercentage: limits.toleratedFailurePercentage,
        toleratedFailureCount: limits.toleratedFailureCount,
        itemCounts,
        executionCounts,
        // Redriving a Map Run on its own is not supported: a redriven execution runs its Map state again as a new run.
        redriveCount: 0,
      });
    },

    async ListMapRuns(input) {
      const executionArn = requireString(input, "executionArn");
      const limit = pageSizeOf(input);
      const token = optionalString(input, "nextToken", 1024);
      await requireExecution(ctx, executionArn);
      const scope = `ListMapRuns|${executionArn}`;
      const offset = token === undefined ? 0 : offsetOf(scope, token);
      // Newest first, as ListExecutions lists.
      const runs = (await mapRunsOfExecution(ctx.store, executionArn)).reverse();
      const page = runs.slice(offset, offset + limit);
      return compact({
        mapRuns: page.map((run) => compact({
          executionArn, mapRunArn: run.mapRunArn, stateMachineArn: parseMapRunArn(run.mapRunArn).childMachineArn,
          startDate: toSeconds(run.startDate), stopDate: run.stopDate === undefined ? undefined : toSeconds(run.stopDate),
        })),
        nextToken: offset + limit < runs.length ? encodePageToken(scope, String(offset + limit)) : undefined,
      });
    },

    /** New limits for a running Map Run: the engine applies them (more children start if the limit rose). */
    async UpdateMapRun(input) {
      const arn = requireString(input, "mapRunArn", ARN_MAX);
      const maxConcurrency = optionalInteger(input, "maxConcurrency", 0, MAX_LONG);
      const toleratedFailureCount = optionalInteger(input, "toleratedFailureCount", 0, MAX_LONG);
      const toleratedFailurePercentage = optionalPercentage(input, "toleratedFailurePercentage");
      const view = await findMapRun(ctx, arn);
      if (!view) throw resourceNotFound(arn);
      if (view.run.status !== "RUNNING") {
        throw validationReason("CANNOT_UPDATE_COMPLETED_MAP_RUN", `Map Run '${arn}' has already completed and cannot be updated`);
      }
      const update = {
        ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
        ...(toleratedFailureCount !== undefined ? { toleratedFailureCount } : {}),
        ...(toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage } : {}),
      };
      if (!(await ctx.engine.updateMapRun(view.parent.arn, arn, update))) {
        throw validationReason("CANNOT_UPDATE_COMPLETED_MAP_RUN", `Map Run '${arn}' has already completed and cannot be updated`);
      }
      return {};
    },
  };
}

function offsetOf(scope: string, token: string): number {
  const offset = Number(decodePageToken(scope, token));
  if (!Number.isInteger(offset) || offset < 0) throw invalidToken(token);
  return offset;
}

function optionalPercentage(input: Input, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ServiceError("SerializationException", `Unexpected value type for '${field}': expected a number`);
  }
  if (value < 0) throw validationError(field, String(value), "Member must have value greater than or equal to 0");
  if (value > 100) throw validationError(field, String(value), "Member must have value less than or equal to 100");
  return value;
}
