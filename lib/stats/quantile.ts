/**
 * Sample quantile by linear interpolation between order statistics: Hyndman & Fan (1996)
 * definition 7, the default of R's `quantile()` and of numpy's `percentile()`. With the sample
 * sorted as x₁ ≤ … ≤ xₙ, h = (n − 1)·p and Q(p) = x⌊h⌋₊₁ + (h − ⌊h⌋)·(x⌊h⌋₊₂ − x⌊h⌋₊₁).
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("quantile() of an empty sample");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile(): p must lie in [0, 1] (got ${p})`);
  const sorted = [...values].sort((a, b) => a - b);
  return quantileOfSorted(sorted, p);
}

/** `quantile()` of an already ascending array (no copy). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
