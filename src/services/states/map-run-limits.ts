/**
 * @module A Map Run's settings as the Map state resolved them when the run started: MaxConcurrency,
 * tolerated failures, and (with an ItemBatcher) how many items it has, re-evaluated with the pure core
 * from the definition and the Map state's input recorded in the history.
 */
import type { JsonObject, JsonValue } from "../../shared/json.js";
import {
  prepareInput, resolveItems, resolveMaxConcurrency, resolveToleratedFailure, type EvalScope, type MapPlan, type Random,
} from "../../asl/index.js";
import type { ExecutionRecord } from "../../store/index.js";
import type { StatesContext } from "./context.js";
import type { MapRunFacts } from "./map-run-history.js";
import { findState } from "./plan-search.js";

export interface MapRunLimits {
  /** 0: no limit. */
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  /** Each child execution takes a batch of items. */
  readonly batched: boolean;
  /** How many items the run has, when it could be worked out (batched runs). */
  readonly itemTotal: number | undefined;
}

const NONE: MapRunLimits = { maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0, batched: false, itemTotal: undefined };

/** No randomness is needed to read limits; intrinsics that ask get a fixed answer rather than the service's. */
const FIXED_RANDOM: Random = { uuid: () => "00000000-0000-4000-8000-000000000000", float: () => 0 };

/**
 * Fixed values are read from the definition. Values from paths or expressions are evaluated again
 * against the recorded input; one that reads variables (not recorded) falls back to AWS's default 0.
 */
export async function mapRunLimits(ctx: StatesContext, parent: ExecutionRecord, run: MapRunFacts): Promise<MapRunLimits> {
  if (run.stateName === undefined) return NONE;
  let state;
  try {
    state = findState(ctx.compile(parent.definition).plan, run.stateName);
  } catch {
    return NONE;
  }
  if (state?.type !== "Map") return NONE;
  const scope = scopeOf(parent, state, run);
  const raw = parseInput(run.stateInput);
  const input = await attempt(async () => prepareInput(state, raw, scope));
  const maxConcurrency = await attempt(() => resolveMaxConcurrency(state, input ?? raw, scope));
  const tolerance = await attempt(() => resolveToleratedFailure(state, input ?? raw, scope));
  const batched = state.itemBatcher !== undefined;
  const items = batched && input !== undefined ? await attempt(() => resolveItems(state, input, scope)) : undefined;
  return {
    maxConcurrency: maxConcurrency ?? 0,
    toleratedFailureCount: tolerance?.count ?? 0,
    toleratedFailurePercentage: tolerance?.percentage ?? 0,
    batched,
    itemTotal: items?.length,
  };
}

async function attempt<T>(f: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await f();
  } catch {
    return undefined;
  }
}

function parseInput(text: string | undefined): JsonValue {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return {};
  }
}

/** The context object the Map state saw (as far as the records tell), no variables. */
function scopeOf(parent: ExecutionRecord, state: MapPlan, run: MapRunFacts): EvalScope {
  const machineName = parent.stateMachineArn.split(":").slice(6).join(":");
  const context: JsonObject = {
    Execution: {
      Id: parent.arn, Input: parseInput(parent.input), Name: parent.name, RoleArn: parent.roleArn,
      StartTime: new Date(parent.startDate).toISOString(), RedriveCount: parent.redriveCount,
    },
    StateMachine: { Id: parent.stateMachineArn, Name: machineName },
    State: { Name: state.name, EnteredTime: new Date(run.startDate).toISOString(), RetryCount: 0 },
  };
  return { context, variables: undefined, random: FIXED_RANDOM, now: run.startDate, stateName: state.name, enteredEventId: run.startedEventId };
}
