/**
 * The sample median: the middle order statistic, or the mean of the two middle ones, (a + b) / 2
 * as R computes it. (simple-statistics' median is its type-7 quantile at ½, a + (b − a)·½, which
 * differs from this in the last bit for about one pair in eight: not the same definition to the
 * bit, so the project keeps its own.)
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median() of an empty sample");
  const sorted = [...values].sort((a, b) => a - b);
  return medianOfSorted(sorted);
}

/** Median of an already ascending array (no copy). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("median() of an empty sample");
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
