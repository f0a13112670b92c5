/** @module CreateFunction, GetFunction, GetFunctionConfiguration, UpdateFunctionCode, UpdateFunctionConfiguration, ListFunctions, DeleteFunction. */
import { AlreadyExists, type FunctionRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import { checkNewName, qualifierOf } from "./arns.js";
import { decodeZipFile, type DecodedZip } from "./code.js";
import { DEFAULT_CONFIG, parseConfig, readArchitectures, readConfig, type FunctionConfig } from "./configuration.js";
import { requireAlias, resolveQualifier, type FunctionsContext, type ResolvedTarget } from "./context.js";
import { conflict, invalidParameter, preconditionFailed, validationError } from "./errors.js";
import { optionalBoolean, optionalEnum, optionalObject, optionalString, requireString, type Input } from "./input.js";
import { readTags } from "./tags.js";
import { publishVersion } from "./versions.js";
import { markerPage, renderLatest, renderVersion } from "./views.js";

/** Where GetFunction's Code.Location points (the API serves the package there, under the request's own host). */
export const codeLocationOf = (sha256: string): string => `/_stepwise/lambda/code/${sha256}.zip`;

const noContainers = () =>
  invalidParameter("Stepwise cannot run container image functions (PackageType Image): no container runtime is available. Use PackageType Zip with Code.ZipFile.");

/** The code of CreateFunction's Code or UpdateFunctionCode's members: a ZipFile, nothing else. */
function readZip(code: Input, operation: "CreateFunction" | "UpdateFunctionCode"): DecodedZip {
  if (code.ImageUri !== undefined && code.ImageUri !== null) throw noContainers();
  if (code.S3Bucket !== undefined || code.S3Key !== undefined) throw invalidParameter("Stepwise has no S3: give the deployment package as ZipFile.");
  const zipFile = optionalString(code, "ZipFile");
  if (zipFile === undefined) throw invalidParameter("Please provide a source for function code.");
  return decodeZipFile(zipFile, operation);
}

function checkRevision(given: string | undefined, current: string): void {
  if (given !== undefined && given !== current) throw preconditionFailed("GetFunction");
}

export function functionOperations(ctx: FunctionsContext): Record<string, Operation> {
  /** Stores a new `$LATEST`, or fails with PreconditionFailed when someone else updated it meanwhile. */
  async function replace(fn: FunctionRecord, next: FunctionRecord, zip?: DecodedZip): Promise<void> {
    const ok = await ctx.store.functions.updateFunction(next, fn.revisionId, zip && { sha256: zip.sha256, zip: zip.zip });
    if (!ok) throw preconditionFailed("GetFunction");
    await ctx.runtime.evict(fn.arn, "$LATEST");
  }

  return {
    async CreateFunction(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName", { min: 1, max: 140 }));
      checkNewName(ref, input.FunctionName as string);
      requireString(input, "Role");
      const packageType = optionalEnum(input, "PackageType", ["Zip", "Image"]);
      const code = optionalObject(input, "Code");
      if (packageType === "Image") throw noContainers();
      if (code === undefined) throw validationError("code", undefined, "Member must not be null");
      const config = readConfig(input, DEFAULT_CONFIG);
      if (config.Runtime === undefined || config.Handler === undefined) {
        throw invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
      }
      const architectures = readArchitectures(input);
      const tags = readTags(input, "Tags", ref.arn);
      const publish = optionalBoolean(input, "Publish") ?? false;
      const zip = readZip(code, "CreateFunction");
      if (ref.foreignArn !== undefined) throw invalidParameter(`Functions can only be created in this account and region: ${ref.foreignArn}`);
      if (await ctx.store.functions.getFunction(ref.arn)) throw conflict(`Function already exist: ${ref.name}`);
      await ctx.code.folder(zip.sha256, zip.zip);
      const now = ctx.clock.now();
      const full: FunctionConfig = { ...(config as FunctionConfig), ...(architectures ? { Architectures: architectures } : {}) };
      const fn: FunctionRecord = {
        arn: ref.arn, name: ref.name, configuration: JSON.stringify(full), codeSha256: zip.sha256, codeSize: zip.zip.byteLength,
        revisionId: ctx.random.uuid(), reservedConcurrency: undefined, creationDate: now, lastModified: now,
      };
      try {
        await ctx.store.functions.createFunction(fn, { sha256: zip.sha256, zip: zip.zip });
      } catch (e) {
        if (e instanceof AlreadyExists) throw conflict(`Function already exist: ${ref.name}`);
        throw e;
      }
      if (tags.length > 0) await ctx.store.putTags(tags);
      if (publish) return renderVersion(fn, await publishVersion(ctx, fn, undefined));
      return renderLatest(fn);
    },

    async GetFunction(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      const fn = await ctx.requireFunction(ref);
      const target = await resolveQualifier(ctx, fn, qualifierOf(ref, optionalString(input, "Qualifier")));
      const { configuration, sha256 } = await configurationOf(ctx, target);
      const tags = await ctx.store.listTags(fn.arn);
      return {
        Configuration: configuration,
        Code: { RepositoryType: "S3", Location: codeLocationOf(sha256) },
        ...(tags.length > 0 ? { Tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) } : {}),
        ...(fn.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } } : {}),
      };
    },

    async GetFunctionConfiguration(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      const fn = await ctx.requireFunction(ref);
      return (await configurationOf(ctx, await resolveQualifier(ctx, fn, qualifierOf(ref, optionalString(input, "Qualifier"))))).configuration;
    },

    async UpdateFunctionCode(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      if (ref.qualifier !== undefined) throw invalidParameter("UpdateFunctionCode does not take a qualified function name.");
      const architectures = readArchitectures(input);
      const zip = readZip(input, "UpdateFunctionCode");
      const publish = optionalBoolean(input, "Publish") ?? false;
      const dryRun = optionalBoolean(input, "DryRun") ?? false;
      const fn = await ctx.requireFunction(ref);
      checkRevision(optionalString(input, "RevisionId"), fn.revisionId);
      await ctx.code.folder(zip.sha256, zip.zip);
      const config = parseConfig(fn.configuration);
      const next: FunctionRecord = {
        ...fn, codeSha256: zip.sha256, codeSize: zip.zip.byteLength, revisionId: ctx.random.uuid(), lastModified: ctx.clock.now(),
        configuration: JSON.stringify(architectures ? { ...config, Architectures: architectures } : config),
      };
      if (dryRun) return renderLatest(next);
      await replace(fn, next, zip);
      if (publish) return renderVersion(next, await publishVersion(ctx, next, undefined));
      return renderLatest(next);
    },

    async UpdateFunctionConfiguration(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      if (ref.qualifier !== undefined) throw invalidParameter("UpdateFunctionConfiguration does not take a qualified function name.");
      const fn = await ctx.requireFunction(ref);
      const config = readConfig(input, parseConfig(fn.configuration)) as FunctionConfig;
      checkRevision(optionalString(input, "RevisionId"), fn.revisionId);
      const next: FunctionRecord = { ...fn, configuration: JSON.stringify(config), revisionId: ctx.random.uuid(), lastModified: ctx.clock.now() };
      await replace(fn, next);
      return renderLatest(next);
    },

    async ListFunctions(input) {
      const all = optionalEnum(input, "FunctionVersion", ["ALL"]) === "ALL";
      const page = await markerPage(input, "ListFunctions", (options) => ctx.store.functions.listFunctions(options));
      const functions: Record<string, unknown>[] = [];
      for (const fn of page.items) {
        functions.push(renderLatest(fn));
        if (!all) continue;
        let after: string | undefined;
        do {
          const versions = await ctx.store.functions.listFunctionVersions(fn.arn, after === undefined ? { limit: 100 } : { limit: 100, after });
          for (const v of versions.items) functions.push(renderVersion(fn, v));
          after = versions.next;
        } while (after !== undefined);
      }
      return { Functions: functions, ...(page.next ? { NextMarker: page.next } : {}) };
    },

    async DeleteFunction(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      const fn = await ctx.requireFunction(ref);
      const qualifier = qualifierOf(ref, optionalString(input, "Qualifier"));
      if (qualifier === undefined) {
        await ctx.store.functions.deleteFunction(fn.arn);
        await ctx.runtime.evict(fn.arn);
        return {};
      }
      if (qualifier === "$LATEST") throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
      if (!/^\d+$/.test(qualifier)) {
        await requireAlias(ctx, fn, qualifier);
        throw invalidParameter("Deletion of aliases is not supported by DeleteFunction: use DeleteAlias.");
      }
      const target = await resolveQualifier(ctx, fn, qualifier);
      const users = await aliasesUsing(ctx, fn.arn, qualifier);
      if (users.length > 0) throw conflict(`Unable to delete version because the following aliases reference it: [${users.join(", ")}]`);
      await ctx.store.functions.deleteFunctionVersion(target.version!.arn);
      await ctx.runtime.evict(fn.arn, qualifier);
      return {};
    },
  };
}

