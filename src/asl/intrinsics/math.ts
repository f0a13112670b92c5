/** @module Math intrinsics: States.MathAdd and States.MathRandom. */
import { invalidArguments } from "./failure.js";
import { expectTruncatedInteger, type IntrinsicFunction } from "./function.js";
import { javaSeededNextInt } from "./java-random.js";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * The sum of two integers. Each argument is first rounded half up (Java's Math.round): recorded on
 * AWS, 1.49 + 1.5 is 3, -1.49 + -1.5 is -2, -0.5 + 0.5 is 1. "You must specify integer values in the
 * range of -2147483648 and 2147483647."
 */
export const MathAdd: IntrinsicFunction = {
  name: "States.MathAdd",
  minArgs: 2,
  maxArgs: 2,
  apply(args, scope, call) {
    const a = args[0]!;
    const b = args[1]!;
    if (typeof a !== "number" || typeof b !== "number") throw invalidArguments(scope, call);
    const x = Math.round(a);
    const y = Math.round(b);
    if (x < INT_MIN || x > INT_MAX || y < INT_MIN || y > INT_MAX) throw invalidArguments(scope, call);
    return x + y + 0;
  },
};

/**
 * A random integer in [start, end). Without a seed the scope's randomness is used; with one the
 * result is java.util.Random(seed).nextInt(end - start) + start, as on AWS. Bounds are truncated
 * (recorded: MathRandom(1.4, 1.6) fails, MathRandom(1.6, 5.4) yields values in [1, 5)).
 */
export const MathRandom: IntrinsicFunction = {
  name: "States.MathRandom",
  minArgs: 2,
  maxArgs: 3,
  apply(args, scope, call) {
    const start = expectTruncatedInteger(args[0]!, scope, call);
    const end = expectTruncatedInteger(args[1]!, scope, call);
    if (start >= end) throw invalidArguments(scope, call);
    const bound = end - start;
    if (args.length === 2) return start + Math.floor(scope.random.float() * bound);
    const seed = expectTruncatedInteger(args[2]!, scope, call);
    if (bound > INT_MAX) throw invalidArguments(scope, call);
    return start + javaSeededNextInt(BigInt(seed), bound);
  },
};
