/** @module java.util.Random's generator, so a seeded States.MathRandom returns what AWS returns for that seed. */

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/**
 * `new java.util.Random(seed).nextInt(bound)` for 0 < bound <= 2^31 - 1.
 * AWS's seeded MathRandom matches it: recorded `States.MathRandom(-5, 5, 42)` is -5, and
 * `new Random(42).nextInt(10)` is 0.
 */
export function javaSeededNextInt(seed: bigint, bound: number): number {
  let state = (BigInt.asUintN(64, seed) ^ MULTIPLIER) & MASK;
  const next31 = (): number => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return Number(state >> 17n);
  };
  let r = next31();
  const m = bound - 1;
  if ((bound & m) === 0) return Math.floor((r * bound) / 2147483648);
  for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = next31());
  return r;
}

/** `new java.util.Random(seed).nextInt()`: exposed to check the generator against Java's known values. */
export function javaSeededNextInt32(seed: bigint): number {
  const state = (((BigInt.asUintN(64, seed) ^ MULTIPLIER) & MASK) * MULTIPLIER + ADDEND) & MASK;
  return Number(BigInt.asIntN(32, state >> 16n));
}
