/**
 * `logUniformInt()`: the distribution of target record sizes. ln(target) is uniform between ln(min)
 * and ln(max), so every factor of ten inside a scenario's size range gets the same share of records
 * (a 10 B – 100 KB range gets as many records below 100 B as between 10 KB and 100 KB).
 *
 * It is computed without `Math.exp`/`Math.log`/`Math.pow`, whose last bits may differ between
 * platforms: the exponent u ∈ [0, 1) has 20 random bits b₁…b₂₀, and (max/min)^u is the product of
 * the factors (max/min)^(2^-k) for the set bits, each factor made by k square roots. Square root,
 * multiplication and division are exactly rounded in IEEE 754, so every platform gets the same
 * integer.
 */

import type { Rng } from "../_common/prng.ts";

const BITS = 20;
const tables = new Map<string, number[]>();

/** factors[k] = ratio^(2^-(k+1)), by repeated square roots. */
function factorsFor(ratio: number): number[] {
  const key = String(ratio);
  let factors = tables.get(key);
  if (factors === undefined) {
    factors = [];
    let f = ratio;
    for (let k = 0; k < BITS; k++) {
      f = Math.sqrt(f);
      factors.push(f);
    }
    tables.set(key, factors);
  }
  return factors;
}

/** A log-uniform integer in [min, max] (1 ≤ min ≤ max), from one 32-bit draw. */
export function logUniformInt(rng: Rng, min: number, max: number): number {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 1 || max < min) {
    throw new RangeError(`logUniformInt(${min}, ${max}): need integers with 1 ≤ min ≤ max`);
  }
  const u = rng.nextUint32() >>> (32 - BITS);
  if (min === max) return min;
  const factors = factorsFor(max / min);
  let value = min;
  for (let k = 0; k < BITS; k++) {
    if ((u >>> (BITS - 1 - k)) & 1) value *= factors[k];
  }
  return Math.min(max, Math.max(min, Math.floor(value)));
}
