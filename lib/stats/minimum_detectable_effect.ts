import type { Design, PowerOptions } from "./design.ts";
import { normalQuantile } from "./normal.ts";

/**
 * Minimum detectable effect on the log scale (a shift of log times; change = exp(MDE) − 1):
 * - unpaired: (z₁₋α′/₂ + z_power) · s · √(1/n₁ + 1/n₂), s the SD of one observation (the log of a
 *   process median), as in DESIGN.md;
 * - paired: (z₁₋α′/₂ + z_power) · s_d / √n, s_d the SD of one paired difference of logs (the
 *   log-ratio of a round). This is the same normal-theory formula for the mean of n differences.
 * Both are the t/z-test sizes; the rank tests used here have asymptotic relative efficiency
 * 3/π ≈ 0.955 against them for normal data, so the true MDE is about 2% larger.
 *
 * Comparisons use it for two runs, with a MAD-based s. Paired rows measure their MDE by resampling
 * their rounds instead (`bootstrapMde()`): round log-ratios have heavy tails, and a MAD-based s_d
 * promised 9 rounds where 16 caught half. Planning (`processesForMde()`) keeps this formula, fed
 * with the rounds' sample SD.
 */
export function minimumDetectableEffect(
  sdLog: number,
  design: Design,
  options: PowerOptions,
): number {
  if (!(sdLog >= 0)) {
    throw new RangeError(`minimumDetectableEffect(): sd must be ≥ 0 (got ${sdLog})`);
  }
  checkPower(options);
  const z = normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power);
  if (design.paired) {
    if (design.n < 1) return Infinity;
    return (z * sdLog) / Math.sqrt(design.n);
  }
  if (design.n1 < 1 || design.n2 < 1) return Infinity;
  return z * sdLog * Math.sqrt(1 / design.n1 + 1 / design.n2);
}

export function checkPower(options: PowerOptions): void {
  if (!(options.alpha > 0 && options.alpha < 1)) {
    throw new RangeError(`alpha must lie in (0, 1) (got ${options.alpha})`);
  }
  if (!(options.power > 0 && options.power < 1)) {
    throw new RangeError(`power must lie in (0, 1) (got ${options.power})`);
  }
}
