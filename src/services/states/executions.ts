/**
 * @module StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution,
 * RedriveExecution, DescribeStateMachineForExecution.
 */
import type { ExecutionFilter, ExecutionRecord, ExecutionStatus } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { ServiceError } from "../service-error.js";
import { parseMapRunArn, parseStandardExecutionArn, parseStateMachineArn } from "./arns.js";
import { childItemCounts, findMapRun } from "./map-run-lookup.js";
import {
  executionDoesNotExist, executionNotRedrivable, resourceNotFound, stateMachineDoesNotExist, typeNotSupported, validationReason,
} from "./errors.js";
import { compact, optionalEnum, optionalString, requireString, toSeconds, type Input } from "./input.js";
import { listPage } from "./page-token.js";
import { startExecution } from "./start-execution.js";
import { redriveStatusOf } from "./redrive.js";
import type { ExecutionView } from "./runtime.js";

const STATUSES: readonly ExecutionStatus[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
const INCLUDED_DATA = ["ALL_DATA", "METADATA_ONLY"] as const;

/**
 * StartSyncExecution's answer for a closed Express execution. Built member by member (absent members
 * are never set): this runs once per call on the hottest path.
 */
function syncExecutionOutput(view: ExecutionView, metadataOnly: boolean, traceHeader: string | undefined): Record<string, unknown> {
  const stopDate = view.stopDate ?? view.startDate;
  const out: Record<string, unknown> = {
    executionArn: view.arn, stateMachineArn: view.stateMachineArn, name: view.name,
    startDate: toSeconds(view.startDate), stopDate: toSeconds(stopDate), status: view.status,
  };
  if (view.error !== undefined) out.error = view.error;
  if (view.cause !== undefined) out.cause = view.cause;
  if (!metadataOnly) out.input = view.input;
  out.inputDetails = { included: !metadataOnly };
  if (view.output !== undefined) {
    if (!metadataOnly) out.output = view.output;
    out.outputDetails = { included: !metadataOnly };
  }
  if (traceHeader !== undefined) out.traceHeader = traceHeader;
  // Express bills in 64 MB and 100 ms steps (https://aws.amazon.com/step-functions/pricing/).
  const duration = Math.max(0, stopDate - view.startDate);
  out.billingDetails = { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(duration / 100) * 100) };
  return out;
}

export async function requireExecution(ctx: StatesContext, arn: string): Promise<ExecutionRecord> {
  parseStandardExecutionArn(arn);
  const record = await ctx.store.getExecution(arn);
  if (!record) throw executionDoesNotExist(arn);
  return record;
}

