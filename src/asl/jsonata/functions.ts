/** @module The functions Step Functions adds to JSONata, and $now/$millis rebound to the execution's clock. */
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
import { createHash } from "node:crypto";
import jsonata from "jsonata";
import { scopeOf } from "./bindings.js";
import { MEMORY_LIMIT_CODE } from "./errors.js";
import { javaRandomDouble } from "./java-random.js";

type Implementation = (this: jsonata.Focus, ...args: unknown[]) => unknown;

interface StepFunctionsFunction {
  readonly implementation: Implementation;
  /** jsonata signature: arity checks (a surplus argument is jsonata's own T0410); types are checked below. */
  readonly signature: string;
}

/** jsonata's T0410, rendered by jsonata: `Argument 2 of function "range" does not match function signature`. */
const signatureError = (token: string, index: number) => ({ code: "T0410", index, token });

/** A thrown error whose whole text is given: `D3137: <message>` in AWS's cause. */
const failure = (message: string) => ({ code: "D3137", message });

/**
 * An integer argument. AWS documents "round down"; measured against AWS (by others), -1.7 becomes -1,
 * so the rounding is towards zero.
 */
function integerArgument(value: unknown, token: string, index: number): number {
  if (typeof value !== "number") throw signatureError(token, index);
  return Math.trunc(value);
}

/** $partition(array, chunkSize): the array cut into chunks of chunkSize, the last one shorter. */
function partition(array: unknown, chunkSize: unknown): unknown {
  if (array === undefined) return undefined;
  if (!Array.isArray(array)) throw { code: "T0412", index: 1, token: "partition" };
  if (array.length === 0) return undefined;
  if (chunkSize === undefined) return [array];
  const size = integerArgument(chunkSize, "partition", 2);
  if (size < 0) throw failure("Second argument must be zero or greater");
  if (size === 0) return undefined;
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/** AWS refuses a `$range` of more elements than this with its memory-limit error (measured by others). */
const MAX_RANGE_ELEMENTS = 360_145;

/**
 * $range(start, end, step): start, start+step, ... up to end inclusive. A range of one element is
 * that element, not an array: AWS answers `$range(1, 9, 9)` with `1`.
 */
function range(start: unknown, end: unknown, step: unknown): unknown {
  const first = integerArgument(start, "range", 1);
  const last = integerArgument(end, "range", 2);
  if (step === undefined) return undefined;
  const delta = integerArgument(step, "range", 3);
  if (delta === 0 || (delta > 0 && first > last) || (delta < 0 && first < last)) return undefined;
  const count = Math.floor((last - first) / delta) + 1;
  if (count > MAX_RANGE_ELEMENTS) throw { code: MEMORY_LIMIT_CODE };
  if (count === 1) return first;
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) values[i] = first + i * delta;
  return values;
}

const HASH_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ["MD5", "md5"], ["SHA-1", "sha1"], ["SHA-256", "sha256"], ["SHA-384", "sha384"], ["SHA-512", "sha512"],
]);

/** $hash(value, algorithm): the lowercase hex digest of the UTF-8 bytes of value. */
function hash(value: unknown, algorithm: unknown): unknown {
  if (typeof value !== "string") throw signatureError("hash", 1);
  if (algorithm === undefined) return undefined;
  if (typeof algorithm !== "string") throw signatureError("hash", 2);
  const nodeName = HASH_ALGORITHMS.get(algorithm);
  if (nodeName === undefined) {
    throw failure(`Hash algorithm '${algorithm}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`);
  }
  return createHash(nodeName).update(value, "utf8").digest("hex");
}

/** $random() from the scope's randomness; $random(seed) is java.util.Random's, reproducible. */
function random(this: jsonata.Focus, seed: unknown): unknown {
  if (seed === undefined) return scopeOf(this).random.float();
  return javaRandomDouble(integerArgument(seed, "random", 1));
}

/** $parse(json): the value of a JSON text (AWS's replacement for the disabled $eval). */
function parse(text: unknown): unknown {
  if (text === undefined) return undefined;
  if (typeof text !== "string") throw signatureError("parse", 1);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failure("Invalid JSON");
  }
}

/** Formats epoch milliseconds the way jsonata's own $now does, through its $fromMillis. */
const FORMAT_MILLIS = jsonata("$fromMillis($ms, $picture, $timezone)");

export const STEP_FUNCTIONS_FUNCTIONS: ReadonlyMap<string, StepFunctionsFunction> = new Map<string, StepFunctionsFunction>([
  ["partition", { implementation: partition, signature: "<x?x?:x>" }],
  ["range", { implementation: range, signature: "<x?x?x?:x>" }],
  ["hash", { implementation: hash, signature: "<x?x?:x>" }],
  ["random", { implementation: random, signature: "<x?:n>" }],
  ["uuid", { implementation(this: jsonata.Focus) { return scopeOf(this).random.uuid(); }, signature: "<:s>" }],
  ["parse", { implementation: parse, signature: "<x?:x>" }],
  [
    "now",
    {
      implementation(this: jsonata.Focus, picture: unknown, timezone: unknown) {
        return FORMAT_MILLIS.evaluate(undefined, { ms: scopeOf(this).now, picture, timezone });
      },
      signature: "<s?s?:s>",
    },
  ],
  ["millis", { implementation(this: jsonata.Focus) { return scopeOf(this).now; }, signature: "<:n>" }],
]);

/** Installs on `expression` the functions among `referenced` that Step Functions provides or rebinds. */
export function installFunctions(expression: jsonata.Expression, referenced: Iterable<string>): void {
  for (const name of referenced) {
    const fn = STEP_FUNCTIONS_FUNCTIONS.get(name);
    if (fn) expression.registerFunction(name, fn.implementation as (this: jsonata.Focus, ...args: unknown[]) => unknown, fn.signature);
  }
}
