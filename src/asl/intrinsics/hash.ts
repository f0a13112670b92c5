/** @module States.Hash: MD5, SHA-1, SHA-256, SHA-384 or SHA-512 of a string, as lowercase hex. */
import { createHash } from "node:crypto";
import { invalidArguments } from "./failure.js";
import { expectMaxLength, type IntrinsicFunction } from "./function.js";
import { javaText } from "./java-text.js";

/** AWS's algorithm names (exact spelling, case-sensitive) and node:crypto's. */
export const HASH_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ["MD5", "md5"],
  ["SHA-1", "sha1"],
  ["SHA-256", "sha256"],
  ["SHA-384", "sha384"],
  ["SHA-512", "sha512"],
]);

/** "The input data string can't exceed 10,000 characters." */
export const MAX_HASH_INPUT = 10000;

/**
 * Hashes the UTF-8 bytes of the data. AWS accepts a non-string data argument and hashes its text
 * (recorded: numbers and objects succeed), so it is rendered the way Format renders it; null fails.
 */
export const Hash: IntrinsicFunction = {
  name: "States.Hash",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const data = args[0]!;
    const algorithm = args[1]!;
    const nodeName = typeof algorithm === "string" ? HASH_ALGORITHMS.get(algorithm) : undefined;
    if (nodeName === undefined || data === null) throw invalidArguments(scope, call);
    const text = expectMaxLength(javaText(data), MAX_HASH_INPUT, scope, call);
    return createHash(nodeName).update(text, "utf8").digest("hex");
  },
};
