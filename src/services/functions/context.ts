/** @module What the Lambda operations share: dependencies, the caller's ARN scope, the code cache, lookups. */
import type { FunctionAliasRecord, FunctionRecord, FunctionVersionRecord, Store } from "../../store/index.js";
import type { Clock } from "../../shared/clock.js";
import type { Random } from "../../asl/index.js";
import type { FunctionRuntime } from "../../runtime/index.js";
import type { CallContext } from "../operations.js";
import { parseFunctionName, scopeOf, type ArnScope, type FunctionRef } from "./arns.js";
import { createCodeCache, type CodeCache } from "./code-cache.js";
import type { FunctionsServiceDeps } from "./deps.js";
import { aliasNotFound, functionNotFound } from "./errors.js";

export interface FunctionsContext {
  readonly store: Store;
  readonly runtime: FunctionRuntime;
  readonly clock: Clock;
  readonly random: Random;
  readonly code: CodeCache;
  scopeOf(call: CallContext): ArnScope;
  /** Parses FunctionName in the caller's scope. */
  ref(call: CallContext, functionName: string): FunctionRef & { foreignArn?: string };
  /** The function named (unqualified lookup), or ResourceNotFoundException. */
  /** The function, or ResourceNotFoundException naming its ARN (with `qualifier` appended, as Invoke reports it). */
  requireFunction(ref: FunctionRef & { foreignArn?: string }, qualifier?: string): Promise<FunctionRecord>;
  /** Wakes the async invocation queue (a new Event invocation). */
  wake(): void;
  onError(message: string, error: unknown): void;
}

/** A qualified target: `$LATEST`, a version or an alias, with what it runs. */
export interface ResolvedTarget {
  readonly fn: FunctionRecord;
  readonly version: FunctionVersionRecord | undefined;
  readonly alias: FunctionAliasRecord | undefined;
}

export function createContext(deps: FunctionsServiceDeps, wake: () => void): FunctionsContext {
  const defaults: ArnScope = { partition: deps.partition ?? "aws", region: deps.region, accountId: deps.accountId };
  const ctx: FunctionsContext = {
    store: deps.store,
    runtime: deps.runtime,
    clock: deps.clock,
    random: deps.random,
    code: createCodeCache(deps.store, deps.codeDir),
    scopeOf: (call) => scopeOf(defaults, call),
    ref: (call, functionName) => parseFunctionName(scopeOf(defaults, call), functionName),
    async requireFunction(ref, qualifier) {
      const fn = ref.foreignArn === undefined ? await deps.store.functions.getFunction(ref.arn) : undefined;
      if (!fn) throw functionNotFound(`${ref.foreignArn ?? ref.arn}${qualifier === undefined ? "" : `:${qualifier}`}`);
      return fn;
    },
    wake,
    onError: deps.onError ?? (() => undefined),
  };
  return ctx;
}

/**
 * Resolves a qualifier: undefined or "$LATEST" → the function; digits → that version; otherwise an
 * alias. Missing versions and aliases are ResourceNotFoundException with the qualified ARN.
 */
export async function resolveQualifier(ctx: FunctionsContext, fn: FunctionRecord, qualifier: string | undefined): Promise<ResolvedTarget> {
  if (qualifier === undefined || qualifier === "$LATEST") return { fn, version: undefined, alias: undefined };
  if (/^\d+$/.test(qualifier)) {
    const version = await ctx.store.functions.getFunctionVersion(`${fn.arn}:${qualifier}`);
    if (!version) throw functionNotFound(`${fn.arn}:${qualifier}`);
    return { fn, version, alias: undefined };
  }
  const alias = await ctx.store.functions.getFunctionAlias(`${fn.arn}:${qualifier}`);
  if (!alias) throw functionNotFound(`${fn.arn}:${qualifier}`);
  return { fn, version: undefined, alias };
}

/** The alias itself, or ResourceNotFoundException "Alias not found". */
export async function requireAlias(ctx: FunctionsContext, fn: FunctionRecord, name: string): Promise<FunctionAliasRecord> {
  const alias = await ctx.store.functions.getFunctionAlias(`${fn.arn}:${name}`);
  if (!alias) throw aliasNotFound(`${fn.arn}:${name}`);
  return alias;
}
