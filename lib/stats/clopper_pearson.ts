import { inverseRegularizedIncompleteBeta } from "./inverse_incomplete_beta.ts";

export interface ClopperPearsonOptions {
  /** Coverage of the interval. @default 0.95 */
  confidence?: number;
  /**
   * `two-sided` splits 1 − confidence between both tails (R's `binom.test()`); `upper` gives the
   * one-sided upper bound (lower = 0), `lower` the one-sided lower bound (upper = 1).
   * @default "two-sided"
   */
  sided?: "two-sided" | "upper" | "lower";
}

/**
 * Clopper–Pearson "exact" confidence bounds of a binomial proportion from `successes` out of
 * `trials`: the Beta quantiles lower = B(α/2; x, n − x + 1), upper = B(1 − α/2; x + 1, n − x).
 * Zero successes in 300 trials gives the one-sided 95% upper bound 1 − 0.05^(1/300) = 0.00994.
 */
export function clopperPearson(
  successes: number,
  trials: number,
  options: ClopperPearsonOptions = {},
): { lower: number; upper: number } {
  const confidence = options.confidence ?? 0.95;
  const sided = options.sided ?? "two-sided";
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`clopperPearson(): trials must be a positive count (got ${trials})`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`clopperPearson(): successes must lie in 0..${trials} (got ${successes})`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`clopperPearson(): confidence must lie in (0, 1) (got ${confidence})`);
  }
  const alpha = 1 - confidence;
  const tail = sided === "two-sided" ? alpha / 2 : alpha;
  const x = successes;
  const n = trials;
  const lower = sided === "upper" || x === 0
    ? 0
    : inverseRegularizedIncompleteBeta(tail, x, n - x + 1);
  const upper = sided === "lower" || x === n
    ? 1
    : inverseRegularizedIncompleteBeta(1 - tail, x + 1, n - x);
  return { lower, upper };
}
