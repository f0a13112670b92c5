/** @module PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion. */
import type { StateMachineRecord, StateMachineVersionRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { conflict, invalidArn, labeledArnNotSupported, stateMachineDoesNotExist } from "./errors.js";
import { parseStateMachineArn } from "./arns.js";
import { compact, optionalString, requireString, toSeconds } from "./input.js";
import { listPage } from "./page-token.js";
import { requireMachine, routesOf } from "./lookup.js";

/**
 * Publishes the machine's current revision, or returns the version that already holds it
 * (PublishStateMachineVersion is idempotent on the revision).
 */
export async function publishCurrentRevision(
  ctx: StatesContext, machine: StateMachineRecord, description: string | undefined,
): Promise<StateMachineVersionRecord> {
  const latest = (await ctx.store.listVersions(machine.arn, { limit: 1 })).items[0];
  if (latest && latest.revisionId === machine.revisionId) return latest;
  const version = await ctx.store.publishVersion({
    stateMachineArn: machine.arn, revisionId: machine.revisionId, definition: machine.definition, roleArn: machine.roleArn,
    description, creationDate: ctx.clock.now(),
  });
  if (!version) throw stateMachineDoesNotExist(machine.arn);
  return version;
}

export function versionOperations(ctx: StatesContext): Record<string, Operation> {
  return {
    async PublishStateMachineVersion(input) {
      const arn = requireString(input, "stateMachineArn");
      const revisionId = optionalString(input, "revisionId");
      const description = optionalString(input, "description", 256);
      const machine = await requireMachine(ctx, arn);
      // "INITIAL" names the revision of a machine never updated since it was created.
      const current = revisionId === "INITIAL" ? machine.updateDate === machine.creationDate : revisionId === undefined || revisionId === machine.revisionId;
      if (!current) {
        throw conflict(`Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${machine.revisionId}.`);
      }
      const version = await publishCurrentRevision(ctx, machine, description);
      return { creationDate: toSeconds(version.creationDate), stateMachineVersionArn: version.arn };
    },

    async ListStateMachineVersions(input) {
      const arn = requireString(input, "stateMachineArn");
      if (parseStateMachineArn(arn).kind !== "machine") throw labeledArnNotSupported(arn);
      const page = await listPage(input, `ListStateMachineVersions|${arn}`, (o) => ctx.store.listVersions(arn, o));
      return compact({
        stateMachineVersions: page.items.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: toSeconds(v.creationDate) })),
        nextToken: page.nextToken,
      });
    },

    async DeleteStateMachineVersion(input) {
      const arn = requireString(input, "stateMachineVersionArn");
      const ref = parseStateMachineArn(arn);
      if (ref.kind !== "version") throw invalidArn(`Resource type not valid in this context: ${ref.kind === "alias" ? "alias" : "stateMachine"}`);
      const referencing: string[] = [];
      for (let after: string | undefined, first = true; first || after; first = false) {
        const page = await ctx.store.listAliases(ref.machineArn, after === undefined ? { limit: 100 } : { limit: 100, after });
        for (const alias of page.items) if (routesOf(alias).some((r) => r.stateMachineVersionArn === arn)) referencing.push(alias.arn);
        after = page.next;
      }
      if (referencing.length > 0) {
        throw conflict(`Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.join(", ")}]`);
      }
      await ctx.store.deleteVersion(arn);
      return {};
    },
  };
}
