import { binomialCdf } from "./binomial_cdf.ts";

/** A distribution-free confidence interval of the median, from two order statistics. */
export interface MedianCi {
  lower: number;
  upper: number;
  /** 1-based ranks (k, n − k + 1) of the order statistics used. */
  ranks: [number, number];
  /** Exact coverage 1 − 2·P(B ≤ k − 1) with B ~ Binomial(n, ½); at least the requested level. */
  coverage: number;
}

/**
 * Distribution-free confidence interval of the median (e.g. Hollander & Wolfe, *Nonparametric
 * Statistical Methods*, §3.6; Conover, *Practical Nonparametric Statistics*, §3.2): the number of
 * observations below the median is Binomial(n, ½), so [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] covers the median with
 * probability 1 − 2·P(B ≤ k − 1). Returns the narrowest such interval whose coverage reaches
 * `confidence`. Even the widest one, [min, max], covers only 1 − 2⁽¹⁻ⁿ⁾, so no 95% interval exists
 * for n < 6 (n = 5 reaches 93.75%): the result is then null, never a narrower interval that
 * pretends.
 */
export function medianCi(values: readonly number[], confidence = 0.95): MedianCi | null {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`medianCi(): confidence must lie in (0, 1) (got ${confidence})`);
  }
  const n = values.length;
  if (n === 0) return null;
  let best = 0;
  for (let k = 1; k <= Math.ceil(n / 2); k++) {
    if (1 - 2 * binomialCdf(k - 1, n, 0.5) >= confidence) best = k;
    else break;
  }
  if (best === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    lower: sorted[best - 1],
    upper: sorted[n - best],
    ranks: [best, n - best + 1],
    coverage: 1 - 2 * binomialCdf(best - 1, n, 0.5),
  };
}
