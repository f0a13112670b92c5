/** @module CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, ListStateMachineAliases, DeleteStateMachineAlias. */
import type { StateMachineAliasRecord } from "../../store/index.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { parseStateMachineArn } from "./arns.js";
import { checkAliasName } from "./names.js";
import { conflict, invalidArn, labeledArnNotSupported, resourceNotFound, validationError, validationReason } from "./errors.js";
import { compact, optionalList, optionalString, requireString, toSeconds, type Input } from "./input.js";
import { listPage } from "./page-token.js";
import { routesOf, type AliasRoute } from "./lookup.js";

export function aliasOperations(ctx: StatesContext): Record<string, Operation> {
  /** Checks a routingConfiguration: 1 or 2 distinct existing versions of one machine, weights summing to 100. */
  async function readRouting(input: Input): Promise<{ routes: AliasRoute[]; machineArn: string }> {
    const raw = optionalList(input, "routingConfiguration");
    if (!raw) throw validationError("routingConfiguration", undefined, "Member must not be null");
    if (raw.length < 1 || raw.length > 2) {
      throw validationError("routingConfiguration", raw, "Member must have length less than or equal to 2 and greater than or equal to 1");
    }
    const routes: AliasRoute[] = [];
    let machineArn: string | undefined;
    for (const item of raw) {
      const { stateMachineVersionArn, weight } = (item ?? {}) as { stateMachineVersionArn?: unknown; weight?: unknown };
      if (typeof stateMachineVersionArn !== "string") throw validationError("routingConfiguration.member.stateMachineVersionArn", undefined, "Member must not be null");
      if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw validationError("routingConfiguration.member.weight", weight, "Member must have value between 0 and 100");
      }
      const ref = parseStateMachineArn(stateMachineVersionArn);
      if (ref.kind !== "version") throw invalidArn(`Resource type not valid in this context: ${ref.kind === "alias" ? "alias" : "stateMachine"}`);
      if (machineArn !== undefined && ref.machineArn !== machineArn) {
        throw invalidRouting("Routing configuration must contain state machine versions of the same state machine.");
      }
      machineArn = ref.machineArn;
      if (routes.some((r) => r.stateMachineVersionArn === stateMachineVersionArn)) {
        throw invalidRouting("Routing configuration must contain distinct state machine version ARNs.");
      }
      if (!(await ctx.store.getVersion(stateMachineVersionArn))) throw resourceNotFound(stateMachineVersionArn);
      routes.push({ stateMachineVersionArn, weight });
    }
    if (routes.reduce((sum, r) => sum + r.weight, 0) !== 100) throw invalidRouting("Sum of routing configuration weights must be equal to 100.");
    return { routes, machineArn: machineArn! };
  }

  async function requireAlias(arn: string): Promise<StateMachineAliasRecord> {
    const ref = parseStateMachineArn(arn);
    if (ref.kind !== "alias") throw invalidArn(`Resource type not valid in this context: ${ref.kind === "version" ? "version" : "stateMachine"}`);
    const alias = await ctx.store.getAlias(arn);
    if (!alias) throw resourceNotFound(arn);
    return alias;
  }

  return {
    async CreateStateMachineAlias(input) {
      const name = checkAliasName(requireString(input, "name"));
      const description = optionalString(input, "description", 256);
      const { routes, machineArn } = await readRouting(input);
      if (!(await ctx.store.getStateMachine(machineArn))) throw resourceNotFound(machineArn);
      const arn = `${machineArn}:${name}`;
      const routingConfiguration = JSON.stringify(routes);
      const existing = await ctx.store.getAlias(arn);
      if (existing) {
        if (existing.routingConfiguration === routingConfiguration && existing.description === description) {
          return { stateMachineAliasArn: arn, creationDate: toSeconds(existing.creationDate) };
        }
        throw conflict(`Failed to create alias because an alias with the same name and a different routing configuration already exists.`);
      }
      const now = ctx.clock.now();
      await ctx.store.putAlias({ arn, stateMachineArn: machineArn, name, description, routingConfiguration, creationDate: now, updateDate: now });
      return { stateMachineAliasArn: arn, creationDate: toSeconds(now) };
    },

    async DescribeStateMachineAlias(input) {
      const alias = await requireAlias(requireString(input, "stateMachineAliasArn"));
      return compact({
        stateMachineAliasArn: alias.arn, name: alias.name, description: alias.description, routingConfiguration: routesOf(alias),
        creationDate: toSeconds(alias.creationDate), updateDate: toSeconds(alias.updateDate),
      });
    },

    async UpdateStateMachineAlias(input) {
      const alias = await requireAlias(requireString(input, "stateMachineAliasArn"));
      const description = optionalString(input, "description", 256);
      if (description === undefined && input.routingConfiguration === undefined) {
        throw validationReason("MISSING_REQUIRED_PARAMETER", "Either the description or the RoutingConfiguration must be specified");
      }
      let routingConfiguration = alias.routingConfiguration;
      if (input.routingConfiguration !== undefined) {
        const { routes, machineArn } = await readRouting(input);
        if (machineArn !== alias.stateMachineArn) {
          throw invalidRouting("Routing configuration must contain state machine versions of the alias's state machine.");
        }
        routingConfiguration = JSON.stringify(routes);
      }
      const updateDate = ctx.clock.now();
      await ctx.store.putAlias({ ...alias, description: description ?? alias.description, routingConfiguration, updateDate });
      return { updateDate: toSeconds(updateDate) };
    },

    async ListStateMachineAliases(input) {
      const arn = requireString(input, "stateMachineArn");
      if (parseStateMachineArn(arn).kind !== "machine") throw labeledArnNotSupported(arn);
      if (!(await ctx.store.getStateMachine(arn))) throw resourceNotFound(arn);
      const page = await listPage(input, `ListStateMachineAliases|${arn}`, (o) => ctx.store.listAliases(arn, o));
      return compact({
        stateMachineAliases: page.items.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: toSeconds(a.creationDate) })),
        nextToken: page.nextToken,
      });
    },

    async DeleteStateMachineAlias(input) {
      const alias = await requireAlias(requireString(input, "stateMachineAliasArn"));
      await ctx.store.deleteAlias(alias.arn);
      return {};
    },
  };
}

const invalidRouting = (message: string) => validationReason("INVALID_ROUTING_CONFIGURATION", message);
