import type { PowerOptions } from "./design.ts";
import { checkPower, minimumDetectableEffect } from "./minimum_detectable_effect.ts";
import { normalQuantile } from "./normal.ts";
import { processesForSmallestP } from "./smallest_p_value.ts";

/**
 * The fewest processes (per side, equal sizes, when unpaired; pairs when paired) for which a
 * comparison can detect a shift of `targetLog` (log scale: ln 1.05 for 5%) at α′ with the given
 * power: the MDE formula must reach the target — n = ⌈(z·s/target)²⌉ paired, ⌈2(z·s/target)²⌉ per
 * side unpaired, z = z₁₋α′/₂ + z_power — AND the exact test's smallest p-value must reach α′.
 * `sdLog` is the SD of one observation (unpaired) or of one paired difference (paired). At least 2.
 */
export function processesForMde(
  targetLog: number,
  sdLog: number,
  paired: boolean,
  options: PowerOptions,
): number {
  if (!(targetLog > 0)) {
    throw new RangeError(`processesForMde(): target must be > 0 (got ${targetLog})`);
  }
  if (!(sdLog >= 0)) throw new RangeError(`processesForMde(): sd must be ≥ 0 (got ${sdLog})`);
  checkPower(options);
  const z = normalQuantile(1 - options.alpha / 2) + normalQuantile(options.power);
  const ratio = (z * sdLog) / targetLog;
  let n = Math.max(
    2,
    processesForSmallestP(options.alpha, paired),
    Math.ceil((paired ? 1 : 2) * ratio * ratio),
  );
  // Guard the ceiling against rounding: step until the formula itself agrees.
  const design = (k: number) =>
    paired ? { paired: true as const, n: k } : { paired: false as const, n1: k, n2: k };
  while (
    n > 2 && minimumDetectableEffect(sdLog, design(n - 1), options) <= targetLog &&
    n - 1 >= processesForSmallestP(options.alpha, paired)
  ) n--;
  while (minimumDetectableEffect(sdLog, design(n), options) > targetLog) n++;
  return n;
}
