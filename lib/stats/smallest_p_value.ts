import type { Design } from "./design.ts";
import { logGamma } from "./log_gamma.ts";

/**
 * The smallest two-sided p-value the exact rank test can produce at this size, reached by a
 * perfect separation: 2 / C(n₁ + n₂, n₁) for Mann–Whitney (5 vs 5: 2/252 = 0.0079), 2 / 2ⁿ for
 * the signed-rank test (16 pairs: 3.05·10⁻⁵); capped at 1. If it exceeds the α′ a comparison
 * must reach, no data can make that comparison significant: it is underpowered by design.
 */
export function smallestPValue(design: Design): number {
  if (design.paired) {
    if (design.n < 1) return 1;
    return Math.min(1, Math.pow(2, 1 - design.n));
  }
  const { n1, n2 } = design;
  if (n1 < 1 || n2 < 1) return 1;
  const logChoose = logGamma(n1 + n2 + 1) - logGamma(n1 + 1) - logGamma(n2 + 1);
  return Math.min(1, 2 * Math.exp(-logChoose));
}

/**
 * The fewest processes (per side, equal sizes, when unpaired; pairs when paired) whose smallest
 * p-value reaches α: 5 per side unpaired and 8 pairs at α = 0.01.
 */
export function processesForSmallestP(alpha: number, paired: boolean): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1) (got ${alpha})`);
  for (let n = 1; n < 100_000; n++) {
    const design: Design = paired ? { paired: true, n } : { paired: false, n1: n, n2: n };
    if (smallestPValue(design) <= alpha) return n;
  }
  return Infinity;
}
