/** @module PublishVersion and ListVersionsByFunction. */
import type { FunctionRecord, FunctionVersionRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { FunctionsContext } from "./context.js";
import { functionNotFound, invalidParameter, preconditionFailed } from "./errors.js";
import { optionalString, requireString } from "./input.js";
import { markerPage, renderLatest, renderVersion } from "./views.js";

/**
 * Publishes `$LATEST` as the next version, unless it has not changed since the last version: then
 * that version is returned ("Lambda doesn't publish a version if the function's configuration and
 * code haven't changed since the last version", https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html).
 */
export async function publishVersion(ctx: FunctionsContext, fn: FunctionRecord, description: string | undefined): Promise<FunctionVersionRecord> {
  const last = await ctx.store.functions.lastFunctionVersion(fn.arn);
  if (last && last.codeSha256 === fn.codeSha256 && last.configuration === fn.configuration) return last;
  const published = await ctx.store.functions.publishFunctionVersion({
    functionArn: fn.arn, configuration: fn.configuration, codeSha256: fn.codeSha256, codeSize: fn.codeSize, revisionId: ctx.random.uuid(),
    description, creationDate: ctx.clock.now(),
  });
  if (!published) throw functionNotFound(fn.arn);
  return published;
}

export function versionOperations(ctx: FunctionsContext): Record<string, Operation> {
  return {
    async PublishVersion(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      if (ref.qualifier !== undefined) throw invalidParameter("PublishVersion does not take a qualified function name.");
      const description = optionalString(input, "Description", { max: 256 });
      const codeSha256 = optionalString(input, "CodeSha256");
      const revisionId = optionalString(input, "RevisionId");
      const fn = await ctx.requireFunction(ref);
      if (revisionId !== undefined && revisionId !== fn.revisionId) throw preconditionFailed("GetFunction");
      if (codeSha256 !== undefined && codeSha256 !== Buffer.from(fn.codeSha256, "hex").toString("base64")) {
        throw invalidParameter(`CodeSHA256 (${codeSha256}) is different from current CodeSHA256 in $LATEST (${Buffer.from(fn.codeSha256, "hex").toString("base64")}). Please try again.`);
      }
      return renderVersion(fn, await publishVersion(ctx, fn, description));
    },

    async ListVersionsByFunction(input, call) {
      const ref = ctx.ref(call, requireString(input, "FunctionName"));
      const fn = await ctx.requireFunction(ref);
      // $LATEST comes first, then the versions in order (the marker only pages the versions).
      const page = await markerPage(input, `ListVersionsByFunction:${fn.arn}`, (options) => ctx.store.functions.listFunctionVersions(fn.arn, options));
      const versions = page.items.map((v) => renderVersion(fn, v));
      if (input.Marker === undefined || input.Marker === "") versions.unshift({ ...renderLatest(fn), FunctionArn: `${fn.arn}:$LATEST` });
      return { Versions: versions, ...(page.next ? { NextMarker: page.next } : {}) };
    },
  };
}
