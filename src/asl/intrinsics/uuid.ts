/** @module States.UUID: a version 4 UUID from the scope's injected randomness. */
import type { IntrinsicFunction } from "./function.js";

export const UUID: IntrinsicFunction = {
  name: "States.UUID",
  minArgs: 0,
  maxArgs: 0,
  apply: (_args, scope) => scope.random.uuid(),
};
