/** @module Encoding intrinsics: States.Base64Encode and States.Base64Decode (UTF-8 text). */
import { expectMaxLength, expectString, type IntrinsicFunction } from "./function.js";

/** "You can specify a string of up to 10,000 characters" for both functions. */
export const MAX_BASE64_INPUT = 10000;

export const Base64Encode: IntrinsicFunction = {
  name: "States.Base64Encode",
  minArgs: 1,
  maxArgs: 1,
  apply(args, scope, call) {
    const text = expectMaxLength(expectString(args[0]!, scope, call), MAX_BASE64_INPUT, scope, call);
    return Buffer.from(text, "utf8").toString("base64");
  },
};

/**
 * Decodes to UTF-8 text. Lenient like AWS, where recorded executions decode unpadded input
 * (`abc`), misplaced padding and surrounding spaces without failing: Node's decoder skips
 * characters outside the Base64 alphabet.
 */
export const Base64Decode: IntrinsicFunction = {
  name: "States.Base64Decode",
  minArgs: 1,
  maxArgs: 1,
  apply(args, scope, call) {
    const text = expectMaxLength(expectString(args[0]!, scope, call), MAX_BASE64_INPUT, scope, call);
    return Buffer.from(text, "base64").toString("utf8");
  },
};
