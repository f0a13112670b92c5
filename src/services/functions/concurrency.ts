/** @module PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency, GetAccountSettings. */
import type { Operation } from "../operations.js";
import type { FunctionsContext } from "./context.js";
import { invalidParameter, validationError } from "./errors.js";
import { optionalInteger, requireString } from "./input.js";

/** The account's concurrency (AWS's default quota), and what must stay unreserved. */
export const ACCOUNT_CONCURRENCY = 1000;
export const MIN_UNRESERVED = 100;

export function concurrencyOperations(ctx: FunctionsContext): Record<string, Operation> {
  async function functionOf(input: Record<string, unknown>, call: Parameters<Operation>[1]) {
    const ref = ctx.ref(call, requireString(input, "FunctionName"));
    if (ref.qualifier !== undefined) throw invalidParameter("Concurrency is set on the unqualified function.");
    return ctx.requireFunction(ref);
  }

  return {
    async PutFunctionConcurrency(input, call) {
      const reserved = optionalInteger(input, "ReservedConcurrentExecutions", 0);
      if (reserved === undefined) throw validationError("reservedConcurrentExecutions", undefined, "Member must not be null");
      const fn = await functionOf(input, call);
      const totals = await ctx.store.functions.functionTotals();
      const others = totals.reservedConcurrency - (fn.reservedConcurrency ?? 0);
      if (ACCOUNT_CONCURRENCY - others - reserved < MIN_UNRESERVED) {
        throw invalidParameter(`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`);
      }
      await ctx.store.functions.setFunctionConcurrency(fn.arn, reserved);
      return { ReservedConcurrentExecutions: reserved };
    },

    async GetFunctionConcurrency(input, call) {
      const fn = await functionOf(input, call);
      return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
    },

    async DeleteFunctionConcurrency(input, call) {
      const fn = await functionOf(input, call);
      await ctx.store.functions.setFunctionConcurrency(fn.arn, undefined);
      return {};
    },

    async GetAccountSettings() {
      const totals = await ctx.store.functions.functionTotals();
      return {
        AccountLimit: {
          TotalCodeSize: 80_530_636_800, CodeSizeUnzipped: 262_144_000, CodeSizeZipped: 52_428_800,
          ConcurrentExecutions: ACCOUNT_CONCURRENCY, UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - totals.reservedConcurrency,
        },
        AccountUsage: { TotalCodeSize: totals.totalCodeSize, FunctionCount: totals.functionCount },
      };
    },
  };
}
