/** @module SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: task tokens handed to callbacks and activity workers. */
import type { JsonValue } from "../../shared/json.js";
import type { Operation } from "../operations.js";
import type { StatesContext } from "./context.js";
import { invalidOutput, invalidToken, taskTimedOut } from "./errors.js";
import { optionalString, requireString } from "./input.js";
import { MAX_PAYLOAD_BYTES } from "./start-execution.js";

const TOKEN_MAX = 2048;

export function callbackOperations(ctx: StatesContext): Record<string, Operation> {
  /**
   * A token we no longer hold: AWS answers TaskTimedOut ("Provided task does not exist anymore") for
   * a task that finished or timed out, InvalidToken for text that was never a token.
   */
  const missing = (token: string) => (looksLikeToken(token) ? taskTimedOut() : invalidToken("Invalid token"));

  return {
    async SendTaskSuccess(input) {
      const token = requireString(input, "taskToken", TOKEN_MAX);
      const text = requireString(input, "output", MAX_PAYLOAD_BYTES);
      let output: JsonValue;
      try {
        output = JSON.parse(text) as JsonValue;
      } catch (e) {
        throw invalidOutput((e as Error).message);
      }
      if (!(await ctx.engine.sendTaskSuccess(token, output))) throw missing(token);
      return {};
    },

    async SendTaskFailure(input) {
      const token = requireString(input, "taskToken", TOKEN_MAX);
      const error = optionalString(input, "error", 256);
      const cause = optionalString(input, "cause", 32768);
      if (!(await ctx.engine.sendTaskFailure(token, error, cause))) throw missing(token);
      return {};
    },

    async SendTaskHeartbeat(input) {
      const token = requireString(input, "taskToken", TOKEN_MAX);
      if (!(await ctx.engine.sendTaskHeartbeat(token))) throw missing(token);
      return {};
    },
  };
}

/** Tokens this server hands out are UUIDs. */
const looksLikeToken = (token: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token);
