/** @module CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine, ListStateMachines. */
import { AlreadyExists, type StateMachineRecord } from "../../store/index.js";
import { ServiceError } from "../service-error.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { checkRoleArn, parseStateMachineArn, stateMachineArnOf } from "./arns.js";
import { checkName } from "./names.js";
import { checkDefinition, type StateMachineType } from "./definition.js";
import { normalizeLogging, normalizeTracing, readTags } from "./configuration.js";
import { labeledArnNotSupported, stateMachineAlreadyExists, stateMachineDoesNotExist, validationError } from "./errors.js";
import {
  compact, optionalBoolean, optionalEnum, optionalObject, optionalString, requireString, toSeconds, type Input,
} from "./input.js";
import { listPage } from "./page-token.js";
import { requireMachine } from "./lookup.js";
import { publishCurrentRevision } from "./versions.js";

const TYPES: readonly StateMachineType[] = ["STANDARD", "EXPRESS"];

export function stateMachineOperations(ctx: StatesContext): Record<string, Operation> {
  return {
    async CreateStateMachine(input, call) {
      const name = checkName(requireString(input, "name"));
      const definition = requireString(input, "definition");
      const roleArn = requireString(input, "roleArn");
      const type = optionalEnum(input, "type", TYPES) ?? "STANDARD";
      const publish = optionalBoolean(input, "publish") ?? false;
      const versionDescription = versionDescriptionOf(input, publish);
      checkRoleArn(roleArn);
      checkDefinition(definition, type);
      const loggingConfiguration = normalizeLogging(optionalObject(input, "loggingConfiguration"));
      const tracingConfiguration = normalizeTracing(optionalObject(input, "tracingConfiguration"));
      const arn = stateMachineArnOf(ctx.scopeOf(call), name);
      const tags = readTags(input.tags, arn);
      const now = ctx.clock.now();
      const record: StateMachineRecord = {
        arn, name, type, definition, roleArn, creationDate: now, updateDate: now, revisionId: ctx.random.uuid(),
        description: undefined, loggingConfiguration, tracingConfiguration, status: "ACTIVE",
      };
      let machine = record;
      try {
        await ctx.store.createStateMachine(record);
        if (tags.length > 0) await ctx.store.putTags(tags);
      } catch (e) {
        if (!(e instanceof AlreadyExists)) throw e;
        const existing = await ctx.store.getStateMachine(arn);
        // AWS: idempotent on name, definition, type and configurations; a different roleArn or tags are ignored.
        if (!existing || existing.definition !== definition || existing.type !== type
          || existing.loggingConfiguration !== loggingConfiguration || existing.tracingConfiguration !== tracingConfiguration) {
          throw stateMachineAlreadyExists(arn);
        }
        machine = existing;
      }
      const version = publish ? await publishCurrentRevision(ctx, machine, versionDescription) : undefined;
      return compact({ stateMachineArn: arn, creationDate: toSeconds(machine.creationDate), stateMachineVersionArn: version?.arn });
    },

    async DescribeStateMachine(input) {
      const arn = requireString(input, "stateMachineArn");
      const ref = parseStateMachineArn(arn);
      if (ref.kind === "alias") throw labeledArnNotSupported(arn);
      const machine = await ctx.store.getStateMachine(ref.kind === "machine" ? arn : ref.machineArn);
      if (!machine) throw stateMachineDoesNotExist(arn);
      if (ref.kind === "machine") return describeMachine(machine);
      const version = await ctx.store.getVersion(arn);
      if (!version) throw stateMachineDoesNotExist(arn);
      return describeMachine(machine, {
        stateMachineArn: version.arn, definition: version.definition, roleArn: version.roleArn,
        creationDate: toSeconds(version.creationDate), revisionId: version.revisionId, description: version.description,
      });
    },

    async UpdateStateMachine(input) {
      const arn = requireString(input, "stateMachineArn");
      const definition = optionalString(input, "definition");
      const roleArn = optionalString(input, "roleArn");
      const logging = optionalObject(input, "loggingConfiguration");
      const tracing = optionalObject(input, "tracingConfiguration");
      const publish = optionalBoolean(input, "publish") ?? false;
      const versionDescription = versionDescriptionOf(input, publish);
      if (definition === undefined && roleArn === undefined && !logging && !tracing && input.encryptionConfiguration === undefined) {
        throw new ServiceError("MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified");
      }
      const machine = await requireMachine(ctx, arn);
      if (roleArn !== undefined) checkRoleArn(roleArn);
      if (definition !== undefined) checkDefinition(definition, machine.type);
      const next = {
        definition: definition ?? machine.definition,
        roleArn: roleArn ?? machine.roleArn,
        loggingConfiguration: logging ? normalizeLogging(logging) : machine.loggingConfiguration,
        tracingConfiguration: tracing ? normalizeTracing(tracing) : machine.tracingConfiguration,
      };
      const changed = next.definition !== machine.definition || next.roleArn !== machine.roleArn
        || next.loggingConfiguration !== machine.loggingConfiguration || next.tracingConfiguration !== machine.tracingConfiguration;
      const updated: StateMachineRecord = changed
        ? { ...machine, ...next, updateDate: ctx.clock.now(), revisionId: ctx.random.uuid() }
        : { ...machine, updateDate: ctx.clock.now() };
      await ctx.store.updateStateMachine(updated);
      const version = publish ? await publishCurrentRevision(ctx, updated, versionDescription) : undefined;
      return compact({ updateDate: toSeconds(updated.updateDate), revisionId: updated.revisionId, stateMachineVersionArn: version?.arn });
    },

    async DeleteStateMachine(input) {
      const arn = requireString(input, "stateMachineArn");
      if (parseStateMachineArn(arn).kind !== "machine") throw labeledArnNotSupported(arn);
      // Executions keep running on their own copy of the definition and stay readable.
      await ctx.store.deleteStateMachine(arn);
      return {};
    },

    async ListStateMachines(input: Input) {
      const page = await listPage(input, "ListStateMachines", (o) => ctx.store.listStateMachines(o));
      return compact({
        stateMachines: page.items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: toSeconds(m.creationDate) })),
        nextToken: page.nextToken,
      });
    },
  };
}

function versionDescriptionOf(input: Input, publish: boolean): string | undefined {
  const description = optionalString(input, "versionDescription", 256);
  if (description !== undefined && !publish) {
    throw validationError("versionDescription", description, "Version description can only be set when publish is true");
  }
  return description;
}

function describeMachine(machine: StateMachineRecord, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return compact({
    stateMachineArn: machine.arn,
    name: machine.name,
    status: machine.status,
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: toSeconds(machine.creationDate),
    loggingConfiguration: JSON.parse(machine.loggingConfiguration ?? '{"level":"OFF","includeExecutionData":false}'),
    tracingConfiguration: JSON.parse(machine.tracingConfiguration ?? '{"enabled":false}'),
    revisionId: machine.revisionId,
    description: machine.description,
    ...overrides,
  });
}
