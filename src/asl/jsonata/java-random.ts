/** @module The first nextDouble() of java.util.Random for a seed: what AWS's seeded `$random(seed)` returns. */

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** Java's `(long) d`: truncates towards zero and saturates at the long range. */
function toLong(seed: number): bigint {
  if (Number.isNaN(seed)) return 0n;
  if (seed >= 2 ** 63) return LONG_MAX;
  if (seed <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(seed));
}

/**
 * `new java.util.Random(seed).nextDouble()`, the 48-bit linear congruential generator of the JDK
 * (Random.java: setSeed, next(bits), nextDouble). Seed 42 gives 0.7275636800328681, the value AWS
 * returns for `$random(42)`.
 */
export function javaRandomDouble(seed: number): number {
  let state = (toLong(seed) ^ MULTIPLIER) & MASK;
  const next = (bits: bigint): bigint => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return state >> (48n - bits);
  };
  const high = next(26n);
  const low = next(27n);
  return Number((high << 27n) + low) / 2 ** 53;
}
