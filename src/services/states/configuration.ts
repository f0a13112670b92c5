/** @module loggingConfiguration, tracingConfiguration and tags as the API takes them, normalised for storage. */
import { ServiceError } from "../service-error.js";
import type { TagRecord } from "../../store/index.js";
import { validationError } from "./errors.js";
import type { Input } from "./input.js";

const LEVELS = ["ALL", "ERROR", "FATAL", "OFF"];

/** AWS's defaults when none is given: `{"level":"OFF","includeExecutionData":false}`. */
export function normalizeLogging(raw: Input | undefined): string {
  const level = raw?.level ?? "OFF";
  if (typeof level !== "string" || !LEVELS.includes(level)) {
    throw validationError("loggingConfiguration.level", level, `Member must satisfy enum value set: [${LEVELS.join(", ")}]`);
  }
  const includeExecutionData = raw?.includeExecutionData ?? false;
  if (typeof includeExecutionData !== "boolean") throw invalidLogging("includeExecutionData must be a boolean.");
  const destinations = raw?.destinations;
  if (destinations !== undefined && !Array.isArray(destinations)) throw invalidLogging("destinations must be a list.");
  const list = (destinations ?? []) as unknown[];
  if (list.length > 1) throw invalidLogging("Must specify exactly one Log Destination.");
  if (level !== "OFF" && list.length !== 1) throw invalidLogging("Must specify exactly one Log Destination.");
  for (const d of list) {
    const arn = (d as { cloudWatchLogsLogGroup?: { logGroupArn?: unknown } } | null)?.cloudWatchLogsLogGroup?.logGroupArn;
    if (typeof arn !== "string" || !/^arn:[a-z-]+:logs:[^:]+:[0-9]{12}:log-group:.+:\*$/.test(arn)) {
      throw invalidLogging(`Invalid Log Group ARN: ${typeof arn === "string" ? arn : "null"}`);
    }
  }
  return JSON.stringify({ level, includeExecutionData, ...(list.length > 0 ? { destinations: list } : {}) });
}

const invalidLogging = (detail: string) => new ServiceError("InvalidLoggingConfiguration", `Invalid Logging Configuration: ${detail}`);

/** AWS's default: `{"enabled":false}`. */
export function normalizeTracing(raw: Input | undefined): string {
  const enabled = raw?.enabled ?? false;
  if (typeof enabled !== "boolean") throw new ServiceError("InvalidTracingConfiguration", "Invalid Tracing Configuration: enabled must be a boolean.");
  return JSON.stringify({ enabled });
}

const MAX_TAGS = 50;

/** Tags as `[{key, value}]`, checked as AWS checks them (key 1-128, value 0-256 characters, at most 50). */
export function readTags(raw: unknown, resourceArn: string): TagRecord[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationError("tags", raw, "Member must be a list");
  if (raw.length > MAX_TAGS) throw tooManyTags(resourceArn);
  return raw.map((t, i) => {
    const { key, value = "" } = (t ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || key.length < 1 || key.length > 128) {
      throw validationError(`tags.${i + 1}.member.key`, key, "Member must have length between 1 and 128");
    }
    if (typeof value !== "string" || value.length > 256) {
      throw validationError(`tags.${i + 1}.member.value`, value, "Member must have length less than or equal to 256");
    }
    return { resourceArn, key, value };
  });
}

export const tooManyTags = (resourceArn: string) =>
  new ServiceError("TooManyTags", `Too many tags: the resource '${resourceArn}' may have at most ${MAX_TAGS} tags`, 400, { resourceName: resourceArn });

export const MAX_TAGS_PER_RESOURCE = MAX_TAGS;