export function executionOperations(ctx: StatesContext): Record<string, Operation> {
  const startInput = (input: Input) => ({
    stateMachineArn: requireString(input, "stateMachineArn"),
    name: optionalString(input, "name"),
    input: optionalString(input, "input"),
    traceHeader: optionalString(input, "traceHeader", 256),
  });

  return {
    async StartExecution(input) {
      const started = await startExecution(ctx, startInput(input));
      return { executionArn: started.executionArn, startDate: toSeconds(started.startDate) };
    },

    async StartSyncExecution(input) {
      const metadataOnly = optionalEnum(input, "includedData", INCLUDED_DATA) === "METADATA_ONLY";
      const options = { ...startInput(input), sync: true };
      const started = await startExecution(ctx, options);
      return syncExecutionOutput(await started.finished!, metadataOnly, options.traceHeader);
    },

    async DescribeExecution(input) {
      const record = await requireExecution(ctx, requireString(input, "executionArn"));
      const metadataOnly = optionalEnum(input, "includedData", INCLUDED_DATA) === "METADATA_ONLY";
      const redrive = redriveStatusOf(record, ctx.clock.now());
      return compact({
        executionArn: record.arn, stateMachineArn: record.stateMachineArn, name: record.name, status: record.status,
        startDate: toSeconds(record.startDate), stopDate: record.stopDate === undefined ? undefined : toSeconds(record.stopDate),
        input: metadataOnly ? undefined : record.input, inputDetails: { included: !metadataOnly },
        output: metadataOnly ? undefined : record.output, outputDetails: record.output === undefined ? undefined : { included: !metadataOnly },
        error: record.error, cause: record.cause, traceHeader: record.traceHeader, mapRunArn: record.mapRunArn,
        stateMachineVersionArn: record.stateMachineVersionArn, stateMachineAliasArn: record.stateMachineAliasArn,
        redriveCount: record.redriveCount, redriveDate: record.redriveDate === undefined ? undefined : toSeconds(record.redriveDate),
        redriveStatus: redrive.status, redriveStatusReason: redrive.reason,
      });
    },

    async ListExecutions(input) {
      const filter = await executionFilterOf(ctx, input);
      const redriveFilter = optionalEnum(input, "redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"] as const);
      const page = await listPage(input, `ListExecutions|${JSON.stringify(filter)}`, (o) => ctx.store.listExecutions(filter, o));
      const items = redriveFilter === undefined ? page.items
        : page.items.filter((e) => (e.redriveCount > 0) === (redriveFilter === "REDRIVEN"));
      let itemCounts: number[] | undefined;
      if (filter.mapRunArn !== undefined) {
        // An empty first page may mean no such Map Run (ResourceNotFound), or one with no child execution yet.
        if (page.items.length === 0 && input.nextToken == null && !(await findMapRun(ctx, filter.mapRunArn))) {
          throw resourceNotFound(filter.mapRunArn);
        }
        itemCounts = await childItemCounts(ctx, items);
      }
      return compact({
        executions: items.map((e, i) => compact({
          executionArn: e.arn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status,
          startDate: toSeconds(e.startDate), stopDate: e.stopDate === undefined ? undefined : toSeconds(e.stopDate),
          mapRunArn: e.mapRunArn, stateMachineVersionArn: e.stateMachineVersionArn, stateMachineAliasArn: e.stateMachineAliasArn,
          redriveCount: e.redriveCount, redriveDate: e.redriveDate === undefined ? undefined : toSeconds(e.redriveDate),
          itemCount: itemCounts?.[i],
        })),
        nextToken: page.nextToken,
      });
    },

    async StopExecution(input) {
      const arn = requireString(input, "executionArn");
      const error = optionalString(input, "error", 256);
      const cause = optionalString(input, "cause", 32768);
      let record = await requireExecution(ctx, arn);
      // Only a running execution stops; stopping a closed one changes nothing.
      if (record.status === "RUNNING") {
        await ctx.engine.stop(arn, error, cause);
        record = (await ctx.store.getExecution(arn)) ?? record;
      }
      return { stopDate: toSeconds(record.stopDate ?? ctx.clock.now()) };
    },

    async RedriveExecution(input) {
      const arn = requireString(input, "executionArn");
      optionalString(input, "clientToken", 64);
      const record = await requireExecution(ctx, arn);
      const redrive = redriveStatusOf(record, ctx.clock.now());
      if (redrive.status !== "REDRIVABLE") throw executionNotRedrivable(`Execution '${arn}' cannot be redriven: ${redrive.reason}`);
      if (!(await ctx.engine.redrive(arn))) throw executionNotRedrivable(`Execution '${arn}' cannot be redriven: it is no longer closed`);
      const redriven = await ctx.store.getExecution(arn);
      return { redriveDate: toSeconds(redriven?.redriveDate ?? ctx.clock.now()) };
    },

    async DescribeStateMachineForExecution(input) {
      const record = await requireExecution(ctx, requireString(input, "executionArn"));
      const machine = await ctx.store.getStateMachine(record.stateMachineArn);
      const version = record.stateMachineVersionArn ? await ctx.store.getVersion(record.stateMachineVersionArn) : undefined;
      // The execution keeps its own copy of the definition; the machine's dates and revision apply while they still match it.
      const current = machine && machine.definition === record.definition && machine.roleArn === record.roleArn ? machine : undefined;
      return compact({
        stateMachineArn: record.stateMachineArn,
        name: parseStateMachineArn(record.stateMachineArn).name,
        definition: record.definition,
        roleArn: record.roleArn,
        updateDate: toSeconds(version?.creationDate ?? current?.updateDate ?? record.startDate),
        revisionId: version?.revisionId ?? current?.revisionId,
        loggingConfiguration: machine?.loggingConfiguration ? JSON.parse(machine.loggingConfiguration) : undefined,
        tracingConfiguration: machine?.tracingConfiguration ? JSON.parse(machine.tracingConfiguration) : undefined,
        mapRunArn: record.mapRunArn,
      });
    },
  };
}

/** ListExecutions lists by machine (unqualified: all its executions), version, alias, or map run. */
async function executionFilterOf(ctx: StatesContext, input: Input): Promise<ExecutionFilter> {
  const stateMachineArn = optionalString(input, "stateMachineArn");
  const mapRunArn = optionalString(input, "mapRunArn");
  const status = optionalEnum(input, "statusFilter", STATUSES);
  const withStatus = (f: ExecutionFilter): ExecutionFilter => (status ? { ...f, status } : f);
  if (stateMachineArn === undefined && mapRunArn === undefined) {
    throw validationReason("MISSING_REQUIRED_PARAMETER", "Must provide a StateMachine ARN or MapRun ARN");
  }
  if (stateMachineArn !== undefined && mapRunArn !== undefined) {
    throw new ServiceError("ValidationException", "Only one of stateMachineArn and mapRunArn can be given");
  }
  if (stateMachineArn === undefined) {
    parseMapRunArn(mapRunArn!);
    return withStatus({ mapRunArn: mapRunArn! });
  }
  const ref = parseStateMachineArn(stateMachineArn);
  const machine = await ctx.store.getStateMachine(ref.kind === "machine" ? ref.arn : ref.machineArn);
  if (!machine) throw stateMachineDoesNotExist(stateMachineArn);
  if (machine.type === "EXPRESS") throw typeNotSupported("ListExecutions");
  if (ref.kind === "machine") return withStatus({ stateMachineArn });
  if (ref.kind === "version") {
    if (!(await ctx.store.getVersion(stateMachineArn))) throw stateMachineDoesNotExist(stateMachineArn);
    return withStatus({ stateMachineVersionArn: stateMachineArn });
  }
  if (!(await ctx.store.getAlias(stateMachineArn))) throw resourceNotFound(stateMachineArn);
  return withStatus({ stateMachineAliasArn: stateMachineArn });
}
