/** @module CreateAlias, GetAlias, UpdateAlias, ListAliases, DeleteAlias (weighted routing between two versions). */
import type { FunctionAliasRecord, FunctionRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import { checkAliasName, checkVersion } from "./arns.js";
import { requireAlias, type FunctionsContext } from "./context.js";
import { conflict, functionNotFound, invalidParameter, preconditionFailed, validationError } from "./errors.js";
import { optionalObject, optionalString, requireString, type Input } from "./input.js";
import { markerPage, renderAlias } from "./views.js";

/** The version must exist ($LATEST always does). */
async function requireVersion(ctx: FunctionsContext, fn: FunctionRecord, version: string): Promise<void> {
  if (version === "$LATEST") return;
  if (!(await ctx.store.functions.getFunctionVersion(`${fn.arn}:${version}`))) throw functionNotFound(`${fn.arn}:${version}`);
}

/** RoutingConfig.AdditionalVersionWeights: one other published version with a weight in [0, 1]. */
async function readRouting(ctx: FunctionsContext, fn: FunctionRecord, input: Input, primary: string): Promise<string | undefined> {
  const routing = optionalObject(input, "RoutingConfig");
  if (routing === undefined) return undefined;
  const weights = optionalObject(routing, "AdditionalVersionWeights") ?? {};
  const entries = Object.entries(weights);
  if (entries.length === 0) return undefined;
  if (entries.length > 1) throw invalidParameter("Number of additional version weights cannot be greater than 1.");
  const [version, weight] = entries[0]!;
  checkVersion(version, "routingConfig.additionalVersionWeights");
  if (typeof weight !== "number" || weight < 0 || weight > 1) {
    throw validationError("routingConfig.additionalVersionWeights", weight, "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]");
  }
  if (primary === "$LATEST" || version === "$LATEST") throw invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
  if (version === primary) throw invalidParameter(`Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
  await requireVersion(ctx, fn, version);
  return JSON.stringify({ [version]: weight });
}

export function aliasOperations(ctx: FunctionsContext): Record<string, Operation> {
  async function functionOf(input: Input, call: Parameters<Operation>[1]): Promise<FunctionRecord> {
    const ref = ctx.ref(call, requireString(input, "FunctionName"));
    if (ref.qualifier !== undefined) throw invalidParameter("Aliases take an unqualified function name.");
    return ctx.requireFunction(ref);
  }

  return {
    async CreateAlias(input, call) {
      const name = checkAliasName(requireString(input, "Name", { min: 1 }));
      const version = checkVersion(requireString(input, "FunctionVersion"));
      const description = optionalString(input, "Description", { max: 256 });
      const fn = await functionOf(input, call);
      await requireVersion(ctx, fn, version);
      const routing = await readRouting(ctx, fn, input, version);
      const arn = `${fn.arn}:${name}`;
      if (await ctx.store.functions.getFunctionAlias(arn)) throw conflict(`Alias already exists: ${arn}`);
      const now = ctx.clock.now();
      const alias: FunctionAliasRecord = {
        arn, functionArn: fn.arn, name, functionVersion: version, description, routingConfiguration: routing, revisionId: ctx.random.uuid(),
        creationDate: now, updateDate: now,
      };
      await ctx.store.functions.putFunctionAlias(alias);
      return renderAlias(alias);
    },

    async GetAlias(input, call) {
      const name = checkAliasName(requireString(input, "Name"));
      return renderAlias(await requireAlias(ctx, await functionOf(input, call), name));
    },

    async UpdateAlias(input, call) {
      const name = checkAliasName(requireString(input, "Name"));
      const version = optionalString(input, "FunctionVersion");
      if (version !== undefined) checkVersion(version);
      const description = optionalString(input, "Description", { max: 256 });
      const revisionId = optionalString(input, "RevisionId");
      const fn = await functionOf(input, call);
      const alias = await requireAlias(ctx, fn, name);
      if (revisionId !== undefined && revisionId !== alias.revisionId) throw preconditionFailed("GetAlias");
      const primary = version ?? alias.functionVersion;
      if (version !== undefined) await requireVersion(ctx, fn, version);
      // A new primary version must still fit the routing it keeps.
      const routing = input.RoutingConfig === undefined ? alias.routingConfiguration : await readRouting(ctx, fn, input, primary);
      if (input.RoutingConfig === undefined && routing !== undefined) {
        await readRouting(ctx, fn, { RoutingConfig: { AdditionalVersionWeights: JSON.parse(routing) as unknown } }, primary);
      }
      const updated: FunctionAliasRecord = {
        ...alias, functionVersion: primary, description: description ?? alias.description, routingConfiguration: routing,
        revisionId: ctx.random.uuid(), updateDate: ctx.clock.now(),
      };
      await ctx.store.functions.putFunctionAlias(updated);
      return renderAlias(updated);
    },

    async ListAliases(input, call) {
      const fn = await functionOf(input, call);
      const version = optionalString(input, "FunctionVersion");
      const page = await markerPage(input, `ListAliases:${fn.arn}`, (options) => ctx.store.functions.listFunctionAliases(fn.arn, options));
      const aliases = page.items.filter((a) => version === undefined || a.functionVersion === version).map(renderAlias);
      return { Aliases: aliases, ...(page.next ? { NextMarker: page.next } : {}) };
    },

    async DeleteAlias(input, call) {
      const name = checkAliasName(requireString(input, "Name"));
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      // AWS answers 204 whether or not the alias (or its function) exists.
      if (ref.foreignArn === undefined) await ctx.store.functions.deleteFunctionAlias(`${ref.arn}:${name}`);
      return {};
    },
  };
}
