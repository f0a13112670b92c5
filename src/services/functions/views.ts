/** @module What the Lambda operations show: FunctionConfiguration of `$LATEST` or a version, AliasConfiguration, opaque markers. */
import type { FunctionAliasRecord, FunctionRecord, FunctionVersionRecord, ListOptions, Page } from "../../store/index.js";
import { InvalidCursor } from "../../store/index.js";
import { parseConfig, renderConfiguration } from "./configuration.js";
import { invalidParameter } from "./errors.js";
import { compact, lastModifiedText, optionalInteger, optionalString, type Input } from "./input.js";

/** `$LATEST` (FunctionArn unqualified, as GetFunctionConfiguration shows it). */
export function renderLatest(fn: FunctionRecord): Record<string, unknown> {
  return renderConfiguration({
    name: fn.name, arn: fn.arn, version: "$LATEST", config: parseConfig(fn.configuration), codeSha256: fn.codeSha256,
    codeSize: fn.codeSize, revisionId: fn.revisionId, lastModified: lastModifiedText(fn.lastModified),
  });
}

/** A published version (FunctionArn qualified by its number, or by the alias it was reached through). */
export function renderVersion(fn: FunctionRecord, version: FunctionVersionRecord, arn = version.arn): Record<string, unknown> {
  const config = parseConfig(version.configuration);
  return renderConfiguration({
    name: fn.name, arn, version: String(version.version), config: { ...config, Description: version.description ?? config.Description },
    codeSha256: version.codeSha256, codeSize: version.codeSize, revisionId: version.revisionId, lastModified: lastModifiedText(version.creationDate),
  });
}

export function renderAlias(alias: FunctionAliasRecord): Record<string, unknown> {
  return compact({
    AliasArn: alias.arn, Name: alias.name, FunctionVersion: alias.functionVersion, Description: alias.description ?? "",
    RoutingConfig: alias.routingConfiguration === undefined ? undefined : { AdditionalVersionWeights: JSON.parse(alias.routingConfiguration) as unknown },
    RevisionId: alias.revisionId,
  });
}

/** Marker / MaxItems paging over a store listing (Marker is opaque and bound to the listing it came from). */
export async function markerPage<T>(input: Input, scope: string, fetch: (options: ListOptions) => Promise<Page<T>>, defaultSize = 50): Promise<{ items: readonly T[]; next: string | undefined }> {
  const limit = optionalInteger(input, "MaxItems", 1, 10_000) ?? defaultSize;
  const marker = optionalString(input, "Marker");
  let after: string | undefined;
  if (marker !== undefined && marker !== "") {
    try {
      const parsed = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as unknown;
      if (!Array.isArray(parsed) || parsed[0] !== scope || typeof parsed[1] !== "string") throw new Error();
      after = parsed[1];
    } catch {
      throw invalidParameter(`Invalid Marker: ${marker}`);
    }
  }
  try {
    const page = await fetch(after === undefined ? { limit } : { limit, after });
    return { items: page.items, next: page.next === undefined ? undefined : Buffer.from(JSON.stringify([scope, page.next])).toString("base64url") };
  } catch (e) {
    if (e instanceof InvalidCursor) throw invalidParameter(`Invalid Marker: ${marker}`);
    throw e;
  }
}