/** The FunctionConfiguration of a target (an alias shows the version it points at, under the alias ARN), plus the package key. */
async function configurationOf(ctx: FunctionsContext, target: ResolvedTarget): Promise<{ configuration: Record<string, unknown>; sha256: string }> {
  const { fn, version, alias } = target;
  if (alias && alias.functionVersion !== "$LATEST") {
    const pointed = await ctx.store.functions.getFunctionVersion(`${fn.arn}:${alias.functionVersion}`);
    if (pointed) return { configuration: renderVersion(fn, pointed, alias.arn), sha256: pointed.codeSha256 };
  }
  if (alias) return { configuration: { ...renderLatest(fn), FunctionArn: alias.arn }, sha256: fn.codeSha256 };
  if (version) return { configuration: renderVersion(fn, version), sha256: version.codeSha256 };
  return { configuration: renderLatest(fn), sha256: fn.codeSha256 };
}

/** Names of the aliases of a function that route to `version`. */
export async function aliasesUsing(ctx: FunctionsContext, functionArn: string, version: string): Promise<string[]> {
  const names: string[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.functions.listFunctionAliases(functionArn, after === undefined ? { limit: 100 } : { limit: 100, after });
    for (const a of page.items) {
      const weights = a.routingConfiguration === undefined ? {} : (JSON.parse(a.routingConfiguration) as Record<string, number>);
      if (a.functionVersion === version || version in weights) names.push(a.name);
    }
    after = page.next;
  } while (after !== undefined);
  return names;
}
